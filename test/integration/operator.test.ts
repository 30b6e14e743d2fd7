import type { ChatActivity, ChatActivityUpdate, ChatEvent, IntentFunnel } from '@app/shared';
import { EventCollector, emitAck } from '../support/event-collector';
import { connectClient, guestToken, startTestServer, type ClientSocket, type TestServer } from '../support/test-server';
import { describeOnBackends } from '../support/backends';

const PASSWORD = 'operator-test-password';

describeOnBackends('operator console: live chats, take over, hand back, funnel, roles', (backend) => {
  let server: TestServer;
  let op: ClientSocket;
  let opToken: string;
  const updates: ChatActivityUpdate[] = [];
  const people: Array<{ token: string; socket: ClientSocket; events: EventCollector; chatId: string }> = [];

  beforeAll(async () => {
    server = await startTestServer(backend, { OPERATOR_PASSWORD: PASSWORD });
    const res = await fetch(`${server.url}/api/auth/operator`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: 'Dana', password: PASSWORD }) });
    expect(res.status).toBe(201);
    opToken = ((await res.json()) as { token: string }).token;
    op = await connectClient(server.url, opToken);
    op.on('operator:activity', (u) => updates.push(u));
    for (let i = 0; i < 2; i++) {
      const { token } = await guestToken(server.url);
      const socket = await connectClient(server.url, token);
      const events = new EventCollector(socket);
      const chatId = (await emitAck<{ chatId: string }>(socket, 'chat:join', {})).data!.chatId;
      people.push({ token, socket, events, chatId });
    }
  });
  afterAll(async () => {
    op?.disconnect();
    people.forEach((p) => p.socket.disconnect());
    await server?.stop();
  });

  it('refuses every operator event and route to a person without the role', async () => {
    const { socket, token, chatId } = people[0];
    for (const [event, payload] of [
      ['operator:subscribe', {}], ['operator:watch', { chatId }], ['operator:takeover', { chatId }],
      ['operator:handback', { chatId }], ['operator:send', { chatId, clientMessageId: 'x', text: 'hi' }], ['operator:unwatch', { chatId }],
    ] as const) {
      const ack = await emitAck(socket, event, payload);
      expect({ event, code: ack.error?.code }).toEqual({ event, code: 'forbidden' });
    }
    for (const [method, path] of [['GET', '/api/operator/chats'], ['GET', '/api/operator/funnel'], ['POST', `/api/operator/chats/${chatId}/takeover`], ['POST', `/api/operator/chats/${chatId}/handback`]] as const) {
      const res = await fetch(`${server.url}${path}`, { method, headers: { authorization: `Bearer ${token}` } });
      expect({ path, status: res.status }).toEqual({ path, status: 403 });
    }
    const wrong = await fetch(`${server.url}/api/auth/operator`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: 'Eve', password: 'nope' }) });
    expect(wrong.status).toBe(401);
    const paused = await server.db.db.selectFrom('user_chats').select('assistant_paused').where('id', '=', chatId).executeTakeFirstOrThrow();
    expect(paused.assistant_paused).toBe(false);
  });

  it('sees both chats live, takes one over, answers as a person, hands back and the assistant finishes the intent', async () => {
    const sub = await emitAck<{ chats: ChatActivity[] }>(op, 'operator:subscribe', {});
    expect(sub.ok).toBe(true);
    expect(sub.data!.chats.map((c) => c.chatId)).toEqual(expect.arrayContaining(people.map((p) => p.chatId)));

    const [alice, bob] = people;
    await emitAck(alice.socket, 'message:send', { chatId: alice.chatId, clientMessageId: 'a1', text: 'set an alarm' });
    await emitAck(bob.socket, 'message:send', { chatId: bob.chatId, clientMessageId: 'b1', text: 'show my alarms' });
    const deadline = Date.now() + 5000;
    while (Date.now() < deadline && !(updates.some((u) => u.chatId === alice.chatId && u.intent?.state === 'active') && updates.some((u) => u.chatId === bob.chatId && u.intent?.state === 'completed'))) {
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(updates.some((u) => u.chatId === alice.chatId && u.lastMessage?.text === 'set an alarm')).toBe(true);
    expect(updates.some((u) => u.chatId === bob.chatId && u.lastMessage?.type === 'response')).toBe(true);
    // session changes reach the console with the intent's state
    expect(updates.some((u) => u.chatId === alice.chatId && u.intent?.intent === 'create_alarm' && u.intent.state === 'active')).toBe(true);
    expect(updates.some((u) => u.chatId === bob.chatId && u.intent?.intent === 'list_alarms' && u.intent.state === 'completed')).toBe(true);

    const watched = await emitAck<{ events: ChatEvent[]; activity: ChatActivity }>(op, 'operator:watch', { chatId: alice.chatId });
    expect(watched.data!.events.some((e) => e.type === 'thinking')).toBe(true);
    expect(watched.data!.activity.intent).toMatchObject({ intent: 'create_alarm', state: 'active', missing: ['time'] });
    const opEvents = new EventCollector(op, () => alice.chatId);

    const take = await emitAck<{ activity: ChatActivity }>(op, 'operator:takeover', { chatId: alice.chatId });
    expect(take.data!.activity).toMatchObject({ paused: true, pausedBy: 'operator:Dana' });
    await alice.events.waitFor((ev) => ev.some((e) => e.type === 'operator' && e.kind === 'takeover'), 5000, 'takeover notice');

    // while taken over the person's message reaches the operator and the assistant stays quiet
    const before = alice.events.ordered().at(-1)!.seq;
    const q = await emitAck<{ seq: number }>(alice.socket, 'message:send', { chatId: alice.chatId, clientMessageId: 'a2', text: 'can a human help me?' });
    await opEvents.waitFor((ev) => ev.some((e) => e.seq === q.data!.seq && e.type === 'user'), 5000, 'operator sees the message');
    const sent = await emitAck<{ seq: number }>(op, 'operator:send', { chatId: alice.chatId, clientMessageId: 'o1', text: 'Hi, Dana here. What time should the alarm ring?' });
    expect(sent.ok).toBe(true);
    const got = await alice.events.waitFor((ev) => ev.some((e) => e.type === 'operator' && e.kind === 'message'), 5000, 'operator answer');
    expect(got.filter((e) => e.seq > before && (e.type === 'thinking' || e.type === 'response'))).toEqual([]);
    expect(got.find((e) => e.type === 'operator' && e.kind === 'message')).toMatchObject({ operatorName: 'Dana', operatorId: 'operator:Dana' });

    const back = await emitAck<{ activity: ChatActivity }>(op, 'operator:handback', { chatId: alice.chatId });
    expect(back.data!.activity.paused).toBe(false);
    const mark = alice.events.ordered().at(-1)!.seq;
    await emitAck(alice.socket, 'message:send', { chatId: alice.chatId, clientMessageId: 'a3', text: 'at 7am' });
    const done = await alice.events.waitFor((ev) => ev.some((e) => e.seq > mark && e.type === 'session' && e.state === 'completed'), 8000, 'intent finished after hand back');
    expect(done.some((e) => e.seq > mark && e.type === 'response' && /7:00 AM/.test(e.text))).toBe(true);
    // the operator watched it live
    await opEvents.waitFor((ev) => ev.some((e) => e.type === 'session' && e.state === 'completed'), 5000, 'operator sees completion');

    // operator actions are stored with who did it
    const rows = await server.db.db.selectFrom('chat_history').select(['message_type', 'payload']).where('user_chat_id', '=', alice.chatId).where('message_type', '=', 'operator').execute();
    expect(rows.map((r) => (r.payload as { kind: string; operatorId: string }).kind)).toEqual(['takeover', 'message', 'handback']);
    expect(rows.every((r) => (r.payload as { operatorId: string }).operatorId === 'operator:Dana')).toBe(true);
  });

  it('reports the intent funnel with completion and drop-off', async () => {
    const res = await fetch(`${server.url}/api/operator/funnel`, { headers: { authorization: `Bearer ${opToken}` } });
    expect(res.status).toBe(200);
    const funnel = (await res.json()) as IntentFunnel;
    expect(funnel.started).toBe(2);
    expect(funnel.completed).toBe(2);
    expect(funnel.byIntent.create_alarm).toMatchObject({ started: 1, completed: 1 });
    expect(funnel.timeToCompleteMs.p50).toEqual(expect.any(Number));
    const bad = await fetch(`${server.url}/api/operator/funnel?from=notadate`, { headers: { authorization: `Bearer ${opToken}` } });
    expect(bad.status).toBe(400);
  });
});
