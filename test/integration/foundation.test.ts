import type { ChatEvent, HistoryRow, ThinkingEvent } from '@app/shared';
import { EventCollector, emitAck } from '../support/event-collector';
import { connectClient, guestToken, startTestServer, type ClientSocket, type TestServer } from '../support/test-server';
import { describeOnBackends } from '../support/backends';

const FIXED_NOW = new Date('2026-11-25T09:00:00Z');

describeOnBackends('foundation: one create_alarm turn end to end', (backend) => {
  let server: TestServer;
  let socket: ClientSocket;
  let token: string;
  let chatId: string;
  let events: EventCollector;

  beforeAll(async () => {
    server = await startTestServer(backend, {}, { now: () => FIXED_NOW });
    ({ token } = await guestToken(server.url));
    socket = await connectClient(server.url, token, 'UTC');
    events = new EventCollector(socket);
    const join = await emitAck<{ chatId: string; events: ChatEvent[] }>(socket, 'chat:join', {});
    expect(join.ok).toBe(true);
    chatId = join.data!.chatId;
    expect(join.data!.events).toEqual([]);
  });

  afterAll(async () => {
    socket?.disconnect();
    await server?.stop();
  });

  it('streams the stages in order, answers, stores the alarm and every event with its four IDs', async () => {
    const ack = await emitAck<{ seq: number; duplicate: boolean }>(socket, 'message:send', { chatId, clientMessageId: 'm-1', text: 'wake me up at 6:30 tomorrow' });
    expect(ack).toEqual({ ok: true, data: { seq: 1, duplicate: false } });

    const all = await events.waitFor((ev) => ev.some((e) => e.type === 'session' && e.state === 'completed'), 10_000, 'completed session');
    const labels = all.filter((e): e is ThinkingEvent => e.type === 'thinking' && e.status === 'started').map((e) => e.label);
    expect(labels).toEqual([
      'Initializing session...',
      'Processing your message...',
      'Analyzing your request...',
      'Intent recognized: create_alarm',
      'Extracting parameters from your request...',
      'Executing your request...',
      'Generating final response...',
    ]);
    // each step is started then done, with the same stepId
    const steps = all.filter((e): e is ThinkingEvent => e.type === 'thinking');
    for (const started of steps.filter((s) => s.status === 'started')) {
      const done = steps.find((s) => s.stepId === started.stepId && s.status === 'done');
      expect(done).toBeDefined();
      expect(done!.seq).toBeGreaterThan(started.seq);
    }
    const intentStep = steps.find((s) => s.label === 'Intent recognized: create_alarm' && s.status === 'done')!;
    expect(intentStep.detail).toMatchObject({ intent: 'create_alarm' });
    expect(Number(intentStep.detail!.confidence)).toBeGreaterThan(0.6);

    const reply = all.find((e) => e.type === 'response' && e.final);
    expect(reply).toMatchObject({ type: 'response', final: true, isComplete: true });
    expect((reply as { text: string }).text).toMatch(/^Alarm set for 6:30 AM tomorrow \(Thu 26 Nov\)\./);

    // the alarm exists for this person
    const alarms: any = await (await fetch(`${server.url}/api/alarms`, { headers: { authorization: `Bearer ${token}` } })).json();
    expect(alarms.alarms).toHaveLength(1);
    expect(alarms.alarms[0]).toMatchObject({ time: '06:30', date: '2026-11-26', repeat: null, enabled: true });

    // the history endpoint returns every event of the turn, gapless, with the four IDs
    const res = await fetch(`${server.url}/api/chats/${chatId}/history?afterSeq=0`, { headers: { authorization: `Bearer ${token}` } });
    expect(res.status).toBe(200);
    const { events: rows } = (await res.json()) as { events: HistoryRow[] };
    expect(rows.map((r) => r.seq)).toEqual(rows.map((_, i) => i + 1));
    expect(rows.length).toBe(all.length);
    const intentId = all.find((e) => e.type === 'session')!.intentId;
    for (const row of rows) {
      expect(row.userChatId).toBe(chatId);
      expect(row.socketConnectionId).toEqual(expect.any(String));
      expect(row.userIntentId).toBe(intentId);
      expect(row.sessionId).toEqual(expect.any(String));
    }
    expect(rows[0]).toMatchObject({ type: 'user', text: 'wake me up at 6:30 tomorrow', clientMessageId: 'm-1', isComplete: true });
  });

  it('answers a malformed payload with an error and stores nothing', async () => {
    const before = await server.db.db.selectFrom('chat_history').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const bad = await emitAck(socket, 'message:send', { chatId, text: 42 });
    expect(bad.ok).toBe(false);
    expect(bad.error).toMatchObject({ code: 'bad_request', retryable: false });
    expect(bad.error!.message).toMatch(/clientMessageId|text/);
    const unknownChat = await emitAck(socket, 'message:send', { chatId: 'nope', clientMessageId: 'x', text: 'hi' });
    expect(unknownChat.error?.code).toBe('not_found');
    const after = await server.db.db.selectFrom('chat_history').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });

  it('rejects a connection without a valid token', async () => {
    await expect(connectClient(server.url, 'not-a-token')).rejects.toThrow(/invalid|expired|token/i);
  });

  it('reports health with the database', async () => {
    const res = await fetch(`${server.url}/api/health`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok', database: { kind: backend, ok: true } });
  });
});
