import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');

/** A real server process (`backend/src/main.ts` through tsx) on 127.0.0.1 and an OS-assigned port. */
export interface SpawnedServer {
  url: string;
  port: number;
  proc: ChildProcess;
  /** stdout and stderr so far (for failure messages). */
  output(): string;
  /** Resolves with the exit code and signal once the process has ended. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** SIGTERM, then SIGKILL if it has not ended within `graceMs`. Idempotent. */
  stop(graceMs?: number): Promise<void>;
}

/**
 * Starts `node --import tsx backend/src/main.ts` on 127.0.0.1 (PORT=0 unless `env` sets one, e.g.
 * to restart on the same address) and waits for its "Ready: http://localhost:<port>" line. Only
 * PATH/HOME/TMPDIR of this process are passed on, plus `env`; without DATA_DIR a temporary one
 * is made and removed on stop.
 */
export async function spawnServer(env: Record<string, string>, opts: { readyTimeoutMs?: number; name?: string } = {}): Promise<SpawnedServer> {
  const ownDataDir = env.DATA_DIR ? undefined : fs.mkdtempSync(path.join(os.tmpdir(), 'io-spawn-'));
  const childEnv: NodeJS.ProcessEnv = {
    PATH: process.env.PATH, HOME: process.env.HOME, TMPDIR: process.env.TMPDIR,
    LOG_LEVEL: 'warn', DEFAULT_TIME_ZONE: 'UTC',
    ...(ownDataDir ? { DATA_DIR: ownDataDir } : {}),
    PORT: '0',
    ...env,
    HOST: '127.0.0.1',
  };
  const proc = spawn(process.execPath, ['--import', 'tsx', 'backend/src/main.ts'], { cwd: ROOT, env: childEnv, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    proc.once('exit', (code, signal) => resolve({ code, signal }));
  });
  void exited.then(() => {
    if (ownDataDir) fs.rmSync(ownDataDir, { recursive: true, force: true });
  });

  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${opts.name ?? 'server'} did not start within ${opts.readyTimeoutMs ?? 30_000} ms:\n${out}`)), opts.readyTimeoutMs ?? 30_000);
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      const m = /Ready: http:\/\/localhost:(\d+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(Number(m[1]));
      }
    };
    proc.stdout!.on('data', onData);
    proc.stderr!.on('data', (c: Buffer) => {
      out += c.toString();
    });
    void exited.then(({ code, signal }) => {
      clearTimeout(timer);
      reject(new Error(`${opts.name ?? 'server'} exited before it was ready (code ${code}, signal ${signal}):\n${out}`));
    });
  });

  let stopping: Promise<void> | undefined;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    proc,
    output: () => out,
    exited,
    stop(graceMs = 15_000) {
      stopping ??= (async () => {
        if (proc.exitCode !== null || proc.signalCode !== null) return;
        proc.kill('SIGTERM');
        const timer = setTimeout(() => proc.kill('SIGKILL'), graceMs);
        await exited;
        clearTimeout(timer);
      })();
      return stopping;
    },
  };
}
