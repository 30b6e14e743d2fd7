import { io } from 'socket.io-client';
import type { AppSocket, Connect } from './protocol';

/**
 * Socket.IO's own reconnection, capped at 30 s and jittered so that a server restart is not
 * met by every client reconnecting in the same instant. Shared by the chat and the console.
 */
export const RECONNECTION = {
  reconnection: true,
  reconnectionDelay: 1_000,
  reconnectionDelayMax: 30_000,
  randomizationFactor: 0.5,
  timeout: 10_000,
} as const;

/** `io()` returns an untyped socket: the protocol's event types are asserted here, once. */
export const defaultConnect: Connect = (origin, options) => io(origin, options) as AppSocket;
