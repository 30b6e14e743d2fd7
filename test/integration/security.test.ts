import { SignJWT } from 'jose';
import { io as ioClient } from 'socket.io-client';
import type { ChatEvent, ComponentEvent, SessionEvent } from '@app/shared';
import { EventCollector, emitAck } from '../support/event-collector';
import { connectClient, guestToken, startTestServer, type ClientSocket, type TestServer } from '../support/test-server';
import { describeOnBackends } from '../support/backends';

const SECRET = 'security-test-secret-0123456789abcdef';
const ADMIN_ID = 'ops-admin-1';

/** A token signed like the server signs them (same issuer, HS256), with any subject and expiry. */
async function signToken(sub: string, opts: { secret?: string; expiresIn?: number; role?: string } = {}): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ role: opts.role ?? 'user' })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(sub)
    .setIssuer('intent-orchestrator')
    .setIssuedAt(now - 10)
    .setExpirationTime(now + (opts.expiresIn ?? 3600))
    .sign(new TextEncoder().encode(opts.secret ?? SECRET));
}

function api(server: TestServer, token?: string) {
  return async (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => {
    const res = await fetch(`${server.url}${path}`, {
      method,
      headers: {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...headers,
      },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await res.text();
    let json: any;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      json = undefined;
    }
    return { status: res.status, json, text, headers: res.headers };
  };
}

async function historyCount(server: TestServer, chatId?: string): Promise<number> {
  let q = server.db.db.selectFrom('chat_history').select((eb) => eb.fn.countAll<number>().as('n'));
  if (chatId) q = q.where('user_chat_id', '=', chatId);
  return Number((await q.executeTakeFirstOrThrow()).n);
}

describeOnBackends('security: ownership and the admin role', (backend) => {
  let server: TestServer;
  let alice: { token: string; userId: string; socket: ClientSocket; events: EventCollector; chatId: string };
  let bob: { token: string; userId: string; socket: ClientSocket; events: EventCollector; chatId: string };
  let intentA: string;
  let formA: string;
  let alarmA: string;

  const open = async (token: string, userId: string) => {
    const socket = await connectClient(server.url, token);
    const events = new EventCollector(socket);
    const join = await emitAck<{ chatId: string }>(socket, 'chat:join', {});
    expect(join.ok).toBe(true);
    return { token, userId, socket, events, chatId: join.data!.chatId };
  };

  beforeAll(async () => {
    server = await startTestServer(backend, { AUTH_SECRET: SECRET, ADMIN_USER_IDS: ADMIN_ID });
    const a = await guestToken(server.url);
    const b = await guestToken(server.url);
    alice = await open(a.token, a.userId);
    bob = await open(b.token, b.userId);

    // Alice: an intent waiting for its time (with a form), and an alarm.
    const ack = await emitAck(alice.socket, 'message:send', { chatId: alice.chatId, clientMessageId: 'a-1', text: 'set an alarm' });
    expect(ack.ok).toBe(true);
    const events = await alice.events.waitFor((ev) => ev.some((e) => e.type === 'component') && ev.some((e) => e.type === 'session'), 10_000, 'the follow-up form');
    const session = events.find((e): e is SessionEvent & ChatEvent => e.type === 'session')!;
    expect(session.state).toBe('active');
    intentA = session.intentId;
    formA = events.find((e): e is ComponentEvent & ChatEvent => e.type === 'component')!.componentId;
    await server.orchestrator.drain();
    const created = await api(server, alice.token)('POST', '/api/alarms', { time: '07:15', label: 'Alice' });
    expect(created.status).toBe(201);
    alarmA = created.json.alarm.id;
  });

  afterAll(async () => {
    alice?.socket.disconnect();
    bob?.socket.disconnect();
    await server?.stop();
  });

  it('refuses every attempt on another person\'s chat, intents and alarms with not_found, and changes nothing', async () => {
    const aliceRowsBefore = await historyCount(server, alice.chatId);
    const bobApi = api(server, bob.token);
    const attempts: Array<{ what: string; ok: boolean; code?: string }> = [];
    const socketTry = async (what: string, event: string, payload: unknown) => {
      const r = await emitAck(bob.socket, event, payload);
      attempts.push({ what, ok: r.ok, code: r.error?.code });
    };
    const restTry = async (what: string, method: string, path: string, body?: unknown) => {
      const r = await bobApi(method, path, body);
      attempts.push({ what, ok: r.status < 400, code: r.json?.error?.code });
    };

    await socketTry('join', 'chat:join', { chatId: alice.chatId });
    await socketTry('join after seq', 'chat:join', { chatId: alice.chatId, afterSeq: 0 });
    await socketTry('send', 'message:send', { chatId: alice.chatId, clientMessageId: 'b-x', text: 'delete all my alarms' });
    await socketTry('submit her form in her chat', 'component:action', { chatId: alice.chatId, componentId: formA, action: 'submit', values: { time: '05:00' } });
    await socketTry('submit her form from his chat', 'component:action', { chatId: bob.chatId, componentId: formA, action: 'submit', values: { time: '05:00' } });
    await socketTry('press her card from his chat', 'component:action', { chatId: bob.chatId, componentId: `alarms:${intentA}`, action: 'delete', values: { alarmId: alarmA } });
    await socketTry('cancel', 'intent:cancel', { chatId: alice.chatId });
    await socketTry('resume in her chat', 'intent:resume', { chatId: alice.chatId, intentId: intentA });
    await socketTry('resume her intent in his chat', 'intent:resume', { chatId: bob.chatId, intentId: intentA });
    await restTry('history', 'GET', `/api/chats/${alice.chatId}/history`);
    await restTry('intents', 'GET', `/api/chats/${alice.chatId}/intents`);
    await restTry('clear intents', 'DELETE', `/api/chats/${alice.chatId}/intents`);
    await restTry('post message', 'POST', `/api/chats/${alice.chatId}/messages`, { clientMessageId: 'b-y', text: 'hello' });
    await restTry('read alarm', 'GET', `/api/alarms/${alarmA}`);
    await restTry('change alarm', 'PATCH', `/api/alarms/${alarmA}`, { enabled: false });
    await restTry('delete alarm', 'DELETE', `/api/alarms/${alarmA}`);

    const succeeded = attempts.filter((a) => a.ok);
    // eslint-disable-next-line no-console
    console.log(`[security/${backend}] cross-user attempts: ${attempts.length}, succeeded: ${succeeded.length}`);
    expect(succeeded).toEqual([]);
    expect(attempts.map((a) => [a.what, a.code])).toEqual(attempts.map((a) => [a.what, 'not_found']));

    // Lists never show another person's things, even when asking for all.
    const chats = await bobApi('GET', '/api/chats');
    const allChats = await bobApi('GET', '/api/chats?all=true');
    for (const r of [chats, allChats]) {
      expect(r.status).toBe(200);
      expect(r.json.chats.map((c: { chatId: string }) => c.chatId)).toEqual([bob.chatId]);
    }
    expect((await bobApi('GET', '/api/alarms')).json.alarms).toEqual([]);

    // Nothing of Alice's changed, and Bob heard nothing of her chat.
    await server.orchestrator.drain();
    expect(await historyCount(server, alice.chatId)).toBe(aliceRowsBefore);
    const intent = await server.db.db.selectFrom('user_intents').selectAll().where('id', '=', intentA).executeTakeFirstOrThrow();
    expect(intent.status).toBe('active');
    const alarm = await api(server, alice.token)('GET', `/api/alarms/${alarmA}`);
    expect(alarm.json.alarm).toMatchObject({ id: alarmA, time: '07:15', enabled: true });
    expect(bob.events.received.filter((e) => e.chatId === alice.chatId)).toEqual([]);
    // ...nor when she goes on talking: none of his attempts let his socket into her chat's room.
    expect((await emitAck(alice.socket, 'message:send', { chatId: alice.chatId, clientMessageId: 'a-after', text: 'list my alarms' })).ok).toBe(true);
    await alice.events.waitFor((ev) => ev.some((e) => e.type === 'response' && e.final && e.seq > aliceRowsBefore), 10_000, 'her reply');
    expect(bob.events.received.filter((e) => e.chatId === alice.chatId)).toEqual([]);
  });

  it('answers another person\'s chat exactly like a chat that does not exist (no existence leak)', async () => {
    const bobApi = api(server, bob.token);
    const theirs = await bobApi('GET', `/api/chats/${alice.chatId}/history`);
    const nobody = await bobApi('GET', '/api/chats/00000000-0000-4000-8000-000000000000/history');
    expect(theirs.status).toBe(404);
    expect(theirs.json).toEqual(nobody.json);
    const sockTheirs = await emitAck(bob.socket, 'chat:join', { chatId: alice.chatId });
    const sockNobody = await emitAck(bob.socket, 'chat:join', { chatId: '00000000-0000-4000-8000-000000000000' });
    expect(sockTheirs).toEqual(sockNobody);
  });

  it('answers an unknown event with bad_request, even one named like an object property, and keeps the socket usable', async () => {
    for (const event of ['chat:delete', '__proto__', 'constructor', 'toString', 'hasOwnProperty']) {
      expect(await emitAck(bob.socket, event, { chatId: bob.chatId })).toEqual({ ok: false, error: { code: 'bad_request', message: 'Unknown event.', retryable: false } });
    }
    expect(bob.socket.connected).toBe(true);
    expect((await emitAck(bob.socket, 'chat:join', { chatId: bob.chatId })).ok).toBe(true);
  });

  it('lets Bob see only his own turn while Alice is talking in hers (room isolation)', async () => {
    const ack = await emitAck<{ seq: number }>(alice.socket, 'message:send', { chatId: alice.chatId, clientMessageId: 'a-2', text: 'list my alarms' });
    expect(ack.ok).toBe(true);
    await alice.events.waitFor((ev) => ev.some((e) => e.seq > ack.data!.seq && e.type === 'response'), 10_000, 'alice reply');
    await server.orchestrator.drain();
    expect(bob.events.received.filter((e) => e.chatId === alice.chatId)).toEqual([]);
  });

  it('lets an admin list every chat and read another person\'s history and intents, but not write to them', async () => {
    const admin = api(server, await signToken(ADMIN_ID));
    const all = await admin('GET', '/api/chats?all=true');
    expect(all.status).toBe(200);
    const byId = new Map(all.json.chats.map((c: { chatId: string; userId: string }) => [c.chatId, c.userId]));
    expect(byId.get(alice.chatId)).toBe(alice.userId);
    expect(byId.get(bob.chatId)).toBe(bob.userId);
    // without ?all the admin sees their own chats only
    expect((await admin('GET', '/api/chats')).json.chats).toEqual([]);

    const history = await admin('GET', `/api/chats/${alice.chatId}/history`);
    expect(history.status).toBe(200);
    expect(history.json.events[0]).toMatchObject({ type: 'user', text: 'set an alarm', userChatId: alice.chatId });
    const intents = await admin('GET', `/api/chats/${alice.chatId}/intents`);
    expect(intents.status).toBe(200);
    expect(intents.json.intents.map((i: { intentId: string }) => i.intentId)).toContain(intentA);

    expect((await admin('POST', `/api/chats/${alice.chatId}/messages`, { clientMessageId: 'adm-1', text: 'hi' })).status).toBe(404);
    expect((await admin('DELETE', `/api/chats/${alice.chatId}/intents`)).status).toBe(404);
    // a role claimed in a token signed by someone else is worthless
    const forged = api(server, await signToken('mallory', { role: 'admin', secret: 'another-secret-0123456789abcdef' }));
    expect((await forged('GET', '/api/chats?all=true')).status).toBe(401);
  });

  it('verifies tokens on every REST route and on the socket handshake', async () => {
    const routes: Array<[string, string]> = [
      ['GET', '/api/chats'], ['POST', '/api/chats'], ['GET', `/api/chats/${alice.chatId}/history`],
      ['GET', `/api/chats/${alice.chatId}/intents`], ['DELETE', `/api/chats/${alice.chatId}/intents`],
      ['POST', `/api/chats/${alice.chatId}/messages`], ['GET', '/api/alarms'], ['POST', '/api/alarms'],
      ['GET', `/api/alarms/${alarmA}`], ['PATCH', `/api/alarms/${alarmA}`], ['DELETE', `/api/alarms/${alarmA}`],
    ];
    const good = alice.token;
    const [head, payload] = good.split('.');
    const tampered = `${head}.${Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(payload, 'base64url').toString()), sub: bob.userId })).toString('base64url')}.${good.split('.')[2]}`;
    const unsigned = `${Buffer.from(JSON.stringify({ alg: 'none' })).toString('base64url')}.${payload}.`;
    const badTokens = [undefined, 'garbage', tampered, unsigned, await signToken(alice.userId, { expiresIn: -60 }), await signToken(alice.userId, { secret: 'not-the-server-secret-0123456789' })];
    let checked = 0;
    for (const token of badTokens) {
      for (const [method, path] of routes) {
        const r = await api(server, token)(method, path, method === 'GET' || method === 'DELETE' ? undefined : {});
        expect([method, path, r.status, r.json?.error?.code]).toEqual([method, path, 401, 'unauthorized']);
        checked++;
      }
      await expect(connectClient(server.url, token as string)).rejects.toThrow();
    }
    expect(checked).toBe(routes.length * badTokens.length);
    expect(await historyCount(server, alice.chatId)).toBeGreaterThan(0);
  });
});

describeOnBackends('security: limits', (backend) => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer(backend, { EVENTS_PER_SECOND: '8', MESSAGES_PER_MINUTE: '3', MAX_MESSAGE_LENGTH: '100', MAX_PAYLOAD_BYTES: '8192' });
  });
  afterAll(async () => {
    await server?.stop();
  });

  const person = async () => {
    const { token } = await guestToken(server.url);
    const socket = await connectClient(server.url, token);
    const join = await emitAck<{ chatId: string }>(socket, 'chat:join', {});
    return { token, socket, chatId: join.data!.chatId };
  };

  it('limits message length (MAX_MESSAGE_LENGTH) and stores nothing over it', async () => {
    const p = await person();
    const before = await historyCount(server);
    const long = await emitAck(p.socket, 'message:send', { chatId: p.chatId, clientMessageId: 'long', text: 'x'.repeat(101) });
    expect(long).toMatchObject({ ok: false, error: { code: 'payload_too_large', retryable: false } });
    const rest = await api(server, p.token)('POST', `/api/chats/${p.chatId}/messages`, { clientMessageId: 'long-rest', text: 'y'.repeat(101) });
    expect(rest.status).toBe(413);
    expect(rest.json.error.code).toBe('payload_too_large');
    expect(await historyCount(server)).toBe(before);
    const fits = await emitAck(p.socket, 'message:send', { chatId: p.chatId, clientMessageId: 'fits', text: 'x'.repeat(100) });
    expect(fits.ok).toBe(true);
    await server.orchestrator.drain();
    p.socket.disconnect();
  });

  it('limits messages per person per minute, over sockets and REST together; over the limit is rate_limited, retryable, and stored nothing', async () => {
    const p = await person();
    const other = await person();
    const rest = api(server, p.token);
    for (let i = 1; i <= 2; i++) {
      const ack = await emitAck(p.socket, 'message:send', { chatId: p.chatId, clientMessageId: `rl-${i}`, text: 'what alarms do I have' });
      expect(ack.ok).toBe(true);
    }
    const third = await rest('POST', `/api/chats/${p.chatId}/messages`, { clientMessageId: 'rl-3', text: 'what alarms do I have' });
    expect(third.status).toBe(201);
    await server.orchestrator.drain();
    const before = await historyCount(server, p.chatId);

    const overSocket = await emitAck(p.socket, 'message:send', { chatId: p.chatId, clientMessageId: 'rl-4', text: 'what alarms do I have' });
    expect(overSocket).toMatchObject({ ok: false, error: { code: 'rate_limited', retryable: true } });
    const overRest = await rest('POST', `/api/chats/${p.chatId}/messages`, { clientMessageId: 'rl-5', text: 'hi' });
    expect(overRest.status).toBe(429);
    expect(overRest.json.error).toMatchObject({ code: 'rate_limited', retryable: true, message: expect.stringMatching(/at most 3 per minute/) });
    expect(Number(overRest.headers.get('retry-after'))).toBeGreaterThan(0);
    const overAction = await emitAck(p.socket, 'component:action', { chatId: p.chatId, componentId: 'form:x', action: 'submit', values: {} });
    expect(overAction.error?.code).toBe('rate_limited');
    await server.orchestrator.drain();
    expect(await historyCount(server, p.chatId)).toBe(before);
    const stored = await server.db.db.selectFrom('chat_history').select('client_message_id').where('client_message_id', 'in', ['rl-4', 'rl-5']).execute();
    expect(stored).toEqual([]);

    // another person is not affected
    const ok = await emitAck(other.socket, 'message:send', { chatId: other.chatId, clientMessageId: 'o-1', text: 'hello' });
    expect(ok.ok).toBe(true);
    await server.orchestrator.drain();
    p.socket.disconnect();
    other.socket.disconnect();
  });

  it('limits events per connection per second, counting unknown and malformed events too', async () => {
    const p = await person();
    await new Promise((r) => setTimeout(r, 1100));
    const burst = await Promise.all(Array.from({ length: 20 }, () => emitAck(p.socket, 'chat:join', { chatId: p.chatId, afterSeq: 0 })));
    const ok = burst.filter((a) => a.ok).length;
    const limited = burst.filter((a) => a.error?.code === 'rate_limited');
    expect(ok).toBe(8);
    expect(limited).toHaveLength(12);
    expect(limited[0].error!.retryable).toBe(true);

    // the budget comes back after a second
    await new Promise((r) => setTimeout(r, 1100));
    expect((await emitAck(p.socket, 'chat:join', { chatId: p.chatId })).ok).toBe(true);

    // unknown events and bad payloads spend the budget as well
    await new Promise((r) => setTimeout(r, 1100));
    for (let i = 0; i < 4; i++) (p.socket.emit as (ev: string, ...a: unknown[]) => void)('no:such:event', { i });
    for (let i = 0; i < 4; i++) (p.socket.emit as (ev: string, ...a: unknown[]) => void)('message:send', 42);
    const after = await emitAck(p.socket, 'chat:join', { chatId: p.chatId });
    expect(after.error?.code).toBe('rate_limited');
    // a connection's budget is its own
    const q = await person();
    expect((await emitAck(q.socket, 'chat:join', { chatId: q.chatId })).ok).toBe(true);
    p.socket.disconnect();
    q.socket.disconnect();
  });

  it('drops a socket whose packet exceeds maxHttpBufferSize, stores nothing, and keeps serving', async () => {
    const p = await person();
    await new Promise((r) => setTimeout(r, 1100));
    const before = await historyCount(server);
    const closed = new Promise<string>((resolve) => p.socket.once('disconnect', (reason) => resolve(reason)));
    p.socket.emit('message:send', { chatId: p.chatId, clientMessageId: 'huge', text: 'z'.repeat(20_000) }, () => undefined);
    expect(await closed).toMatch(/transport (close|error)/);
    expect(await historyCount(server)).toBe(before);
    const health = await fetch(`${server.url}/api/health`);
    expect(health.status).toBe(200);
  });

  it('refuses REST bodies over the express limit, bodies that are not JSON, NUL characters and prototype keys', async () => {
    const p = await person();
    const rest = api(server, p.token);
    const before = await historyCount(server);
    const big = await rest('POST', `/api/chats/${p.chatId}/messages`, JSON.stringify({ clientMessageId: 'big', text: 'b'.repeat(10_000) }));
    expect([big.status, big.json.error.code]).toEqual([413, 'payload_too_large']);
    const notJson = await rest('POST', `/api/chats/${p.chatId}/messages`, '{"clientMessageId": "nj", "text": ');
    expect([notJson.status, notJson.json.error.code]).toEqual([400, 'bad_request']);
    const nul = await rest('POST', `/api/chats/${p.chatId}/messages`, { clientMessageId: 'nul', text: 'wake me\u0000 up' });
    expect([nul.status, nul.json.error.code]).toEqual([400, 'bad_request']);
    const proto = await rest('POST', `/api/chats/${p.chatId}/messages`, '{"clientMessageId":"pp","text":"hi","__proto__":{"polluted":1}}');
    expect([proto.status, proto.json.error.code]).toEqual([400, 'bad_request']);
    const nested = await rest('POST', '/api/alarms', '{"time":"07:00","label":{"constructor":{"prototype":{"polluted":1}}}}');
    expect([nested.status, nested.json.error.code]).toEqual([400, 'bad_request']);
    const sockNul = await emitAck(p.socket, 'message:send', { chatId: p.chatId, clientMessageId: 'snul', text: 'a\u0000b' });
    expect(sockNul.error?.code).toBe('bad_request');
    const sockProto = await emitAck(p.socket, 'component:action', JSON.parse(`{"chatId":"${p.chatId}","componentId":"form:x","action":"submit","values":{"__proto__":{"polluted":1}}}`));
    expect(sockProto.error?.code).toBe('bad_request');
    expect(await historyCount(server)).toBe(before);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    p.socket.disconnect();
  });

  it('stores a message with lone UTF-16 surrogates as U+FFFD instead of failing', async () => {
    const p = await person();
    await new Promise((r) => setTimeout(r, 1100));
    const ack = await emitAck<{ seq: number }>(p.socket, 'message:send', { chatId: p.chatId, clientMessageId: 'sur', text: 'hi \uD800 there \uDC00' });
    expect(ack.ok).toBe(true);
    await server.orchestrator.drain();
    const row = await server.db.db.selectFrom('chat_history').select('content').where('user_chat_id', '=', p.chatId).where('seq', '=', ack.data!.seq).executeTakeFirstOrThrow();
    expect(row.content).toBe('hi \uFFFD there \uFFFD');
    p.socket.disconnect();
  });
});

