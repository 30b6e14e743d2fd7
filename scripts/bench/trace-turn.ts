/**
 * Where one turn's time goes: runs the real server in this process with a query log, sends a
 * few create_alarm turns and prints, for the last one, every SQL statement (start, duration)
 * and every event as the client received it, on one time line from message:send.
 *
 *   npx tsx scripts/bench/trace-turn.ts                 PGlite in memory
 *   DATABASE_URL=postgres://... npx tsx scripts/bench/trace-turn.ts   a scratch database there
 *
 * Not part of `npm run bench` (the client shares the server's process here); a diagnostic.
 */
import crypto from 'node:crypto';
import { Kysely, PostgresDialect, sql, type LogEvent } from 'kysely';
import { Client, Pool } from 'pg';
import pino from 'pino';
import { io } from 'socket.io-client';
import { loadConfig } from '../../backend/src/config/config';
import { createServer } from '../../backend/src/server/create-server';
import { migrateToLatest, type DatabaseHandle, type Db } from '../../backend/src/db/database';
import { PGliteDialect } from '../../backend/src/db/pglite-dialect';

interface Mark { at: number; what: string; ms?: number }

async function main(): Promise<void> {
  const marks: Mark[] = [];
  let recording = false;
  const log = (e: LogEvent) => {
    if (!recording) return;
    const end = performance.now();
    const text = e.query.sql.replace(/\s+/g, ' ').slice(0, 110);
    marks.push({ at: end - e.queryDurationMillis, what: `sql ${text}`, ms: e.queryDurationMillis });
  };
  let db: Db;
  let drop = async () => undefined as void;
  const adminUrl = process.env.DATABASE_URL;
  if (adminUrl) {
    const name = `trace_${crypto.randomBytes(5).toString('hex')}`;
    const admin = new Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`create database ${name}`);
    await admin.end();
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    const pool = new Pool({ connectionString: url.toString(), max: 10 });
    pool.on('error', () => undefined);
    db = new Kysely({ dialect: new PostgresDialect({ pool }), log });
    drop = async () => {
      const c = new Client({ connectionString: adminUrl });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    };
  } else {
    const { PGlite } = await import('@electric-sql/pglite');
    db = new Kysely({ dialect: new PGliteDialect(await PGlite.create('memory://')), log });
  }
  await migrateToLatest(db);
  const handle: DatabaseHandle = { db, kind: adminUrl ? 'postgres' : 'pglite', ping: async () => true, close: () => db.destroy() };
  const config = loadConfig({ PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent', DEFAULT_TIME_ZONE: 'UTC', AUTH_SECRET: crypto.randomBytes(24).toString('hex'), DATA_DIR: '/tmp/trace-turn' } as NodeJS.ProcessEnv);
  const server = await createServer(config, { db: handle, logger: pino({ level: 'silent' }) });
  try {
    const { token } = (await (await fetch(`${server.url}/api/auth/guest`, { method: 'POST' })).json()) as { token: string };
    const socket = io(server.url, { auth: { token }, transports: ['websocket'], reconnection: false, forceNew: true });
    await new Promise<void>((resolve, reject) => { socket.once('connect', () => resolve()); socket.once('connect_error', reject); });
    const join = (await socket.emitWithAck('chat:join', {})) as { data: { chatId: string } };
    const chatId = join.data.chatId;
    let done: (() => void) | undefined;
    socket.onAny((event: string, e: { seq: number; label?: string; status?: string; state?: string }) => {
      if (recording) marks.push({ at: performance.now(), what: `    event #${e.seq} ${event} ${e.label ?? e.state ?? ''} ${e.status ?? ''}` });
      if (event === 'session' && e.state === 'completed') done?.();
    });
    const turns = Number(process.env.TURNS ?? 20);
    let t0 = 0;
    for (let i = 0; i < turns; i++) {
      recording = i === turns - 1;
      marks.length = 0;
      const finished = new Promise<void>((resolve) => (done = resolve));
      t0 = performance.now();
      if (recording) marks.push({ at: t0, what: '>>> message:send' });
      socket.emit('message:send', { chatId, clientMessageId: `t-${i}`, text: 'wake me up at 6:30 tomorrow' }, () => {
        if (recording) marks.push({ at: performance.now(), what: '    ack' });
      });
      await finished;
    }
    recording = false;
    marks.sort((a, b) => a.at - b.at);
    for (const m of marks) {
      process.stdout.write(`${(m.at - t0).toFixed(2).padStart(8)} ms ${m.ms !== undefined ? `(${m.ms.toFixed(2)} ms)`.padEnd(11) : ''.padEnd(11)} ${m.what}\n`);
    }
    const queries = marks.filter((m) => m.ms !== undefined);
    process.stdout.write(`\n${queries.length} statements, ${queries.reduce((a, m) => a + (m.ms ?? 0), 0).toFixed(2)} ms summed\n`);
    socket.close();
    await sql`select 1`.execute(db);
  } finally {
    await server.close();
    await db.destroy();
    await drop();
  }
}

main().then(() => process.exit(0), (err) => {
  // eslint-disable-next-line no-console
  console.error(err);
  process.exit(1);
});
