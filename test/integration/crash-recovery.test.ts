import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ChatEvent } from '@app/shared';
import { EventCollector, emitAck } from '../support/event-collector';
import { start as startFakeOpenAI, type FakeOpenAI } from '../support/fake-openai';
import { spawnServer, type SpawnedServer } from '../support/spawn-server';
import { connectClient, freshPostgres, guestToken, postgresAvailable } from '../support/test-server';

/**
 * kill -9 in the middle of a turn: the LLM call hangs (fake OpenAI server), the process is
 * killed, a new process on the same database finds the unfinished turn and marks it so the
 * person can retry; history stays intact and nothing is doubled.
 */
describe.each(['postgres', 'pglite'] as const)('crash recovery after SIGKILL mid-turn [%s]', (backend) => {
  let fake: FakeOpenAI;
  let db: { url: string; drop: () => Promise<void> } | undefined;
  let dataDir: string;
  let proc: SpawnedServer | undefined;

  beforeAll(async () => {
    fake = await startFakeOpenAI();
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'io-crash-'));
    if (backend === 'postgres') {
      if (!(await postgresAvailable())) {
        if (process.env.CI) throw new Error('PostgreSQL is required in CI');
        return;
      }
      db = await freshPostgres();
    }
  });
  afterAll(async () => {
    proc?.proc.kill('SIGKILL');
    await fake?.close();
    await db?.drop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('marks the interrupted turn for retry, keeps history gapless, and does not run it twice', async () => {
    const common = { AUTH_SECRET: 'crash-test-secret-0123456789abcdef', DATA_DIR: dataDir, ...(db ? { DATABASE_URL: db.url } : {}), SWEEP_INTERVAL_MS: '50', STALE_TURN_MS: '100' };
    fake.script({ kind: 'hang' });
    proc = await spawnServer({ ...common, OPENAI_API_KEY: 'test-key', OPENAI_BASE_URL: fake.url, OPENAI_TIMEOUT_MS: '60000' });
    const { token } = await guestToken(proc.url);
    const s1 = await connectClient(proc.url, token);
    const c1 = new EventCollector(s1);
    const join = await emitAck<{ chatId: string }>(s1, 'chat:join', {});
    const chatId = join.data!.chatId;
    const ack = await emitAck<{ seq: number }>(s1, 'message:send', { chatId, clientMessageId: 'crash-1', text: 'wake me up at 6:30 tomorrow' });
    expect(ack.ok).toBe(true);
    await c1.waitFor((ev) => ev.some((e) => e.type === 'thinking' && e.label === 'Analyzing your request...'), 10_000, 'analysis started');
    proc.proc.kill('SIGKILL');
    expect(await proc.exited).toEqual({ code: null, signal: 'SIGKILL' });
    s1.disconnect();

    proc = await spawnServer(common);
    const s2 = await connectClient(proc.url, token);
    const c2 = new EventCollector(s2, () => chatId);
    let events: ChatEvent[] = [];
    const deadline = Date.now() + 10_000;
    while (Date.now() < deadline && !events.some((e) => e.type === 'error')) {
      const r = await emitAck<{ events: ChatEvent[] }>(s2, 'chat:join', { chatId, afterSeq: 0 });
      events = r.data!.events;
      if (!events.some((e) => e.type === 'error')) await new Promise((r2) => setTimeout(r2, 100));
    }
    expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1));
    expect(events.filter((e) => e.type === 'user')).toHaveLength(1);
    const error = events.find((e) => e.type === 'error');
    expect(error).toMatchObject({ code: 'unavailable', retryable: true });
    expect((error as { message: string }).message).toMatch(/interrupted/i);
    // nothing half-written is shown as done
    expect(events.some((e) => e.type === 'response' && e.isComplete)).toBe(false);
    expect(events.some((e) => e.type === 'session' && e.state === 'completed')).toBe(false);

    // the same message again is recognised as already received, not run twice
    const again = await emitAck<{ seq: number; duplicate: boolean }>(s2, 'message:send', { chatId, clientMessageId: 'crash-1', text: 'wake me up at 6:30 tomorrow' });
    expect(again.data).toEqual({ seq: ack.data!.seq, duplicate: true });
    // a retry (new message) completes
    const retry = await emitAck<{ seq: number }>(s2, 'message:send', { chatId, clientMessageId: 'crash-2', text: 'wake me up at 6:30 tomorrow' });
    expect(retry.ok).toBe(true);
    await c2.waitFor((ev) => ev.some((e) => e.type === 'session' && e.state === 'completed'), 10_000, 'retry completed');
    const alarms: any = await (await fetch(`${proc.url}/api/alarms`, { headers: { authorization: `Bearer ${token}` } })).json();
    expect(alarms.alarms).toHaveLength(1);
    s2.disconnect();
  }, 90_000);
});
