import type { Socket } from 'socket.io-client';
import type { Ack } from '@app/shared';
import { SendError } from './errors';
import type { AckData, AppSocket, EventName, Payload } from './protocol';

/**
 * Every emit ends as data or a SendError, so callers (the outbox above all) can tell a failure
 * worth retrying (no socket, no answer in time) from a refusal by the server. The chat and the
 * operator console word "not connected" differently, hence `notConnected`.
 */
export async function requestWithAck<K extends EventName>(
  socket: AppSocket | null,
  event: K,
  payload: Payload<K>,
  timeoutMs: number,
  notConnected: () => SendError,
): Promise<AckData<K>> {
  if (!socket?.connected) throw notConnected();
  let ack: Ack<AckData<K>>;
  try {
    ack = await (socket.timeout(timeoutMs) as unknown as Socket).emitWithAck(event, payload);
  } catch {
    throw new SendError('timeout', 'The server did not answer in time.', true);
  }
  if (!ack || typeof ack !== 'object') throw new SendError('internal', 'The server sent an unexpected answer.', false);
  if (!ack.ok) throw SendError.fromBody(ack.error);
  return ack.data;
}