describe('security: headers, CORS and error bodies', () => {
  let server: TestServer;
  let open: TestServer;

  beforeAll(async () => {
    server = await startTestServer('pglite', { CORS_ORIGIN: 'https://app.example.test, https://admin.example.test' });
    open = await startTestServer('pglite');
  });
  afterAll(async () => {
    await server?.stop();
    await open?.stop();
  });

  it('sends helmet\'s security headers and no x-powered-by', async () => {
    for (const path of ['/api/health', '/api/nope', '/']) {
      const res = await fetch(`${server.url}${path}`);
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('x-frame-options')).toBe('SAMEORIGIN');
      expect(res.headers.get('content-security-policy')).toMatch(/default-src 'self'/);
      expect(res.headers.get('strict-transport-security')).toMatch(/max-age=/);
      expect(res.headers.get('referrer-policy')).toBe('no-referrer');
      expect(res.headers.get('cross-origin-opener-policy')).toBe('same-origin');
      expect(res.headers.get('x-powered-by')).toBeNull();
    }
  });

  it('answers CORS for the configured origins only, on REST and on the socket handshake', async () => {
    const preflight = (origin: string, base = server.url) => fetch(`${base}/api/chats`, {
      method: 'OPTIONS',
      headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization,content-type' },
    });
    const allowed = await preflight('https://app.example.test');
    expect(allowed.status).toBeLessThan(300);
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://app.example.test');
    expect((await preflight('https://admin.example.test')).headers.get('access-control-allow-origin')).toBe('https://admin.example.test');
    expect((await preflight('https://evil.example.test')).headers.get('access-control-allow-origin')).toBeNull();
    // without CORS_ORIGIN, no cross-origin grants at all
    expect((await preflight('https://app.example.test', open.url)).headers.get('access-control-allow-origin')).toBeNull();

    const { token } = await guestToken(server.url);
    const connect = (origin: string) => new Promise<string>((resolve) => {
      const s = ioClient(server.url, { auth: { token }, transports: ['websocket'], reconnection: false, forceNew: true, extraHeaders: { origin } });
      s.once('connect', () => {
        s.disconnect();
        resolve('connected');
      });
      s.once('connect_error', () => resolve('refused'));
    });
    expect(await connect('https://app.example.test')).toBe('connected');
    expect(await connect('https://evil.example.test')).toBe('refused');
    // the server's own origin is always fine
    expect(await connect(server.url.replace('127.0.0.1', '127.0.0.1'))).toBe('connected');
  });

  it('stops password guessing on operator sign-in after 10 failures from one address', async () => {
    const guarded = await startTestServer('pglite', { OPERATOR_PASSWORD: 'correct horse battery staple' });
    try {
      const signIn = (password: string) => fetch(`${guarded.url}/api/auth/operator`, {
        method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: 'Mallory', password }),
      });
      expect((await signIn('correct horse battery staple')).status).toBe(201);
      const statuses = [];
      for (let i = 0; i < 12; i++) statuses.push((await signIn(`guess-${i}`)).status);
      expect(statuses).toEqual([...Array(10).fill(401), 429, 429]);
      const locked = await signIn('correct horse battery staple');
      expect(locked.status).toBe(429);
      expect(await locked.json()).toMatchObject({ error: { code: 'rate_limited', retryable: true } });
      expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(0);
    } finally {
      await guarded.stop();
    }
  });

  it('never sends stack traces or internal messages to clients', async () => {
    const secret = 'db password=hunter2 at Object.<anonymous> (/srv/app/secret.ts:12:34)';
    const { token } = await guestToken(server.url);
    const chat = await api(server, token)('POST', '/api/chats', {});
    const chatId = chat.json.chatId;
    const spy = jest.spyOn(server.orchestrator, 'acceptMessage').mockRejectedValue(Object.assign(new Error(secret), { stack: `Error: ${secret}\n    at x (/srv/app/secret.ts:1:1)` }));
    try {
      const rest = await api(server, token)('POST', `/api/chats/${chatId}/messages`, { clientMessageId: 'boom', text: 'hello' });
      expect(rest.status).toBe(500);
      expect(rest.json).toEqual({ error: { code: 'internal', message: expect.any(String), retryable: false } });
      expect(rest.text).not.toMatch(/hunter2|secret\.ts|\bat\s+\S+\s+\(|stack/i);

      const socket = await connectClient(server.url, token);
      const ack = await emitAck(socket, 'message:send', { chatId, clientMessageId: 'boom2', text: 'hello' });
      expect(ack).toEqual({ ok: false, error: { code: 'internal', message: expect.any(String), retryable: false } });
      expect(JSON.stringify(ack)).not.toMatch(/hunter2|secret\.ts|stack/i);
      socket.disconnect();
    } finally {
      spy.mockRestore();
    }
    // a body express cannot parse: a plain JSON error, no HTML error page with a trace
    const bad = await api(server, token)('POST', `/api/chats/${chatId}/messages`, '{"oops', { 'content-type': 'application/json' });
    expect(bad.headers.get('content-type')).toMatch(/application\/json/);
    expect(bad.text).not.toMatch(/\bat\s+\S+\s+\(|node_modules/);
  });
});
