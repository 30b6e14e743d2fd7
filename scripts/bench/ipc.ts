import { fork, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

/**
 * Request/response over the Node IPC channel between the benchmark's coordinator and its
 * child processes (the real server, the echo server, the load generator).
 */
interface Request { id: number; cmd: string; args?: unknown }
interface Response { id: number; ok: boolean; result?: unknown; error?: string }
interface Notice { notice: string; data?: unknown }

export type Handlers = Record<string, (args: any) => unknown>;

/** Child side: answers the coordinator's requests; exits when the coordinator goes away. */
export function serve(handlers: Handlers): void {
  process.on('disconnect', () => process.exit(2));
  process.on('message', async (msg: Request) => {
    const handler = handlers[msg.cmd];
    try {
      if (!handler) throw new Error(`unknown command ${msg.cmd}`);
      const result = await handler(msg.args);
      process.send?.({ id: msg.id, ok: true, result } satisfies Response);
    } catch (err) {
      process.send?.({ id: msg.id, ok: false, error: err instanceof Error ? (err.stack ?? err.message) : String(err) } satisfies Response);
    }
  });
}

/** Child side: a one-way message (e.g. `ready`). */
export function notify(notice: string, data?: unknown): void {
  process.send?.({ notice, data } satisfies Notice);
}

/** Coordinator side: one child process running a TypeScript file through tsx. */
export class Child {
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (v: any) => void; reject: (e: Error) => void; timer: NodeJS.Timeout }>();
  private readonly notices = new Map<string, (data: any) => void>();
  readonly proc: ChildProcess;
  private exited: Promise<number | null>;

  constructor(readonly name: string, file: string, opts: { env?: NodeJS.ProcessEnv; execArgv?: string[]; logFile: string }) {
    const log = fs.openSync(opts.logFile, 'a');
    this.proc = fork(file, [], {
      cwd: process.cwd(),
      env: { ...process.env, ...opts.env },
      execArgv: ['--import', 'tsx', ...(opts.execArgv ?? [])],
      stdio: ['ignore', log, log, 'ipc'],
    });
    fs.closeSync(log);
    this.exited = new Promise((resolve) => this.proc.once('exit', (code) => {
      for (const [, p] of this.pending) p.reject(new Error(`${name} exited (code ${code}) while a request was pending; see ${opts.logFile}`));
      this.pending.clear();
      resolve(code);
    }));
    this.proc.on('message', (msg: Response | Notice) => {
      if ('notice' in msg) {
        this.notices.get(msg.notice)?.(msg.data);
        return;
      }
      const p = this.pending.get(msg.id);
      if (!p) return;
      this.pending.delete(msg.id);
      clearTimeout(p.timer);
      if (msg.ok) p.resolve(msg.result);
      else p.reject(new Error(`${name}: ${msg.error}`));
    });
  }

  /** Waits for a one-way message from the child. */
  waitFor<T>(notice: string, timeoutMs: number): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${this.name}: no '${notice}' within ${timeoutMs} ms`)), timeoutMs);
      this.exited.then((code) => reject(new Error(`${this.name} exited (code ${code}) before '${notice}'`)));
      this.notices.set(notice, (data) => {
        clearTimeout(timer);
        resolve(data as T);
      });
    });
  }

  call<T>(cmd: string, args?: unknown, timeoutMs = 60_000): Promise<T> {
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new Error(`${this.name}: '${cmd}' took longer than ${timeoutMs} ms`));
      }, timeoutMs);
      this.pending.set(id, { resolve, reject, timer });
      this.proc.send({ id, cmd, args } satisfies Request);
    });
  }

  /** Asks the child to stop (command `stop`), then kills it if it does not exit in time. */
  async stop(timeoutMs = 10_000): Promise<void> {
    if (this.proc.exitCode !== null || this.proc.signalCode !== null) return;
    this.call('stop', undefined, timeoutMs).catch(() => undefined);
    const timer = setTimeout(() => this.proc.kill('SIGKILL'), timeoutMs);
    await this.exited;
    clearTimeout(timer);
  }

  kill(): void {
    if (this.proc.exitCode === null && this.proc.signalCode === null) this.proc.kill('SIGKILL');
  }
}

export const benchFile = (name: string) => path.join(__dirname, name);
