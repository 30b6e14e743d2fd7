/**
 * `npm run migrate [-- up|down|status]`: the database migrations by hand (the server also runs
 * pending ones on start). PostgreSQL when DATABASE_URL is set, else PGlite in DATA_DIR (./data).
 *
 *   up      apply every pending migration (the default)
 *   down    roll back the latest applied migration
 *   status  list the migrations and whether each is applied
 */
import path from 'node:path';
import { Migrator } from 'kysely';
import { migrateDown, openDatabase } from '../backend/src/db/database';
import { migrations } from '../migrations';

async function main(): Promise<void> {
  const command = process.argv[2] ?? 'up';
  if (!['up', 'down', 'status'].includes(command)) {
    process.stderr.write('usage: npm run migrate -- [up|down|status]\n');
    process.exit(2);
  }
  const databaseUrl = process.env.DATABASE_URL || undefined;
  const dataDir = path.resolve(process.env.DATA_DIR || './data');
  const handle = await openDatabase({ databaseUrl, dataDir, poolSize: 1, migrate: command === 'up' });
  try {
    if (command === 'down') await migrateDown(handle.db);
    const migrator = new Migrator({ db: handle.db, provider: { getMigrations: async () => migrations } });
    const where = databaseUrl ? 'PostgreSQL' : `PGlite in ${dataDir}`;
    process.stdout.write(`${where}:\n`);
    for (const m of await migrator.getMigrations()) {
      process.stdout.write(`  ${m.executedAt ? 'applied' : 'pending'}  ${m.name}${m.executedAt ? `  (${m.executedAt.toISOString()})` : ''}\n`);
    }
  } finally {
    await handle.close();
  }
}

main().catch((err) => {
  process.stderr.write(`migrate failed: ${(err as Error).message}\n`);
  process.exit(1);
});
