import type { Server } from 'socket.io';

/**
 * Closes every client transport of this node after what was already sent to it has gone out.
 *
 * `io.close()` closes engine.io sockets with `discard`, which drops packets still waiting in a
 * socket's write buffer: a turn that finished during the drain could lose its last events on the
 * wire (they are stored, so a reconnect replays them, but the person sees the reply late).
 * `close()` without discard waits for the buffer's `drain` first. Closing the transport, not
 * sending a Socket.IO disconnect, makes clients reconnect by themselves (to another node).
 * Resolves when all are closed or after `timeoutMs`, whichever is first.
 */
interface EngineSocket {
  readyState: string;
  once(ev: 'close', fn: () => void): void;
  close(discard?: boolean): void;
}

export async function closeTransportsAfterFlush(io: Server, timeoutMs: number): Promise<void> {
  // engine.io keeps its open sockets (all namespaces) in `clients`, public at runtime but
  // `protected` in its typings.
  const clients = Object.values((io.engine as unknown as { clients: Record<string, EngineSocket> }).clients ?? {});
  const closed = clients.map((c) => new Promise<void>((resolve) => {
    if (c.readyState === 'closed') return resolve();
    c.once('close', () => resolve());
    c.close();
  }));
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([
    Promise.all(closed),
    new Promise<void>((resolve) => {
      timer = setTimeout(resolve, timeoutMs);
      timer.unref();
    }),
  ]);
  clearTimeout(timer);
}
