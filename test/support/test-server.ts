import os from 'node:os';
import path from 'node:path';
import fs from 'node:fs';
import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import pino from 'pino';
import { io as ioClient, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, ServerToClientEvents } from '@app/shared';
import { loadConfig, type Config } from '../../backend/src/config/config';
import { createServer, type RunningServer, type ServerOverrides } from '../../backend/src/server/create-server';

export type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** The PostgreSQL the machine provides; integration suites also run against it. */
export const PG_ADMIN_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export type Backend = 'pglite' | 'postgres';

let pgReachable: Promise<boolean> | undefined;
/** Whether the machine's PostgreSQL answers; CI requires it (see .ci/run). */
export function postgresAvailable(): Promise<boolean> {
  pgReachable ??= (async () => {
    const c = new Client({ connectionString: PG_ADMIN_URL, connectionTimeoutMillis: 2000 });
    try {
      await c.connect();
      await c.end();
      return true;
    } catch {
      return false;
    }
  })();
  return pgReachable;
}

/** The backends a suite runs on: PGlite always, PostgreSQL when reachable (required in CI). */
export function backends(): Backend[] {
  return ['pglite', 'postgres'];
}

/** A fresh, empty PostgreSQL database for one suite; dropped by the returned function. */
export async function freshPostgres(): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `t_${randomUUID().replace(/-/g, '').slice(0, 16)}`;
  const admin = new Client({ connectionString: PG_ADMIN_URL });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(PG_ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const c = new Client({ connectionString: PG_ADMIN_URL });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}

export interface TestServer extends RunningServer {
  dataDir: string;
  stop(): Promise<void>;
}

/** Starts the real server on 127.0.0.1 port 0 on the given backend. */
export async function startTestServer(backend: Backend, env: Record<string, string> = {}, overrides: ServerOverrides & { config?: Partial<Config> } = {}): Promise<TestServer> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'io-test-'));
  let drop: (() => Promise<void>) | undefined;
  let databaseUrl: string | undefined;
  if (backend === 'postgres') {
    const pg = await freshPostgres();
    databaseUrl = pg.url;
    drop = pg.drop;
  }
  const config = loadConfig({ LOG_LEVEL: 'silent', DEFAULT_TIME_ZONE: 'UTC', ...env, PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}) } as NodeJS.ProcessEnv, overrides.config);
  if (!databaseUrl) config.dataDir = dataDir;
  const server = await createServer(config, { logger: pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' }), ...overrides });
  return {
    ...server,
    dataDir,
    async stop() {
      await server.close();
      await drop?.();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** A guest token from the real endpoint. */
export async function guestToken(baseUrl: string): Promise<{ token: string; userId: string }> {
  const res = await fetch(`${baseUrl}/api/auth/guest`, { method: 'POST' });
  if (res.status !== 201) throw new Error(`guest sign-in failed: ${res.status}`);
  return (await res.json()) as { token: string; userId: string };
}

/** A connected socket.io client (websocket transport). */
export async function connectClient(baseUrl: string, token: string, timeZone = 'UTC'): Promise<ClientSocket> {
  const socket: ClientSocket = ioClient(baseUrl, { auth: { token, timeZone }, transports: ['websocket'], reconnection: false, forceNew: true });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', (err) => reject(err));
  });
  return socket;
}
