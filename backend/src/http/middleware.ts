import type { NextFunction, Request, Response } from 'express';
import type { AuthService } from '../auth/auth.service';
import type { Principal } from '../chats/chat.service';
import { AppError, toAppError } from '../errors/app-error';
import type { Logger } from '../logging/logger';

/** Verifies `Authorization: Bearer <token>` and puts the principal on `res.locals`. */
export function requireAuth(auth: AuthService) {
  return async (req: Request, res: Response, next: NextFunction) => {
    try {
      const header = req.get('authorization') ?? '';
      const token = header.startsWith('Bearer ') ? header.slice(7).trim() : undefined;
      res.locals.principal = await auth.verify(token);
      next();
    } catch (err) {
      next(err);
    }
  };
}

export function principalOf(res: Response): Principal {
  return res.locals.principal as Principal;
}

/** The one express error middleware: AppError -> its status and body; anything else -> 500 without details. */
export function errorMiddleware(logger: Logger, onError?: (err: AppError) => void) {
  // express recognises error middleware by its four parameters.
  return (err: unknown, _req: Request, res: Response, _next: NextFunction) => {
    let appErr: AppError;
    const e = err as { type?: string; status?: number } | null;
    if (err instanceof AppError) appErr = err;
    else if (e?.type === 'entity.too.large') appErr = new AppError('payload_too_large', 'The request body is too large.');
    else if (e?.type === 'entity.parse.failed' || e?.type === 'encoding.unsupported' || e?.type === 'charset.unsupported') appErr = new AppError('bad_request', 'The request body is not valid JSON.');
    else if (typeof e?.status === 'number' && e.status >= 400 && e.status < 500) appErr = fromHttpStatus(e.status);
    else appErr = toAppError(err);
    if (appErr.code === 'internal' || appErr.code === 'unavailable') logger.error({ err }, 'request failed');
    onError?.(appErr);
    if (res.headersSent) {
      res.end();
      return;
    }
    const retryAfterMs = (appErr as { retryAfterMs?: unknown }).retryAfterMs;
    if (typeof retryAfterMs === 'number') res.set('Retry-After', String(Math.ceil(retryAfterMs / 1000)));
    res.status(appErr.status).json({ error: appErr.toBody() });
  };
}

/** A 4xx raised by express itself (e.g. a path that is not valid percent-encoding), without its message. */
function fromHttpStatus(status: number): AppError {
  switch (status) {
    case 401: return new AppError('unauthorized', 'A valid token is required.');
    case 403: return new AppError('forbidden', 'This is not allowed.');
    case 404: return new AppError('not_found', 'Not found.');
    case 413: return new AppError('payload_too_large', 'The request body is too large.');
    case 429: return new AppError('rate_limited', 'Too many requests.');
    default: return new AppError('bad_request', 'The request is malformed.');
  }
}
