import type { ChatActivity, IntentFunnel } from '@app/shared';
import { errorBodyOf, SendError, toSendError } from '../transport/errors';
import type { OperatorAuth } from './store';

/** The operator's token lives in sessionStorage: it survives a reload of the tab, not the browser. */
const AUTH_KEY = 'io.operator.v1';

function session(): Storage | null {
  try {
    return typeof window !== 'undefined' ? window.sessionStorage : null;
  } catch {
    return null;
  }
}

export function loadOperatorAuth(): OperatorAuth | null {
  try {
    const a = JSON.parse(session()?.getItem(AUTH_KEY) ?? 'null') as Partial<OperatorAuth> | null;
    return a && typeof a.token === 'string' && typeof a.userId === 'string' && typeof a.name === 'string' ? { token: a.token, userId: a.userId, name: a.name } : null;
  } catch {
    return null;
  }
}

export function saveOperatorAuth(auth: OperatorAuth | null): void {
  try {
    if (auth) session()?.setItem(AUTH_KEY, JSON.stringify(auth));
    else session()?.removeItem(AUTH_KEY);
  } catch {
    /* private mode: signed in for this page only */
  }
}

/** The console's REST calls: sign-in, the chat list, the funnel, branding. */
export class OperatorHttp {
  constructor(private readonly origin: string, private readonly fetchImpl: typeof fetch) {}

  /** `POST /api/auth/operator`; the server's message (wrong password, disabled) on failure. */
  async signIn(name: string, password: string): Promise<OperatorAuth> {
    const { token, userId } = await this.request<{ token: string; userId: string }>('POST', '/api/auth/operator', null, { name, password });
    if (typeof token !== 'string' || typeof userId !== 'string') throw new SendError('internal', 'Sign-in answered without a token.', false);
    return { token, userId, name: userId.replace(/^operator:/, '') || name };
  }

  async chats(token: string): Promise<ChatActivity[]> {
    const { chats } = await this.request<{ chats: ChatActivity[] }>('GET', '/api/operator/chats', token);
    return Array.isArray(chats) ? chats : [];
  }

  funnel(token: string, from: string, to: string): Promise<IntentFunnel> {
    return this.request<IntentFunnel>('GET', `/api/operator/funnel?${new URLSearchParams({ from, to })}`, token);
  }

  branding(): Promise<Record<string, unknown>> {
    return this.request('GET', '/api/branding', null);
  }

  private async request<T>(method: string, path: string, token: string | null, body?: unknown): Promise<T> {
    let res: Response;
    try {
      res = await this.fetchImpl(`${this.origin}${path}`, {
        method,
        headers: { Accept: 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}), ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}) },
        body: body !== undefined ? JSON.stringify(body) : undefined,
      });
    } catch (err) {
      throw toSendError(err);
    }
    const json: unknown = await res.json().catch(() => null);
    if (!res.ok) {
      const err = errorBodyOf(json);
      if (err) throw SendError.fromBody(err, res.status);
      throw new SendError(res.status >= 500 ? 'unavailable' : 'bad_request', `Request failed (${res.status})`, res.status >= 500, res.status);
    }
    return json as T;
  }
}
