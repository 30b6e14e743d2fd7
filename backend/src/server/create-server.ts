import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import express from 'express';
import helmet from 'helmet';
import cors from 'cors';
import { Server } from 'socket.io';
import type { Config } from '../config/config';
import { openDatabase, type DatabaseHandle } from '../db/database';
import { createLogger, type Logger } from '../logging/logger';
import { AuthService } from '../auth/auth.service';
import { ChatService } from '../chats/chat.service';
import { ChatLog } from '../history/chat-log';
import { ChatBus } from '../history/chat-bus';
import { HistoryService } from '../history/history.service';
import { IntentService } from '../intents/intent.service';
import { AlarmService } from '../alarms/alarm.service';
import { Orchestrator } from '../orchestrator/orchestrator';
import { ConnectionManager, type AppServer } from '../connection/connection-manager';
import { Presence } from '../connection/presence';
import { errorMiddleware, requireAuth } from '../http/middleware';
import { chatRoutes } from '../http/chat.routes';
import { alarmRoutes } from '../http/alarm.routes';
import { createUnderstanding } from './understanding';
import { SessionSweeper } from '../sessions/session-sweeper';
import type { Understanding } from '../orchestrator/understanding';

export interface RunningServer {
  url: string;
  port: number;
  config: Config;
  db: DatabaseHandle;
  io: AppServer;
  logger: Logger;
  orchestrator: Orchestrator;
  bus: ChatBus;
  sweeper: SessionSweeper;
  presence: Presence;
  /** Graceful stop: no new connections, running turns finish (bounded), sockets and database closed. */
  close(): Promise<void>;
}

export interface ServerOverrides {
  logger?: Logger;
  understanding?: Understanding;
  db?: DatabaseHandle;
  now?: () => Date;
}

/** Builds and starts the whole service on `config.port` (0 for a free port in tests). */
export async function createServer(config: Config, overrides: ServerOverrides = {}): Promise<RunningServer> {
  const logger = overrides.logger ?? createLogger(config.logLevel);
  const db = overrides.db ?? (await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir }));
  const auth = AuthService.create({ secret: config.authSecret, dataDir: config.dataDir, ttlSeconds: config.tokenTtlSeconds, adminUserIds: config.adminUserIds, logger });

  const app = express();
  const server = http.createServer(app);
  const io: AppServer = new Server(server, {
    maxHttpBufferSize: config.maxPayloadBytes,
    cors: config.corsOrigin ? { origin: config.corsOrigin.split(',').map((s) => s.trim()), credentials: true } : undefined,
    connectionStateRecovery: undefined,
  });

  const bus = new ChatBus();
  let connections: ConnectionManager | undefined;
  const log = new ChatLog(db.db, (event) => {
    connections?.publishToRoom(event);
    bus.publish(event);
  });
  const chats = new ChatService(db.db);
  const history = new HistoryService(db.db);
  const intents = new IntentService(db.db, config.sessionTtlMs);
  const alarms = new AlarmService(db.db);
  const understanding = overrides.understanding ?? createUnderstanding(config);
  const orchestrator = new Orchestrator({
    db: db.db, log, intents, alarms, understanding, minConfidence: config.nluMinConfidence, logger, now: overrides.now,
  });
  const presence = new Presence();
  connections = new ConnectionManager({
    io, auth, chats, history, intents, orchestrator, presence, logger,
    defaultTimeZone: config.defaultTimeZone, maxMessageLength: config.maxMessageLength,
  });
  connections.attach();
  const sweeper = new SessionSweeper(db.db, log, intents, presence, logger, {
    intervalMs: config.sweepIntervalMs,
    disconnectGraceMs: config.disconnectGraceMs,
    intentIdleTimeoutMs: config.intentIdleTimeoutMs,
    staleTurnMs: config.staleTurnMs,
  });

  app.disable('x-powered-by');
  app.use(helmet({ contentSecurityPolicy: { directives: { 'connect-src': ["'self'", 'ws:', 'wss:'] } } }));
  if (config.corsOrigin) app.use(cors({ origin: config.corsOrigin.split(',').map((s) => s.trim()) }));
  app.use(express.json({ limit: config.maxPayloadBytes }));

  app.get('/api/health', async (_req, res) => {
    const ok = await db.ping();
    res.status(200).json({ status: 'ok', database: { kind: db.kind, ok } });
  });
  app.get('/api/ready', async (_req, res) => {
    const ok = await db.ping();
    res.status(ok ? 200 : 503).json({ ready: ok, database: { kind: db.kind, ok } });
  });
  app.get('/api/branding', (_req, res) => {
    res.json(config.brand);
  });
  app.post('/api/auth/guest', async (_req, res) => {
    res.status(201).json(await auth.issueGuest());
  });
  const authed = requireAuth(auth);
  app.use('/api', authed, chatRoutes({
    db: db.db, chats, history, intents, orchestrator, bus,
    defaultTimeZone: config.defaultTimeZone, maxMessageLength: config.maxMessageLength,
  }));
  app.use('/api', authed, alarmRoutes(alarms, config.defaultTimeZone));
  app.use('/api', (_req, res) => {
    res.status(404).json({ error: { code: 'not_found', message: 'No such API route.', retryable: false } });
  });

  if (fs.existsSync(path.join(config.staticDir, 'index.html'))) {
    app.use(express.static(config.staticDir, { index: 'index.html', maxAge: '1h' }));
    app.get(/^\/(?!api\/|socket\.io\/).*/, (_req, res) => res.sendFile(path.join(config.staticDir, 'index.html')));
  } else {
    app.get('/', (_req, res) => {
      res.type('text').send('The UI is not built yet: run `npm run build --workspace frontend` (npm start does it).');
    });
  }
  app.use(errorMiddleware(logger));

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, () => resolve());
  });
  const port = (server.address() as { port: number }).port;
  const url = `http://127.0.0.1:${port}`;
  logger.info({ url, database: db.kind, nlu: understanding.provider }, 'server listening');
  sweeper.start();

  let closing: Promise<void> | undefined;
  const close = () => (closing ??= (async () => {
    server.close();
    await sweeper.stop();
    const drained = orchestrator.drain();
    await Promise.race([drained, new Promise((r) => setTimeout(r, config.shutdownTimeoutMs).unref())]);
    io.disconnectSockets(true);
    await new Promise<void>((resolve) => io.close(() => resolve()));
    if (!overrides.db) await db.close();
  })());

  return { url, port, config, db, io, logger, orchestrator, bus, sweeper, presence, close };
}
