import type { AuthSession } from './auth';
import { errorBodyOf, SendError, toSendError } from './errors';

const REQUEST_TIMEOUT_MS = 30_000;
const TIME_ZONE = Intl.DateTimeFormat().resolvedOptions().timeZone;

/**
 * JSON over fetch with `Authorization: Bearer`, one token refresh on 401, and a timeout.
 * `X-Time-Zone` tells the REST path what the socket handshake tells the socket path.
 */
export class Http {
  constructor(private readonly baseUrl: string, private readonly auth: AuthSession, private readonly fetchImpl: typeof fetch) {}

  get<T>(path: string): Promise<T> {
    return this.request<T>('GET', path);
  }

  post<T>(path: string, body: unknown): Promise<T> {
    return this.request<T>('POST', path, body);
  }

  private async request<T>(method: string, path: string, body?: unknown, retried = false): Promise<T> {
    const { token } = await this.auth.ensure();
    const controller = typeof AbortController !== 'undefined' ? new AbortController() : null;
    const timer = setTimeout(() => controller?.abort(), REQUEST_TIMEOUT_MS);
    let res: Response;
    try {
      res = await this.fetchImpl(`${this.baseUrl}${path}`, {
        method,
        headers: { Accept: 'application/json', Authorization: `Bearer ${token}`, 'X-Time-Zone': TIME_ZONE, ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}) },
        body: body !== undefined ? JSON.stringify(body) : undefined,
        signal: controller?.signal,
      });
    } catch (err) {
      throw toSendError(err);
    } finally {
      clearTimeout(timer);
    }
    if (res.status === 401 && !retried) {
      await this.auth.refresh();
      return this.request<T>(method, path, body, true);
    }
    const json: unknown = await res.json().catch(() => null);
    if (!res.ok) {
      const err = errorBodyOf(json);
      if (err) throw SendError.fromBody(err, res.status);
      throw new SendError(res.status >= 500 ? 'unavailable' : 'bad_request', `Request failed (${res.status})`, res.status >= 500 || res.status === 429, res.status);
    }
    return json as T;
  }
}
