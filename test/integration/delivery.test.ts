import type { ChatEvent, HistoryRow } from '@app/shared';
import { EventCollector, emitAck } from '../support/event-collector';
import { connectClient, guestToken, startTestServer, type ClientSocket, type TestServer } from '../support/test-server';
import { describeOnBackends } from '../support/backends';

/** A deterministic pseudo-random sequence, so a failure can be replayed. */
function rng(seed: number) {
  return () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
}

describeOnBackends('delivery: exactly once, in order, over sockets and REST', (backend) => {
  let server: TestServer;
  let token: string;

  beforeAll(async () => {
    server = await startTestServer(backend, { MESSAGES_PER_MINUTE: '100000', EVENTS_PER_SECOND: '100000' });
    ({ token } = await guestToken(server.url));
  });
  afterAll(() => server?.stop());

  it('200 messages with random disconnects: every seq applied exactly once, in order, no message lost', async () => {
    const random = rng(42);
    const applied = new Map<number, ChatEvent>();
    let lastApplied = 0;
    let chatId: string | undefined;
    let socket: ClientSocket | undefined;
    let reconnects = 0;

    const apply = (e: ChatEvent) => {
      if (e.chatId !== chatId || applied.has(e.seq)) return;
      applied.set(e.seq, e);
      while (applied.has(lastApplied + 1)) lastApplied++;
    };
    const open = async () => {
      socket = await connectClient(server.url, token);
      const collector = new EventCollector(socket, () => chatId);
      const origAdd = collector.add.bind(collector);
      collector.add = (e) => {
        origAdd(e);
        apply(e);
      };
      const ack = await emitAck<{ chatId: string; events: ChatEvent[]; hasMore: boolean }>(socket, 'chat:join', chatId ? { chatId, afterSeq: lastApplied } : {});
      chatId = ack.data!.chatId;
      ack.data!.events.forEach(apply);
    };

    await open();
    const sent: string[] = [];
    for (let i = 0; i < 200; i++) {
      const id = `bulk-${i}`;
      sent.push(id);
      // an ack can be lost with the connection: resend the same id until one is acknowledged
      for (;;) {
        try {
          const ack = await emitAck<{ seq: number }>(socket!, 'message:send', { chatId, clientMessageId: id, text: i % 2 ? 'show my alarms' : 'what is the weather' }, 3000);
          if (ack.ok) break;
        } catch {
          /* timed out: reconnect below */
        }
        socket!.disconnect();
        await open();
        reconnects++;
      }
      if (random() < 0.08) {
        socket!.disconnect();
        reconnects++;
        await open();
      }
    }
    // turns queue behind each other; wait for the last to finish, catching up the way a client
    // does after a reconnect (join afterSeq, page by page)
    socket!.disconnect();
    await open();
    const finals = () => [...applied.values()].filter((e) => e.type === 'response' && e.final).length;
    for (let tries = 0; finals() < 200 && tries < 100; tries++) {
      await new Promise((r) => setTimeout(r, 100));
      for (let more = true; more; ) {
        const ack = await emitAck<{ events: ChatEvent[]; hasMore: boolean }>(socket!, 'chat:join', { chatId, afterSeq: lastApplied });
        ack.data!.events.forEach(apply);
        more = ack.data!.hasMore;
      }
    }
    await new Promise((r) => setTimeout(r, 300));
    const tail = await emitAck<{ events: ChatEvent[] }>(socket!, 'chat:join', { chatId, afterSeq: lastApplied });
    tail.data!.events.forEach(apply);
    socket!.disconnect();

    const seqs = [...applied.keys()].sort((a, b) => a - b);
    expect(reconnects).toBeGreaterThan(5);
    expect(seqs).toEqual(seqs.map((_, i) => i + 1));
    const users = [...applied.values()].filter((e) => e.type === 'user');
    expect(users.map((u) => (u as { clientMessageId: string }).clientMessageId)).toEqual(sent);
    const res = await fetch(`${server.url}/api/chats/${chatId}/history?limit=5000`, { headers: { authorization: `Bearer ${token}` } });
    const { events } = (await res.json()) as { events: HistoryRow[] };
    expect(events.length).toBe(seqs.length);
    expect(events.filter((e) => e.type === 'response' && e.final)).toHaveLength(200);
  }, 120_000);

  it('REST: posting a message answers JSON with the turn, or streams the same events as SSE', async () => {
    const auth = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    const chat = await (await fetch(`${server.url}/api/chats`, { method: 'POST', headers: auth, body: '{}' })).json() as { chatId: string };
    const json = await fetch(`${server.url}/api/chats/${chat.chatId}/messages`, { method: 'POST', headers: auth, body: JSON.stringify({ clientMessageId: 'r-1', text: 'wake me up at 6:30 tomorrow' }) });
    expect(json.status).toBe(201);
    const body = (await json.json()) as { seq: number; events: ChatEvent[] };
    expect(body.seq).toBe(1);
    expect(body.events[0]).toMatchObject({ type: 'user', seq: 1 });
    expect(body.events.map((e) => e.seq)).toEqual(body.events.map((_, i) => i + 1));
    expect(body.events.some((e) => e.type === 'response' && /Alarm set for 6:30 AM/.test(e.text))).toBe(true);

    const sse = await fetch(`${server.url}/api/chats/${chat.chatId}/messages`, { method: 'POST', headers: { ...auth, accept: 'text/event-stream' }, body: JSON.stringify({ clientMessageId: 'r-2', text: 'show my alarms' }) });
    expect(sse.headers.get('content-type')).toContain('text/event-stream');
    const text = await sse.text();
    const frames = text.trim().split('\n\n').map((f) => Object.fromEntries(f.split('\n').map((l) => [l.slice(0, l.indexOf(':')), l.slice(l.indexOf(':') + 2)])));
    const types = frames.map((f) => f.event);
    expect(types[0]).toBe('user');
    expect(types).toContain('thinking');
    expect(types).toContain('response');
    expect(types.at(-1)).toBe('done');
    const seqs = frames.filter((f) => f.event !== 'done').map((f) => JSON.parse(f.data).seq);
    expect(seqs).toEqual(seqs.map((_: number, i: number) => body.events.length + 1 + i));

    const dup = await fetch(`${server.url}/api/chats/${chat.chatId}/messages`, { method: 'POST', headers: auth, body: JSON.stringify({ clientMessageId: 'r-1', text: 'wake me up at 6:30 tomorrow' }) });
    expect(await dup.json()).toEqual({ seq: 1, duplicate: true, events: [] });
    const alarms: any = await (await fetch(`${server.url}/api/alarms`, { headers: auth })).json();
    expect(alarms.alarms).toHaveLength(1);

    const intents: any = await (await fetch(`${server.url}/api/chats/${chat.chatId}/intents`, { headers: auth })).json();
    expect(intents.intents.map((i: { intent: string; state: string }) => `${i.intent}:${i.state}`)).toEqual(['create_alarm:completed', 'list_alarms:completed']);
    const cleared = await fetch(`${server.url}/api/chats/${chat.chatId}/intents`, { method: 'DELETE', headers: auth });
    expect(cleared.status).toBe(200);
    const after: any = await (await fetch(`${server.url}/api/chats/${chat.chatId}/intents`, { headers: auth })).json();
    expect(after.intents).toEqual([]);
  });
});
