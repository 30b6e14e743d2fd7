import type { ManagerOptions, Socket, SocketOptions } from 'socket.io-client';
import type { Ack, ChatEventType, ClientToServerEvents, ServerToClientEvents } from '@app/shared';
import type { AppStore } from '../store';

export type AppSocket = Socket<ServerToClientEvents, ClientToServerEvents>;
export type Connect = (origin: string, options: Partial<ManagerOptions & SocketOptions>) => AppSocket;

export type EventName = keyof ClientToServerEvents;
export type Payload<K extends EventName> = Parameters<ClientToServerEvents[K]>[0];
/** The `data` of a successful ack of event K. */
export type AckData<K extends EventName> = Parameters<ClientToServerEvents[K]>[1] extends (ack: Ack<infer T>) => void ? T : never;
/** Emits with an ack and a timeout; resolves with the ack's data or throws a SendError. */
export type Request = <K extends EventName>(event: K, payload: Payload<K>) => Promise<AckData<K>>;

/** Listed here rather than imported so the bundle does not pull zod in with the shared schemas. */
export const EVENT_TYPES: readonly ChatEventType[] = ['user', 'thinking', 'response', 'component', 'error', 'session', 'operator'];

/** Exponential backoff with ±50% jitter, capped at 30 s (for retries Socket.IO doesn't do itself). */
export function backoff(attempt: number): number {
  return Math.min(30_000, 1_000 * 2 ** Math.min(attempt, 5)) * (0.5 + Math.random());
}

/** Did the server's handshake middleware reject our token? */
export function isUnauthorized(err: Error & { data?: unknown }): boolean {
  const code = (err.data as { code?: unknown } | undefined)?.code;
  return code === 'unauthorized' || /unauthori[sz]ed|invalid token|jwt/i.test(err.message);
}

export interface ClientOptions {
  store: AppStore;
  origin?: string;
  fetch?: typeof fetch;
  /** Tests pass a fake socket factory. */
  connect?: Connect;
  ackTimeoutMs?: number;
  pollIntervalMs?: number;
  /** Consecutive connect errors before falling back to REST polling. */
  fallbackAfterErrors?: number;
  /** How long a seq gap may wait for the missing events before the chat is re-joined. */
  gapWaitMs?: number;
}
