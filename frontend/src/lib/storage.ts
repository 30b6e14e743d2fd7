/**
 * localStorage that never throws: Safari private mode, a full quota or a disabled storage
 * must degrade to "not remembered", never break the chat.
 */
export const STORAGE_KEYS = {
  auth: 'io.auth.v1',
  outbox: 'io.outbox.v1',
  currentChat: 'io.currentChat.v1',
  theme: 'io.theme.v1',
} as const;

function storage(): Storage | null {
  try {
    return typeof window !== 'undefined' ? window.localStorage : null;
  } catch {
    return null;
  }
}

export function readJson<T>(key: string, fallback: T): T {
  try {
    const raw = storage()?.getItem(key);
    return raw == null ? fallback : (JSON.parse(raw) as T);
  } catch {
    return fallback;
  }
}

export function writeJson(key: string, value: unknown): void {
  try {
    if (value === null || value === undefined) storage()?.removeItem(key);
    else storage()?.setItem(key, JSON.stringify(value));
  } catch {
    /* quota or privacy mode: the value just won't survive a reload */
  }
}
