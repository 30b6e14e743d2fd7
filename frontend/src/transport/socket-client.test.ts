import { createAppStore } from '../store';
import { ChatClient } from './socket-client';
import { FakeSocket, fakeFetch, settle } from '../test/fake-socket';
import { CHAT_ID, response, user } from '../test/fixtures';

const ORIGIN = 'http://test';

function setup(options: { routes?: Parameters<typeof fakeFetch>[0] } = {}) {
  localStorage.setItem('io.currentChat.v1', JSON.stringify(CHAT_ID));
  const store = createAppStore();
  const socket = new FakeSocket();
  const http = fakeFetch([
    { method: 'POST', path: /\/api\/auth\/guest$/, reply: () => ({ status: 201, json: { token: 'tok-1', userId: 'u1' } }) },
    { method: 'GET', path: /\/api\/chats$/, reply: () => ({ json: { chats: [] } }) },
    { method: 'GET', path: /\/api\/branding$/, reply: () => ({ json: { name: 'Casa', color: '#ffcc00', greeting: 'Hola' } }) },
    ...(options.routes ?? []),
  ]);
  const client = new ChatClient({
    store, origin: ORIGIN, fetch: http.fetch, connect: (_o, opts) => { socket.options = opts; return socket.asSocket(); },
    pollIntervalMs: 1_000, gapWaitMs: 500, fallbackAfterErrors: 3,
  });
  return { store, socket, http, client };
}

afterEach(() => jest.useRealTimers());

describe('ChatClient over the socket', () => {
  it('signs in as a guest, keeps the token, and sends it with the time zone in the handshake', async () => {
    const { socket, client, store } = setup();
    await client.start();
    expect(JSON.parse(localStorage.getItem('io.auth.v1')!)).toEqual({ token: 'tok-1', userId: 'u1' });
    const auth = await new Promise((resolve) => socket.options.auth(resolve));
    expect(auth).toEqual({ token: 'tok-1', timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone });
    expect(socket.options).toMatchObject({ reconnection: true, randomizationFactor: 0.5 });
    await settle();
    expect(store.getState().branding.name).toBe('Casa');
    client.stop();
  });

  it('joins page by page after connecting, then from the last applied seq after a reconnect', async () => {
    const { socket, client, store } = setup();
    socket.serve('chat:join', (p) => ({
      ok: true,
      data: p.afterSeq === 0
        ? { chatId: CHAT_ID, events: [user(1), user(2)], lastSeq: 3, hasMore: true, intent: null }
        : { chatId: CHAT_ID, events: p.afterSeq === 2 ? [user(3)] : [], lastSeq: 3, hasMore: false, intent: null },
    }));
    await client.start();
    socket.open();
    await settle(30);
    expect(socket.sent('chat:join')).toEqual([{ chatId: CHAT_ID, afterSeq: 0 }, { chatId: CHAT_ID, afterSeq: 2 }]);
    expect(store.getState().streams[CHAT_ID].lastSeq).toBe(3);
    expect(store.getState().connection.status).toBe('connected');

    socket.drop();
    expect(store.getState().connection.status).toBe('reconnecting');
    socket.fireManager('reconnect_attempt', 2);
    expect(store.getState().connection).toMatchObject({ status: 'reconnecting', attempt: 2 });
    socket.open();
    await settle(30);
    expect(socket.sent('chat:join').at(-1)).toEqual({ chatId: CHAT_ID, afterSeq: 3 });
    client.stop();
  });

  it('sends a message written offline exactly once, with the same clientMessageId after a lost ack', async () => {
    const { socket, client, store } = setup();
    socket.serve('chat:join', () => ({ ok: true, data: { chatId: CHAT_ID, events: [], lastSeq: 0, hasMore: false, intent: null } }));
    let acks = 0;
    socket.serve('message:send', () => (++acks === 1 ? 'timeout' : { ok: true, data: { seq: 1, duplicate: acks > 2 } }));
    await client.start();
    client.sendMessage('wake me up at 6:30 tomorrow');
    await settle();
    expect(store.getState().outbox).toEqual([expect.objectContaining({ status: 'pending', text: 'wake me up at 6:30 tomorrow' })]);
    expect(socket.sent('message:send')).toHaveLength(0);

    socket.open(); // first attempt: the ack is lost
    await settle(30);
    expect(store.getState().outbox[0].status).toBe('pending');
    socket.drop();
    socket.open(); // second attempt: acked
    await settle(30);
    const sends = socket.sent('message:send');
    expect(sends).toHaveLength(2);
    expect(sends[0].clientMessageId).toBe(sends[1].clientMessageId);
    expect(store.getState().outbox).toEqual([]);
    client.stop();
  });

  it('re-joins from the last applied seq when a seq gap does not fill', async () => {
    jest.useFakeTimers();
    const { socket, client, store } = setup();
    socket.serve('chat:join', (p) => ({
      ok: true,
      data: { chatId: CHAT_ID, events: p.afterSeq === 0 ? [user(1)] : [user(2), user(3)], lastSeq: 3, hasMore: false, intent: null },
    }));
    await client.start();
    socket.open();
    await settle(30);
    socket.fire('response', response(3, 'Alarm set.'));
    expect(store.getState().hasGap(CHAT_ID)).toBe(true);
    jest.advanceTimersByTime(600);
    await settle(30);
    expect(socket.sent('chat:join').at(-1)).toEqual({ chatId: CHAT_ID, afterSeq: 1 });
    expect(store.getState().streams[CHAT_ID].events.map((e) => e.seq)).toEqual([1, 2, 3]);
    expect(store.getState().hasGap(CHAT_ID)).toBe(false);
    client.stop();
  });
});

