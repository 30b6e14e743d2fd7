import type { Ack } from '@app/shared';
import type { z } from 'zod';
import { AppError, toAppError } from '../errors/app-error';
import type { Logger } from '../logging/logger';
import { guardInput } from '../security/input-guard';

/**
 * The one wrapper of every client -> server event: validates the payload with its zod
 * schema, runs the handler, and answers with the ack envelope. Bad input changes nothing;
 * internal errors are logged and reported without details. A missing ack callback is
 * tolerated (the client just gets no answer) so a malformed emit cannot crash anything.
 */
export function socketHandler<S extends z.ZodType, R>(
  logger: Logger,
  event: string,
  schema: S,
  handle: (payload: z.infer<S>) => Promise<R>,
  onError?: (err: AppError) => void,
  /** Answers `unavailable` (retryable) when the handler takes longer; 0 or unset: no deadline. */
  timeoutMs?: number,
) {
  return async (...args: unknown[]): Promise<void> => {
    const maybeAck = args[args.length - 1];
    const ack = typeof maybeAck === 'function' ? (maybeAck as (a: Ack<R>) => void) : undefined;
    const payload = ack && args.length === 1 ? undefined : args[0];
    try {
      const parsed = schema.safeParse(guardInput(payload ?? {}));
      if (!parsed.success) throw AppError.fromZod(parsed.error, `${event} payload`);
      const data = await withDeadline(handle(parsed.data), timeoutMs, logger, event);
      ack?.({ ok: true, data });
    } catch (err) {
      const appErr = toAppError(err);
      if (appErr.code === 'internal' || appErr.code === 'unavailable') logger.error({ err, event }, 'socket handler failed');
      onError?.(appErr);
      ack?.({ ok: false, error: appErr.toBody() });
    }
  };
}

/**
 * A slow dependency (a database that answers late) must end in a clear, retryable error, not
 * in silence. The work itself goes on: if it does complete, a retry with the same idempotency
 * key finds it (`duplicate: true`), so "nothing acknowledged that was not stored" still holds.
 */
function withDeadline<T>(work: Promise<T>, timeoutMs: number | undefined, logger: Logger, event: string): Promise<T> {
  if (!timeoutMs) return work;
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      work.then(
        () => logger.warn({ event, timeoutMs }, 'socket handler finished after its deadline'),
        (err) => logger.warn({ err, event, timeoutMs }, 'socket handler failed after its deadline'),
      );
      reject(new AppError('unavailable', 'The service is responding slowly. Please retry.'));
    }, timeoutMs);
  });
  return Promise.race([work, deadline]).finally(() => clearTimeout(timer));
}
