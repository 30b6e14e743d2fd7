import net from 'node:net';
import pino from 'pino';
import type { ChatEvent, ErrorEvent } from '@app/shared';
import { openDatabase, type DatabaseHandle } from '../../backend/src/db/database';
import { createUnderstanding } from '../../backend/src/server/understanding';
import { createAlarmTool } from '../../backend/src/tools/create-alarm.tool';
import type { Understanding } from '../../backend/src/orchestrator/understanding';
import { EventCollector, emitAck } from '../support/event-collector';
import { connectClient, freshPostgres, guestToken, postgresAvailable, startTestServer, type ClientSocket, type TestServer } from '../support/test-server';
import { describeOnBackends } from '../support/backends';

/**
 * A TCP proxy on 127.0.0.1 in front of PostgreSQL that the test can cut (every connection
 * dropped, new ones refused), slow down (each chunk held back) or restore.
 */
async function startDbProxy(target: { host: string; port: number }) {
  let mode: 'up' | 'down' | 'slow' = 'up';
  let delayMs = 0;
  const pairs = new Set<[net.Socket, net.Socket]>();
  /** Forwards chunks in order, each no earlier than `delayMs` after it arrived. */
  const relay = (from: net.Socket, to: net.Socket) => {
    let last = 0;
    from.on('data', (chunk) => {
      const due = Math.max(Date.now() + (mode === 'slow' ? delayMs : 0), last);
      last = due;
      const wait = due - Date.now();
      if (wait <= 0) to.write(chunk);
      else setTimeout(() => to.writable && to.write(chunk), wait);
    });
  };
  const server = net.createServer((client) => {
    if (mode === 'down') {
      client.destroy();
      return;
    }
    const upstream = net.connect(target.port, target.host);
    const pair: [net.Socket, net.Socket] = [client, upstream];
    pairs.add(pair);
    const end = () => {
      pairs.delete(pair);
      client.destroy();
      upstream.destroy();
    };
    client.on('error', end).on('close', end);
    upstream.on('error', end).on('close', end);
    relay(client, upstream);
    relay(upstream, client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return {
    port: (server.address() as net.AddressInfo).port,
    down() {
      mode = 'down';
      for (const [a, b] of pairs) {
        a.destroy();
        b.destroy();
      }
      pairs.clear();
    },
    slow(ms: number) {
      mode = 'slow';
      delayMs = ms;
    },
    up() {
      mode = 'up';
    },
    close: () => new Promise<void>((resolve) => {
      for (const [a, b] of pairs) {
        a.destroy();
        b.destroy();
      }
      server.close(() => resolve());
    }),
  };
}

async function waitForReady(url: string, want: number, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const res = await fetch(`${url}/api/ready`).catch(() => undefined);
    if (res?.status === want) return;
    if (Date.now() > deadline) throw new Error(`/api/ready did not answer ${want} within ${timeoutMs} ms (last ${res?.status})`);
    await new Promise((r) => setTimeout(r, 150));
  }
}

describe('faults: the database goes down, comes back, and is slow', () => {
  let pg: { url: string; drop: () => Promise<void> } | undefined;
  let proxy: Awaited<ReturnType<typeof startDbProxy>>;
  let db: DatabaseHandle;
  let server: TestServer;
  let direct: DatabaseHandle;
  let socket: ClientSocket;
  let token: string;
  let chatId: string;
  const crashes: unknown[] = [];
  const onCrash = (err: unknown) => crashes.push(err);
  /** Every clientMessageId the server acknowledged with ok. */
  const acked = new Map<string, number>();

  const send = async (clientMessageId: string, text: string, timeoutMs = 15_000) => {
    const ack = await emitAck<{ seq: number; duplicate: boolean }>(socket, 'message:send', { chatId, clientMessageId, text }, timeoutMs);
    if (ack.ok) acked.set(clientMessageId, ack.data!.seq);
    return ack;
  };
  const storedIds = async () => (await direct.db.selectFrom('chat_history').select(['client_message_id', 'seq']).where('user_chat_id', '=', chatId).where('message_type', '=', 'user').execute());

  beforeAll(async () => {
    if (!(await postgresAvailable())) {
      if (process.env.CI) throw new Error('PostgreSQL is required in CI');
      return;
    }
    process.on('uncaughtException', onCrash);
    process.on('unhandledRejection', onCrash);
    pg = await freshPostgres();
    const real = new URL(pg.url);
    proxy = await startDbProxy({ host: real.hostname, port: Number(real.port || 5432) });
    const viaProxy = new URL(pg.url);
    viaProxy.port = String(proxy.port);
    db = await openDatabase({ databaseUrl: viaProxy.toString(), poolSize: 4 });
    direct = await openDatabase({ databaseUrl: pg.url, poolSize: 2 });
    server = await startTestServer('pglite', { ACK_TIMEOUT_MS: '2500', EVENTS_PER_SECOND: '1000', MESSAGES_PER_MINUTE: '1000' }, { db });
    ({ token } = await guestToken(server.url));
    socket = await connectClient(server.url, token);
    chatId = (await emitAck<{ chatId: string }>(socket, 'chat:join', {})).data!.chatId;
  }, 30_000);

  afterAll(async () => {
    process.off('uncaughtException', onCrash);
    process.off('unhandledRejection', onCrash);
    socket?.disconnect();
    proxy?.up();
    await server?.stop();
    await db?.close().catch(() => undefined);
    await direct?.close();
    await proxy?.close();
    await pg?.drop();
  });

  it('answers unavailable (retryable) while the database is down, fails readiness, stores nothing, and recovers', async () => {
    if (!pg) return;
    expect((await send('before-1', 'wake me up at 6 tomorrow')).ok).toBe(true);
    await server.orchestrator.drain();
    await waitForReady(server.url, 200);

    proxy.down();
    await waitForReady(server.url, 503);
    const ready = await (await fetch(`${server.url}/api/ready`)).json();
    expect(ready).toMatchObject({ ready: false, database: { ok: false } });
    // the process itself is alive: health answers (and says the database is not ok)
    const health = await fetch(`${server.url}/api/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ status: 'ok', database: { ok: false } });

    const refused = [];
    for (let i = 0; i < 3; i++) refused.push(await send(`down-${i}`, 'list my alarms'));
    const join = await emitAck(socket, 'chat:join', { chatId, afterSeq: 0 });
    const rest = await fetch(`${server.url}/api/chats/${chatId}/messages`, {
      method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ clientMessageId: 'down-rest', text: 'list my alarms' }),
    });
    const restBody = (await rest.json()) as { error: unknown };
    for (const ack of [...refused, join]) expect(ack).toMatchObject({ ok: false, error: { code: 'unavailable', retryable: true } });
    expect(rest.status).toBe(503);
    expect(restBody.error).toMatchObject({ code: 'unavailable', retryable: true });
    expect(JSON.stringify([refused, join, restBody])).not.toMatch(/ECONN|terminated|5432|postgres/i);
    expect(socket.connected).toBe(true);

    proxy.up();
    await waitForReady(server.url, 200);
    // nothing of what was refused was stored
    const ids = (await storedIds()).map((r) => r.client_message_id);
    expect(ids.filter((id) => id?.startsWith('down-'))).toEqual([]);
    // the client retries the same messages: now stored and answered, once each
    for (let i = 0; i < 3; i++) {
      const again = await send(`down-${i}`, 'list my alarms');
      expect(again).toMatchObject({ ok: true, data: { duplicate: false } });
    }
    await server.orchestrator.drain();
    const events = (await (await fetch(`${server.url}/api/chats/${chatId}/history`, { headers: { authorization: `Bearer ${token}` } })).json()) as { events: ChatEvent[] };
    expect(events.events.filter((e) => e.type === 'response' && e.final).length).toBeGreaterThanOrEqual(4);
  }, 60_000);

  it('keeps what it acknowledged when the database drops in the middle of a turn, and goes on afterwards', async () => {
    if (!pg) return;
    const events = new EventCollector(socket, () => chatId);
    const ack = await send('mid-1', 'wake me up at 7:10 tomorrow');
    expect(ack.ok).toBe(true);
    proxy.down();
    await server.orchestrator.drain();
    proxy.up();
    await waitForReady(server.url, 200);
    // acknowledged -> stored
    const stored = await storedIds();
    expect(stored.find((r) => r.client_message_id === 'mid-1')?.seq).toBe(ack.data!.seq);
    // the conversation goes on
    const next = await send('mid-2', 'what alarms do I have');
    expect(next.ok).toBe(true);
    await events.waitFor((ev) => ev.some((e) => e.seq > next.data!.seq && e.type === 'response' && e.final), 10_000, 'the reply after recovery');
    expect(crashes).toEqual([]);
  }, 60_000);

  it('fails readiness when the database is slow, and never acknowledges what it did not store', async () => {
    if (!pg) return;
    proxy.slow(1_200);
    await waitForReady(server.url, 503);
    const slow = await send('slow-1', 'list my alarms', 20_000);
    // either a clear retryable error within ACK_TIMEOUT_MS, or (if the store got through) ok
    if (!slow.ok) expect(slow.error).toMatchObject({ code: 'unavailable', retryable: true });
    proxy.up();
    await waitForReady(server.url, 200);
    await server.orchestrator.drain();
    // the retry of the same message is stored exactly once
    const retry = await send('slow-1', 'list my alarms');
    expect(retry.ok).toBe(true);
    await server.orchestrator.drain();
    const rows = (await storedIds()).filter((r) => r.client_message_id === 'slow-1');
    expect(rows).toHaveLength(1);
    expect(rows[0].seq).toBe(retry.data!.seq);
    // eslint-disable-next-line no-console
    console.log(`[faults] slow database: first ack ${slow.ok ? 'ok' : slow.error!.code}, retry ${retry.data!.duplicate ? 'found the stored message (duplicate)' : 'stored it'}`);

    // every ok ever acknowledged in this suite is in the database under its seq
    const all = new Map((await storedIds()).map((r) => [r.client_message_id, r.seq]));
    for (const [id, seq] of acked) expect([id, all.get(id)]).toEqual([id, seq]);
    expect(crashes).toEqual([]);
  }, 60_000);
});

describeOnBackends('faults: an orchestrator or tool exception', (backend) => {
  let server: TestServer;
  let socket: ClientSocket;
  let token: string;
  const crashes: unknown[] = [];
  const onCrash = (err: unknown) => crashes.push(err);

  beforeAll(async () => {
    process.on('uncaughtException', onCrash);
    process.on('unhandledRejection', onCrash);
    const base = createUnderstanding({ openai: undefined });
    // the recogniser blows up on one word, like a provider bug would
    const understanding: Understanding = {
      ...base,
      recognize: (text, ...rest) => (/explode/i.test(text) ? Promise.reject(new Error('recogniser crashed: db password=hunter2')) : base.recognize(text, ...rest)),
    };
    server = await startTestServer(backend, { EVENTS_PER_SECOND: '1000', MESSAGES_PER_MINUTE: '1000' }, { understanding, logger: pino({ level: 'silent' }) });
    ({ token } = await guestToken(server.url));
    socket = await connectClient(server.url, token);
  });
  afterAll(async () => {
    process.off('uncaughtException', onCrash);
    process.off('unhandledRejection', onCrash);
    socket?.disconnect();
    await server?.stop();
  });

  const openChat = async () => {
    const chatId = (await emitAck<{ chatId: string }>(socket, 'chat:join', {})).data!.chatId;
    const events = new EventCollector(socket, () => chatId);
    let n = 0;
    const say = async (text: string) => {
      const ack = await emitAck<{ seq: number }>(socket, 'message:send', { chatId, clientMessageId: `f-${++n}`, text });
      expect(ack.ok).toBe(true);
      await server.orchestrator.drain();
      return events.waitFor((ev) => ev.some((e) => e.seq > ack.data!.seq && (e.type === 'error' || (e.type === 'response' && e.final))), 10_000, `the end of "${text}"`)
        .then((ev) => ev.filter((e) => e.seq > ack.data!.seq));
    };
    const intent = async () => server.db.db.selectFrom('user_intents').selectAll().where('user_chat_id', '=', chatId).where('intent', '=', 'create_alarm').executeTakeFirstOrThrow();
    return { chatId, events, say, intent };
  };

  it('turns a recogniser exception into an error event with a code, keeps the intent, and goes on', async () => {
    const chat = await openChat();
    await chat.say('set an alarm');
    expect((await chat.intent()).status).toBe('active');

    const failed = await chat.say('explode, please');
    const error = failed.find((e): e is ErrorEvent & ChatEvent => e.type === 'error');
    expect(error).toMatchObject({ type: 'error', code: 'internal', retryable: true });
    expect(error!.message).not.toMatch(/hunter2|crashed/);
    expect(failed.some((e) => e.type === 'thinking' && e.stage === 'intent' && e.status === 'failed')).toBe(true);
    // the intent is still there, waiting for its time
    expect((await chat.intent()).status).toBe('active');

    const done = await chat.say('7:30');
    expect(done.find((e) => e.type === 'response' && e.final)).toMatchObject({ isComplete: true });
    expect((await chat.intent()).status).toBe('completed');
    expect((await fetch(`${server.url}/api/health`)).status).toBe(200);
    expect(crashes).toEqual([]);
  });

  it('turns a tool exception into an error event, stores no half-made alarm, and the intent can be finished', async () => {
    const chat = await openChat();
    await chat.say('set an alarm');
    const alarmsBefore = ((await (await fetch(`${server.url}/api/alarms`, { headers: { authorization: `Bearer ${token}` } })).json()) as { alarms: unknown[] }).alarms.length;
    const spy = jest.spyOn(createAlarmTool, 'execute').mockRejectedValueOnce(new Error('tool exploded: secret detail'));
    try {
      const failed = await chat.say('8:45 am');
      expect(failed.find((e) => e.type === 'error')).toMatchObject({ code: 'internal', retryable: true });
      expect(failed.some((e) => e.type === 'thinking' && e.stage === 'tool' && e.status === 'failed')).toBe(true);
      expect(JSON.stringify(failed)).not.toMatch(/secret detail/);
    } finally {
      spy.mockRestore();
    }
    expect((await chat.intent()).status).toBe('active');
    const alarms = async () => ((await (await fetch(`${server.url}/api/alarms`, { headers: { authorization: `Bearer ${token}` } })).json()) as { alarms: Array<{ time: string }> }).alarms;
    expect(await alarms()).toHaveLength(alarmsBefore);

    // what the person said is kept on the intent, so resuming finishes it without asking again
    expect((await chat.intent()).params).toMatchObject({ time: '08:45' });
    const before = Math.max(...chat.events.ordered().map((e) => e.seq));
    const resumed = await emitAck<{ intent: { state: string } }>(socket, 'intent:resume', { chatId: chat.chatId, intentId: (await chat.intent()).id });
    expect(resumed).toMatchObject({ ok: true, data: { intent: { state: 'completed' } } });
    await server.orchestrator.drain();
    const done = await chat.events.waitFor((ev) => ev.some((e) => e.seq > before && e.type === 'response' && e.isComplete), 10_000, 'completed on resume');
    expect(done.filter((e) => e.seq > before && e.type === 'error')).toEqual([]);
    expect((await chat.intent()).status).toBe('completed');
    expect((await alarms()).filter((a) => a.time === '08:45')).toHaveLength(1);
    expect(crashes).toEqual([]);
  });

  it('keeps a request that was complete in one message as an active intent when its tool fails, and every event names a stored intent', async () => {
    const chat = await openChat();
    const spy = jest.spyOn(createAlarmTool, 'execute').mockRejectedValueOnce(new Error('tool exploded'));
    try {
      const failed = await chat.say('set an alarm for 9:10 am tomorrow');
      expect(failed.find((e) => e.type === 'error')).toMatchObject({ code: 'internal', retryable: true });
    } finally {
      spy.mockRestore();
    }
    const intent = await chat.intent();
    expect(intent).toMatchObject({ status: 'active', params: { time: '09:10' } });
    const rows = await server.db.db.selectFrom('chat_history').select(['seq', 'user_intent_id', 'session_id']).where('user_chat_id', '=', chat.chatId).execute();
    const intents = new Set((await server.db.db.selectFrom('user_intents').select('id').where('user_chat_id', '=', chat.chatId).execute()).map((r) => r.id));
    const sessions = new Set((await server.db.db.selectFrom('backend_sessions').select('id').where('user_intent_id', 'in', [...intents]).execute()).map((r) => r.id));
    expect(rows.filter((r) => !intents.has(r.user_intent_id!) || !sessions.has(r.session_id!))).toEqual([]);

    // and it can be finished: resuming runs the tool with what was said
    const resumed = await emitAck<{ intent: { state: string } }>(socket, 'intent:resume', { chatId: chat.chatId, intentId: intent.id });
    expect(resumed).toMatchObject({ ok: true, data: { intent: { state: 'completed' } } });
    const alarms = ((await (await fetch(`${server.url}/api/alarms`, { headers: { authorization: `Bearer ${token}` } })).json()) as { alarms: Array<{ time: string }> }).alarms;
    expect(alarms.filter((a) => a.time === '09:10')).toHaveLength(1);
  });
});