describe('REST fallback', () => {
  it('polls history and posts messages while the socket cannot connect, then switches back', async () => {
    jest.useFakeTimers();
    const { socket, client, store, http } = setup({
      routes: [
        { method: 'GET', path: /\/history\?afterSeq=0$/, reply: () => ({ json: { events: [user(1, 'hi')], hasMore: false } }) },
        { method: 'GET', path: /\/history\?afterSeq=\d+$/, reply: () => ({ json: { events: [], hasMore: false } }) },
        { method: 'POST', path: /\/messages$/, reply: (body) => ({ status: 201, json: { seq: 2, duplicate: false, events: [user(2, body.text, { clientMessageId: body.clientMessageId }), response(3, 'Done.')] } }) },
      ],
    });
    await client.start();
    for (let i = 0; i < 3; i++) await (socket.fire('connect_error', new Error('websocket error')), settle());
    await settle(30);
    expect(store.getState().connection.status).toBe('polling');
    const history = http.calls.find((c) => c.url.includes('/history'))!;
    expect(history.headers.Authorization).toBe('Bearer tok-1');
    expect(store.getState().streams[CHAT_ID].lastSeq).toBe(1);

    client.sendMessage('list my alarms');
    await settle(30);
    const post = http.calls.find((c) => c.method === 'POST' && c.url.endsWith('/messages'))!;
    expect(post.url).toBe(`${ORIGIN}/api/chats/${CHAT_ID}/messages`);
    expect(post.body).toEqual({ clientMessageId: expect.any(String), text: 'list my alarms' });
    expect(store.getState().outbox).toEqual([]);
    expect(store.getState().streams[CHAT_ID].lastSeq).toBe(3);

    socket.serve('chat:join', () => ({ ok: true, data: { chatId: CHAT_ID, events: [], lastSeq: 3, hasMore: false, intent: null } }));
    socket.open();
    await settle(30);
    expect(store.getState().connection.status).toBe('connected');
    const polls = http.calls.filter((c) => c.url.includes('/history')).length;
    jest.advanceTimersByTime(5_000);
    await settle(30);
    expect(http.calls.filter((c) => c.url.includes('/history')).length).toBe(polls);
    client.stop();
  });

  it('keeps saying reconnecting when REST does not answer either but the device is online', async () => {
    const { socket, client, store } = setup(); // no history route: fetch fails
    await client.start();
    for (let i = 0; i < 3; i++) socket.fire('connect_error', new Error('xhr poll error'));
    await settle(30);
    expect(store.getState().connection).toMatchObject({ status: 'reconnecting', attempt: expect.any(Number) });
    expect(store.getState().connection.error).toBeTruthy();
    client.stop();
  });

  it('shows offline when REST does not answer and the browser reports no network', async () => {
    const onLine = jest.spyOn(window.navigator, 'onLine', 'get').mockReturnValue(false);
    try {
      const { socket, client, store } = setup();
      await client.start();
      for (let i = 0; i < 3; i++) socket.fire('connect_error', new Error('xhr poll error'));
      await settle(30);
      expect(store.getState().connection.status).toBe('offline');
      client.stop();
    } finally {
      onLine.mockRestore();
    }
  });
});
