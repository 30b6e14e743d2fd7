/**
 * Benchmark child: the baseline. A bare Socket.IO server on 127.0.0.1 that acknowledges
 * every `echo` with its payload: no auth, no validation, no storage. The same transport and
 * library as the real server, so the ratios show what the product adds.
 */
import http from 'node:http';
import { Server } from 'socket.io';
import { notify, serve } from './ipc';

async function main(): Promise<void> {
  const server = http.createServer();
  const io = new Server(server);
  io.on('connection', (socket) => {
    socket.on('echo', (payload: unknown, ack?: (p: unknown) => void) => ack?.(payload));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;

  serve({
    heap: () => {
      const gc = (globalThis as { gc?: () => void }).gc;
      if (!gc) throw new Error('run with --expose-gc');
      for (let i = 0; i < 3; i++) gc();
      return { ...process.memoryUsage(), connections: io.engine.clientsCount };
    },
    async stop() {
      io.disconnectSockets(true);
      await new Promise<void>((resolve) => io.close(() => resolve()));
      setImmediate(() => process.exit(0));
      return { stopped: true };
    },
  });
  notify('ready', { url: `http://127.0.0.1:${port}` });
}

main().catch((err) => {
  // eslint-disable-next-line no-console
  console.error(err);
  process.exit(1);
});
