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
) {
  return async (...args: unknown[]): Promise<void> => {
    const maybeAck = args[args.length - 1];
    const ack = typeof maybeAck === 'function' ? (maybeAck as (a: Ack<R>) => void) : undefined;
    const payload = ack && args.length === 1 ? undefined : args[0];
    try {
      const parsed = schema.safeParse(guardInput(payload ?? {}));
      if (!parsed.success) throw AppError.fromZod(parsed.error, `${event} payload`);
      const data = await handle(parsed.data);
      ack?.({ ok: true, data });
    } catch (err) {
      const appErr = toAppError(err);
      if (appErr.code === 'internal' || appErr.code === 'unavailable') logger.error({ err, event }, 'socket handler failed');
      onError?.(appErr);
      ack?.({ ok: false, error: appErr.toBody() });
    }
  };
}
