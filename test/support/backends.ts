import { postgresAvailable, type Backend } from './test-server';

/**
 * Runs a suite on PGlite and on the machine's PostgreSQL. Without a reachable PostgreSQL
 * the PostgreSQL half is skipped with a printed reason, except in CI (CI=1), where it fails.
 */
export function describeOnBackends(name: string, fn: (backend: Backend) => void): void {
  describe.each(['pglite', 'postgres'] as Backend[])(`${name} [%s]`, (backend) => {
    if (backend === 'postgres') {
      beforeAll(async () => {
        if (!(await postgresAvailable())) {
          if (process.env.CI) throw new Error('PostgreSQL is required in CI but is not reachable at 127.0.0.1:5432');
          // eslint-disable-next-line no-console
          console.warn(`[skip] ${name} on PostgreSQL: no server reachable at 127.0.0.1:5432`);
        }
      });
    }
    fn(backend);
  });
}
