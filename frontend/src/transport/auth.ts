import { readJson, STORAGE_KEYS, writeJson } from '../lib/storage';
import { errorBodyOf, SendError } from './errors';

interface StoredAuth {
  token: string;
  userId: string;
}

/**
 * The guest identity: one token per browser, kept in localStorage so chats survive reloads.
 * A new one is only fetched when there is none or the server rejected the old one.
 */
export class AuthSession {
  private stored: StoredAuth | null;
  private inflight: Promise<StoredAuth> | null = null;

  constructor(private readonly baseUrl: string, private readonly fetchImpl: typeof fetch) {
    const s = readJson<Partial<StoredAuth> | null>(STORAGE_KEYS.auth, null);
    this.stored = s && typeof s.token === 'string' && typeof s.userId === 'string' ? { token: s.token, userId: s.userId } : null;
  }

  get token(): string | null {
    return this.stored?.token ?? null;
  }

  get userId(): string | null {
    return this.stored?.userId ?? null;
  }

  async ensure(): Promise<StoredAuth> {
    return this.stored ?? this.refresh();
  }

  /** Single-flight: concurrent 401s must not create several guest users. */
  refresh(): Promise<StoredAuth> {
    this.inflight ??= this.fetchGuest().finally(() => { this.inflight = null; });
    return this.inflight;
  }

  private async fetchGuest(): Promise<StoredAuth> {
    const res = await this.fetchImpl(`${this.baseUrl}/api/auth/guest`, { method: 'POST', headers: { Accept: 'application/json' } });
    const json: unknown = await res.json().catch(() => null);
    if (!res.ok) {
      const body = errorBodyOf(json);
      throw body ? SendError.fromBody(body, res.status) : new SendError('unavailable', `Sign-in failed (${res.status})`, true, res.status);
    }
    const { token, userId } = (json ?? {}) as Partial<StoredAuth>;
    if (typeof token !== 'string' || typeof userId !== 'string') throw new SendError('internal', 'Sign-in answered without a token', true);
    this.stored = { token, userId };
    writeJson(STORAGE_KEYS.auth, this.stored);
    return this.stored;
  }
}
