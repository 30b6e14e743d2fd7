import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../../..');
const DIST_INDEX = path.join(ROOT, 'frontend/dist/index.html');
const SOURCES = ['frontend/src', 'frontend/index.html', 'frontend/vite.config.ts', 'frontend/package.json', 'shared/src'].map((p) => path.join(ROOT, p));

/** Newest modification time under `p` (files only; test files don't reach the bundle). */
function newest(p: string): number {
  if (!fs.existsSync(p)) return 0;
  const stat = fs.statSync(p);
  if (!stat.isDirectory()) return /\.test\.tsx?$/.test(p) ? 0 : stat.mtimeMs;
  let max = 0;
  for (const name of fs.readdirSync(p)) max = Math.max(max, newest(path.join(p, name)));
  return max;
}

/**
 * The browser tests load the real bundle the server serves from frontend/dist: build it (a
 * couple of seconds) when it is missing or older than its sources, so a test never runs
 * against a stale front end.
 */
export default function globalSetup(): void {
  const built = fs.existsSync(DIST_INDEX) ? fs.statSync(DIST_INDEX).mtimeMs : 0;
  const sources = Math.max(...SOURCES.map(newest));
  if (built > sources) return;
  // eslint-disable-next-line no-console
  console.log(built ? '\n[e2e] frontend/dist is older than its sources: rebuilding' : '\n[e2e] frontend/dist is missing: building');
  try {
    execFileSync('npm', ['run', 'build', '--workspace', 'frontend'], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, NODE_OPTIONS: '', VITE_CONFIG_NATIVE_IGNORE_WARNING: 'true' },
    });
  } catch (err) {
    const e = err as { stdout?: Buffer; stderr?: Buffer };
    throw new Error(`frontend build failed:\n${e.stdout?.toString() ?? ''}${e.stderr?.toString() ?? ''}`);
  }
  if (!fs.existsSync(DIST_INDEX)) throw new Error('frontend build did not produce frontend/dist/index.html');
}
