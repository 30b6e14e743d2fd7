import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { sql } from 'kysely';
import { migrateDown, migrateToLatest, openDatabase, type DatabaseHandle } from '../../backend/src/db/database';
import { migrations } from '../../migrations';
import { describeOnBackends } from '../support/backends';
import { freshPostgres, postgresAvailable } from '../support/test-server';

const ROOT = path.resolve(__dirname, '../..');
const run = promisify(execFile);

async function tables(h: DatabaseHandle): Promise<string[]> {
  const r = await sql<{ table_name: string }>`select table_name from information_schema.tables where table_schema = 'public' and table_name not like 'kysely_%' order by 1`.execute(h.db);
  return r.rows.map((x) => x.table_name);
}

describeOnBackends('migrations: every one goes up and down', (backend) => {
  let handle: DatabaseHandle | undefined;
  let drop = async () => undefined as void;
  afterEach(async () => {
    await handle?.close();
    await drop();
    handle = undefined;
  });

  it('rolls back one at a time to an empty schema and applies again', async () => {
    if (backend === 'postgres') {
      if (!(await postgresAvailable())) return;
      const pg = await freshPostgres();
      drop = pg.drop;
      handle = await openDatabase({ databaseUrl: pg.url, migrate: false });
    } else {
      handle = await openDatabase({ dataDir: 'memory://', migrate: false });
    }
    expect(await tables(handle)).toEqual([]);
    await migrateToLatest(handle.db);
    const all = await tables(handle);
    expect(all).toEqual(expect.arrayContaining(['alarms', 'backend_sessions', 'chat_history', 'user_chats', 'user_intents']));

    for (let i = 0; i < Object.keys(migrations).length; i++) await migrateDown(handle.db);
    expect(await tables(handle)).toEqual([]);

    await migrateToLatest(handle.db);
    expect(await tables(handle)).toEqual(all);
  });
});

describe('npm run migrate', () => {
  it('reports, applies and rolls back on a data folder', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'io-migrate-'));
    try {
      const migrate = async (command: string) => (await run(process.execPath, ['--import', 'tsx', 'scripts/migrate.ts', command], {
        cwd: ROOT, env: { PATH: process.env.PATH, HOME: process.env.HOME, DATA_DIR: dataDir },
      })).stdout;
      expect(await migrate('status')).toMatch(/pending\s+001_initial/);
      expect(await migrate('up')).toMatch(/applied\s+002_operator/);
      const down = await migrate('down');
      expect(down).toMatch(/applied\s+001_initial/);
      expect(down).toMatch(/pending\s+002_operator/);
      await expect(migrate('sideways')).rejects.toMatchObject({ code: 2 });
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  }, 60_000);
});
