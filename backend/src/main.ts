import { loadConfig } from './config/config';
import { createServer } from './server/create-server';

/** `npm start`: the whole service on PORT (default 3000). */
async function main(): Promise<void> {
  const config = loadConfig();
  const server = await createServer(config);
  // eslint-disable-next-line no-console
  console.log(`\n  Ready: http://localhost:${server.port}  (database: ${server.db.kind}${server.db.kind === 'pglite' ? ` in ${config.dataDir}` : ''})\n`);
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    server.logger.info({ signal }, 'shutting down');
    // A stuck close (a hung database) must not keep a stopped node around forever.
    setTimeout(() => {
      server.logger.error('shutdown timed out');
      process.exit(1);
    }, config.shutdownTimeoutMs + 10_000).unref();
    server.close().then(() => process.exit(0), (err) => {
      server.logger.error({ err }, 'shutdown failed');
      process.exit(1);
    });
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
  // One failed promise somewhere must not end every other person's conversation.
  process.on('unhandledRejection', (err) => server.logger.error({ err }, 'unhandled rejection'));
}

main().catch((err) => {
  // eslint-disable-next-line no-console
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
