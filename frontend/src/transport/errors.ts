import type { ErrorBody } from '@app/shared';

/**
 * A failed send, whatever the path (socket ack, ack timeout, REST). `retryable` decides
 * whether the outbox keeps the item for later or marks it failed.
 */
export class SendError extends Error {
  constructor(readonly code: string, message: string, readonly retryable: boolean, readonly status?: number) {
    super(message);
    this.name = 'SendError';
  }

  static fromBody(body: ErrorBody, status?: number): SendError {
    return new SendError(body.code, body.message, body.retryable, status);
  }
}

export const offlineError = () => new SendError('unavailable', "You're offline. It will be sent when the connection is back.", true);

export function toSendError(err: unknown): SendError {
  if (err instanceof SendError) return err;
  // fetch rejects with a TypeError when the network is down: worth retrying.
  const message = err instanceof Error ? err.message : String(err);
  return new SendError('unavailable', message || 'Network error', true);
}

/** REST errors come as `{ error: ErrorBody }` or as the body itself. */
export function errorBodyOf(json: unknown): ErrorBody | null {
  const candidate = json && typeof json === 'object' && 'error' in json ? (json as { error: unknown }).error : json;
  if (candidate && typeof candidate === 'object' && 'code' in candidate && 'message' in candidate) {
    const c = candidate as Partial<ErrorBody>;
    return { code: c.code!, message: String(c.message), retryable: Boolean(c.retryable), fields: c.fields };
  }
  return null;
}
