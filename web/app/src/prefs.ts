/** The display name is remembered in this browser so the pre-join screen can prefill it. */
const NAME_KEY = 'parley.name';

export function loadName(): string {
  try {
    return localStorage.getItem(NAME_KEY) ?? '';
  } catch {
    return ''; // storage disabled (private mode, policies): just start empty
  }
}

export function saveName(name: string): void {
  try {
    localStorage.setItem(NAME_KEY, name);
  } catch {
    // not remembering the name is fine
  }
}
