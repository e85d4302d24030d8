export function toHex(bytes: ArrayBuffer): string {
  let out = '';
  for (const byte of new Uint8Array(bytes)) {
    out += byte.toString(16).padStart(2, '0');
  }
  return out;
}

/** SHA-256 of the given bytes, as 64 lowercase hex digits. */
export async function sha256Hex(data: ArrayBuffer | Blob): Promise<string> {
  const bytes = data instanceof ArrayBuffer ? data : await data.arrayBuffer();
  return toHex(await crypto.subtle.digest('SHA-256', bytes));
}
