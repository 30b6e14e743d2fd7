import { RETRYABLE_CODES, type ErrorBody, type ErrorCode } from '@app/shared';
import type { z } from 'zod';

const HTTP_STATUS: Record<ErrorCode, number> = {
  bad_request: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  rate_limited: 429,
  unavailable: 503,
  timeout: 504,
  internal: 500,
};

/** The one error type that crosses module boundaries; everything else becomes `internal`. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly retryable: boolean;
  readonly fields?: Record<string, string>;

  constructor(code: ErrorCode, message: string, opts: { retryable?: boolean; fields?: Record<string, string>; cause?: unknown } = {}) {
    super(message, { cause: opts.cause });
    this.name = 'AppError';
    this.code = code;
    this.retryable = opts.retryable ?? RETRYABLE_CODES.has(code);
    this.fields = opts.fields;
  }

  get status(): number {
    return HTTP_STATUS[this.code];
  }

  toBody(): ErrorBody {
    return { code: this.code, message: this.message, retryable: this.retryable, ...(this.fields ? { fields: this.fields } : {}) };
  }

  static notFound(what: string): AppError {
    return new AppError('not_found', `${what} was not found.`);
  }

  /** Turns a zod failure into a `bad_request` naming each bad field. */
  static fromZod(error: z.ZodError, what = 'payload'): AppError {
    const fields: Record<string, string> = {};
    for (const issue of error.issues) {
      const key = issue.path.length ? issue.path.join('.') : '_';
      fields[key] ??= issue.message;
    }
    const summary = Object.entries(fields).map(([k, v]) => (k === '_' ? v : `${k}: ${v}`)).join('; ');
    return new AppError('bad_request', `Invalid ${what}: ${summary}`, { fields });
  }
}

const PG_UNAVAILABLE = new Set(['57P01', '57P02', '57P03', '08000', '08003', '08006', '08001', '08004', '53300']);
const NET_UNAVAILABLE = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND']);

/** Maps any thrown value to an AppError, hiding internals (no stack traces to clients). */
export function toAppError(err: unknown): AppError {
  if (err instanceof AppError) return err;
  const code = (err as { code?: unknown } | null)?.code;
  const message = err instanceof Error ? err.message : '';
  if (typeof code === 'string' && (PG_UNAVAILABLE.has(code) || NET_UNAVAILABLE.has(code))) {
    return new AppError('unavailable', 'The service is temporarily unavailable. Please retry.', { cause: err });
  }
  // SQLSTATE class 22 (data exception: out of range, bad encoding...) comes from a value the
  // client sent that slipped past validation: the request is bad, the server is fine.
  if (typeof code === 'string' && /^22[0-9A-Z]{3}$/.test(code)) {
    return new AppError('bad_request', 'A value in the request is out of range or malformed.', { cause: err });
  }
  if (/Connection terminated|timeout exceeded when trying to connect|connect ECONNREFUSED|Client has encountered a connection error/i.test(message)) {
    return new AppError('unavailable', 'The service is temporarily unavailable. Please retry.', { cause: err });
  }
  return new AppError('internal', 'Something went wrong on our side.', { cause: err });
}
