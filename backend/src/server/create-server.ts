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
import { ConnectionManager, roomOf, type AppServer } from '../connection/connection-manager';
import { Presence } from '../connection/presence';
import { closeTransportsAfterFlush } from '../connection/close-transports';
import { errorMiddleware, requireAuth } from '../http/middleware';
import { chatRoutes } from '../http/chat.routes';
import { alarmRoutes } from '../http/alarm.routes';
import { createUnderstanding } from './understanding';
import { SessionSweeper } from '../sessions/session-sweeper';
import { OperatorService, activityFromEvent } from '../operator/operator.service';
import { OPERATORS_ROOM, operatorSocketRoutes } from '../operator/operator.socket';
import { operatorRoutes } from '../operator/operator.routes';
import { operatorSignIn } from '../auth/operator-sign-in';
import type { Understanding } from '../orchestrator/understanding';
import { AppError } from '../errors/app-error';
import { attachRedisAdapter } from '../cluster/redis-adapter';
import { Metrics } from '../metrics/metrics';
import { RateLimits, type LimitKind } from '../security/rate-limits';
import { guardBody } from '../security/input-guard';
import { parseOrigins, socketOriginCheck } from '../security/origins';

export interface RunningServer {
  url: string;
  port: number;
  config: Config;
  db: DatabaseHandle;
  io: AppServer;
  logger: Logger;
  orchestrator: Orchestrator;
  bus: ChatBus;
  metrics: Metrics;
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
  const origins = parseOrigins(config.corsOrigin);
  const corsOrigin = origins?.includes('*') ? '*' : origins;
  const io: AppServer = new Server(server, {
    maxHttpBufferSize: config.maxPayloadBytes,
    cors: corsOrigin ? { origin: corsOrigin, credentials: corsOrigin !== '*' } : undefined,
    ...(origins ? { allowRequest: socketOriginCheck(origins) } : {}),
    connectionStateRecovery: undefined,
  });
  const cluster = config.redisUrl ? await attachRedisAdapter(io, { url: config.redisUrl, keyPrefix: config.redisKeyPrefix, logger }) : undefined;
  const metrics = new Metrics();
  metrics.countConnectionsWith(() => io.of('/').sockets.size);
  const limits = new RateLimits({
    eventsPerSecond: config.eventsPerSecond, messagesPerMinute: config.messagesPerMinute,
    redis: cluster?.redis, keyPrefix: config.redisKeyPrefix, logger, onLimited: (limit) => metrics.rateLimited.inc({ limit }),
  });
  // Once shutting down, new messages go elsewhere (retryable); running turns finish.
  let draining = false;
  const admit = async (kind: LimitKind, key: string) => {
    if (draining && kind === 'message') throw new AppError('unavailable', 'This server is restarting. Please retry in a moment.');
    await limits.check(kind, key);
  };

  const bus = new ChatBus();
  let connections: ConnectionManager | undefined;
  const presence = new Presence();
  const log = new ChatLog(db.db, (event) => {
    metrics.observeEvent(event);
    connections?.publishToRoom(event);
    bus.publish(event);
    const online = presence.isChatOnline(event.chatId);
    if (online) presence.markDelivered(event.chatId, event.seq);
    io.to(OPERATORS_ROOM).emit('operator:activity', activityFromEvent(event, online, presence.deliveredSeq(event.chatId)));
  });
  const chats = new ChatService(db.db);
  const history = new HistoryService(db.db);
  const intents = new IntentService(db.db, config.sessionTtlMs);
  const alarms = new AlarmService(db.db);
  const understanding = overrides.understanding ?? createUnderstanding(config, () => metrics.nluFallbacks.inc());
  const orchestrator = new Orchestrator({
    db: db.db, log, intents, alarms, understanding, minConfidence: config.nluMinConfidence, logger, now: overrides.now, onTurn: metrics.onTurn,
  });
  const operators = new OperatorService(db.db, log, intents, presence);
  connections = new ConnectionManager({
    io, auth, chats, history, intents, orchestrator, presence, logger,
    defaultTimeZone: config.defaultTimeZone, maxMessageLength: config.maxMessageLength,
    limit: (socket, kind) => admit(kind, kind === 'event' ? socket.data.connectionId : socket.data.userId),
    onError: (err) => metrics.onError(err, 'socket'),
    ackTimeoutMs: config.ackTimeoutMs,
    extraRoutes: operatorSocketRoutes({ operators, history, intents }),
    onPresenceChange: (chatId, online) => io.to(OPERATORS_ROOM).emit('operator:activity', { chatId, online, deliveredSeq: presence.deliveredSeq(chatId) }),
  });
  connections.attach();
  const sweeper = new SessionSweeper(db.db, log, intents, presence, logger, {
    intervalMs: config.sweepIntervalMs,
    disconnectGraceMs: config.disconnectGraceMs,
    intentIdleTimeoutMs: config.intentIdleTimeoutMs,
    staleTurnMs: config.staleTurnMs,
    isOnlineElsewhere: async (chatId, userId) => {
      const sockets = await io.in(roomOf(chatId)).fetchSockets().catch(() => []);
      return sockets.some((s) => s.data.userId === userId);
    },
  });

  app.disable('x-powered-by');
  app.use(helmet({ contentSecurityPolicy: { directives: { 'connect-src': ["'self'", 'ws:', 'wss:'] } } }));
  if (corsOrigin) app.use(cors({ origin: corsOrigin }));
  app.use(express.json({ limit: config.maxPayloadBytes }), guardBody);

  app.get('/api/health', async (_req, res) => {
    const ok = await db.ping();
    res.status(200).json({ status: 'ok', database: { kind: db.kind, ok } });
  });
  app.get('/api/ready', async (_req, res) => {
    const ok = await db.ping();
    res.status(ok && !draining ? 200 : 503).json({ ready: ok && !draining, database: { kind: db.kind, ok }, ...(draining ? { draining: true } : {}) });
  });
  app.get('/api/branding', (_req, res) => {
    res.json(config.brand);
  });
  app.post('/api/auth/operator', async (req, res) => {
    res.status(201).json(await limits.signIn(req.ip ?? 'unknown', () => operatorSignIn(auth, config.operatorPassword, req.body)));
  });
  app.post('/api/auth/guest', async (_req, res) => {
    res.status(201).json(await auth.issueGuest());
  });
  app.get('/api/metrics', metrics.handler(config.metricsToken));
  const authed = requireAuth(auth);
  app.use('/api', authed, chatRoutes({
    db: db.db, chats, history, intents, orchestrator, bus,
    defaultTimeZone: config.defaultTimeZone, maxMessageLength: config.maxMessageLength,
    limitMessage: (userId) => admit('message', userId),
  }));
  app.use('/api', authed, alarmRoutes(alarms, config.defaultTimeZone));
  app.use('/api/operator', authed, operatorRoutes(db.db, operators, config.nluMinConfidence));
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
  app.use(errorMiddleware(logger, (err) => metrics.onError(err, 'http')));

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
    draining = true;
    server.close();
    await sweeper.stop();
    const drained = orchestrator.drain();
    await Promise.race([drained, new Promise((r) => setTimeout(r, config.shutdownTimeoutMs).unref())]);
    await closeTransportsAfterFlush(io, 2_000);
    await new Promise<void>((resolve) => io.close(() => resolve()));
    await cluster?.close();
    if (!overrides.db) await db.close();
  })());

  return { url, port, config, db, io, logger, orchestrator, bus, metrics, sweeper, presence, close };
}
