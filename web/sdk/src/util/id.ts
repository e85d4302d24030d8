/** A random id of 16 hex digits; works on insecure pages too (unlike crypto.randomUUID). */
export function randomId(): string {
  const bytes = new Uint8Array(8);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}
