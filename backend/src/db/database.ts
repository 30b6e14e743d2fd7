import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Kysely, Migrator, PostgresDialect, sql, type Transaction } from 'kysely';
import { Pool, types, type PoolClient } from 'pg';
import { migrations } from '../../../migrations';
import type { Database } from './schema';
import { PGliteDialect } from './pglite-dialect';

export type Db = Kysely<Database>;
/** Repositories take either the database or a transaction. */
export type DbOrTrx = Kysely<Database> | Transaction<Database>;

// int8 (counts, identity ids) as JS numbers/strings consistently with PGlite: counts fit in a double.
types.setTypeParser(20, (v) => Number(v));

export interface DatabaseHandle {
  db: Db;
  kind: 'postgres' | 'pglite';
  /** Cheap liveness probe for /api/ready. */
  ping(timeoutMs?: number): Promise<boolean>;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  databaseUrl?: string;
  /** Folder of the embedded database; `memory://` keeps it in memory (tests). */
  dataDir?: string;
  poolSize?: number;
  /** Apply pending migrations on open (default true; `npm run migrate` opens without). */
  migrate?: boolean;
}

/**
 * Pool size: about two connections per core (PostgreSQL's own rule of thumb, cores * 2 + 1).
 * On the 2-core bench machine 5 connections gave more turns per second and less CPU per turn
 * than 10 or 20: more backends than cores only adds context switches (docs/benchmarks.md).
 */
function defaultPoolSize(): number {
  return Math.max(4, 2 * os.availableParallelism() + 1);
}

/** Opens PostgreSQL when a URL is given, else embedded PGlite in `dataDir`; runs pending migrations unless `migrate: false`. */
export async function openDatabase(opts: DatabaseOptions): Promise<DatabaseHandle> {
  let db: Db;
  let kind: DatabaseHandle['kind'];
  if (opts.databaseUrl) {
    const pool = new Pool({
      connectionString: opts.databaseUrl,
      max: opts.poolSize ?? defaultPoolSize(),
      connectionTimeoutMillis: 5_000,
      idleTimeoutMillis: 30_000,
    });
    // A dropped idle client must not crash the process; the next query reconnects.
    pool.on('error', () => undefined);
    // A connection that dies while checked out (mid-query, mid-transaction) emits 'error' on its
    // client, and an 'error' nobody listens to is an uncaught exception: the whole process would
    // go down with the database. The query itself still fails (-> `unavailable`), and the pool
    // drops the broken client when it is released.
    pool.on('connect', (client) => client.on('error', () => undefined));
    db = new Kysely<Database>({ dialect: new PostgresDialect({ pool: preparingStatements(pool) }) });
    kind = 'postgres';
  } else {
    const { PGlite } = await import('@electric-sql/pglite');
    const dir = opts.dataDir ?? './data';
    const target = dir.startsWith('memory://') ? dir : path.join(dir, 'pglite');
    if (!target.startsWith('memory://')) fs.mkdirSync(target, { recursive: true });
    const pglite = await PGlite.create(target);
    db = new Kysely<Database>({ dialect: new PGliteDialect(yieldingBetweenStatements(pglite)) });
    kind = 'pglite';
  }
  if (opts.migrate !== false) await migrateToLatest(db);
  return {
    db,
    kind,
    async ping(timeoutMs = 2_000) {
      let timer: NodeJS.Timeout | undefined;
      try {
        const probe = sql`select 1`.execute(db).then(() => true);
        const timeout = new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), timeoutMs)));
        return await Promise.race([probe, timeout]);
      } catch {
        return false;
      } finally {
        clearTimeout(timer);
      }
    },
    close: () => db.destroy(),
  };
}

const PREPARABLE = /^\s*(select|insert|update|delete|with)\b/i;
const MAX_PREPARED = 500;
const statementNames = new Map<string, string>();

/** A stable name per statement text (the first MAX_PREPARED texts; later ones stay unnamed). */
function statementName(text: string): string | undefined {
  let name = statementNames.get(text);
  if (!name && statementNames.size < MAX_PREPARED && PREPARABLE.test(text)) {
    name = `k${statementNames.size + 1}`;
    statementNames.set(text, name);
  }
  return name;
}

/**
 * Every data statement goes out as a named prepared statement: PostgreSQL parses and plans
 * each distinct text once per connection instead of on every execution (the repositories'
 * statement texts are fixed; insertBatch's does not depend on the batch size). DDL (the
 * migrations) and transaction control stay unnamed.
 */
function preparingStatements(pool: Pool) {
  const wrapped = new WeakMap<PoolClient, unknown>();
  const wrap = (client: PoolClient) => {
    let w = wrapped.get(client);
    if (!w) {
      w = {
        query: (text: unknown, values?: unknown[]) => {
          if (typeof text !== 'string') return (client.query as (q: unknown) => unknown)(text);
          const name = statementName(text);
          return name ? client.query({ name, text, values }) : client.query(text, values);
        },
        release: (err?: Error | boolean) => client.release(err),
      };
      wrapped.set(client, w);
    }
    return w;
  };
  return {
    connect: async () => wrap(await pool.connect()),
    end: () => pool.end(),
  } as unknown as Pool;
}

/**
 * PGlite runs inside this process and answers through promise callbacks only, so the
 * statements of a turn would run back to back without the event loop ever getting a turn:
 * socket writes wait for their completion callbacks, so every event of a turn would reach
 * the browser at the turn's end, and no other client would be served meanwhile. One
 * macrotask hop before each statement lets the server send what is already stored and
 * serve other sockets in between (see docs/benchmarks.md, "PGlite holds the event loop").
 */
function yieldingBetweenStatements(pglite: import('@electric-sql/pglite').PGlite): import('@electric-sql/pglite').PGlite {
  const query = async (...args: unknown[]) => {
    await new Promise<void>((resolve) => setImmediate(resolve));
    return (pglite.query as (...a: unknown[]) => Promise<unknown>)(...args);
  };
  return new Proxy(pglite, {
    get(target, prop) {
      if (prop === 'query') return query;
      const value = Reflect.get(target, prop, target) as unknown;
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}

/** Runs every pending migration; throws with the failing migration's name. */
export async function migrateToLatest(db: Kysely<any>): Promise<void> {
  const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new Error(`Migration ${failed} failed: ${(error as Error).message ?? error}`);
  }
}

/** Rolls back the latest migration (scripts/migrate.ts down). */
export async function migrateDown(db: Kysely<any>): Promise<void> {
  const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
  const { error } = await migrator.migrateDown();
  if (error) throw error;
}
