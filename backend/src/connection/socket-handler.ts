import type { Ack } from '@app/shared';
import type { z } from 'zod';
import { AppError, toAppError } from '../errors/app-error';
import type { Logger } from '../logging/logger';
import { guardInput } from '../security/input-guard';
import type { AppSocket } from './connection-manager';

/**
 * A client -> server event: its payload schema and what it does. Routes are made once and
 * shared by every socket (see ConnectionManager): per-connection closures cost heap on every
 * open connection, idle or not.
 */
export interface SocketRoute<S extends z.ZodType = z.ZodType, R = unknown> {
  schema: S;
  handle: (socket: AppSocket, payload: z.infer<S>) => Promise<R>;
}

/** A route, typed from its schema. */
export function route<S extends z.ZodType, R>(schema: S, handle: (socket: AppSocket, payload: z.infer<S>) => Promise<R>): SocketRoute<S, R> {
  return { schema, handle };
}

/** Event name -> route. A Map, so names such as `__proto__` or `toString` are just unknown. */
export type SocketRoutes = Map<string, SocketRoute<any, any>>;

/** Where a failed event is reported. */
export interface RouteContext {
  logger: Logger;
  onError?: (err: AppError, event: string) => void;
  /** Answers `unavailable` (retryable) when the handler takes longer; 0 or unset: no deadline. */
  timeoutMs?: number;
}

/** The ack callback of an inbound packet (Socket.IO passes it last), if the client asked for one. */
export function ackOf<R>(args: unknown[]): ((a: Ack<R>) => void) | undefined {
  const last = args[args.length - 1];
  return typeof last === 'function' ? (last as (a: Ack<R>) => void) : undefined;
}

/**
 * The one wrapper of every client -> server event: validates the payload with its zod
 * schema, runs the handler, and answers with the ack envelope. Bad input changes nothing;
 * internal errors are logged and reported without details. A missing ack callback is
 * tolerated (the client just gets no answer) so a malformed emit cannot crash anything.
 */
export async function runRoute<R>(ctx: RouteContext, event: string, r: SocketRoute<z.ZodType, R>, socket: AppSocket, args: unknown[]): Promise<void> {
  const ack = ackOf<R>(args);
  const payload = ack && args.length === 1 ? undefined : args[0];
  try {
    const parsed = r.schema.safeParse(guardInput(payload ?? {}));
    if (!parsed.success) throw AppError.fromZod(parsed.error, `${event} payload`);
    const data = await withDeadline(r.handle(socket, parsed.data), ctx.timeoutMs, ctx.logger, event);
    ack?.({ ok: true, data });
  } catch (err) {
    const appErr = toAppError(err);
    if (appErr.code === 'internal' || appErr.code === 'unavailable') {
      ctx.logger.error({ err, event, connectionId: socket.data.connectionId, userId: socket.data.userId }, 'socket handler failed');
    }
    ctx.onError?.(appErr, event);
    ack?.({ ok: false, error: appErr.toBody() });
  }
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
