import { waitFor } from '@testing-library/react';
import { createOperatorStore, type OperatorStore } from './store';
import { OperatorClient } from './operator-client';
import { loadOperatorAuth } from './operator-http';
import { activity, DANA } from './test-utils';
import { FakeSocket, fakeFetch, settle } from '../test/fake-socket';
import { CHAT_ID, response, session, user } from '../test/fixtures';

const FUNNEL = {
  from: '2026-01-01T00:00:00.000Z', to: '2026-01-08T00:00:00.000Z', started: 3, completed: 2, cancelled: 0, abandoned: 1, active: 0,
  resumed: 1, completedAfterResume: 1, byIntent: {}, timeToCompleteMs: { p50: 1200, p90: 3000, mean: 1800 }, dropOffByMissing: { time: 1 }, lowConfidence: [],
};

function setup({ signedIn = true } = {}) {
  const store: OperatorStore = createOperatorStore(signedIn ? DANA : null);
  const sockets: FakeSocket[] = [];
  const http = fakeFetch([
    { method: 'POST', path: /\/api\/auth\/operator$/, reply: (body) => (body.password === 'right'
      ? { status: 201, json: { token: 'tok', userId: `operator:${body.name}`, role: 'admin' } }
      : { status: 401, json: { error: { code: 'unauthorized', message: 'Wrong operator password.', retryable: false } } }) },
    { method: 'GET', path: /\/api\/operator\/chats$/, reply: () => ({ json: { chats: [activity('a'), activity('new-one')] } }) },
    { method: 'GET', path: /\/api\/operator\/funnel\?/, reply: () => ({ json: FUNNEL }) },
    { method: 'GET', path: /\/api\/branding$/, reply: () => ({ json: { name: 'Homebase' } }) },
  ]);
  const client = new OperatorClient({
    store, origin: 'http://test', fetch: http.fetch, ackTimeoutMs: 50, gapWaitMs: 20, refreshDelayMs: 10,
    connect: (_origin, options) => {
      const s = new FakeSocket();
      s.options = options;
      s.serve('operator:subscribe', () => ({ ok: true, data: { chats: [activity('a')] } }));
      sockets.push(s);
      return s.asSocket();
    },
  });
  const socket = () => sockets[sockets.length - 1];
  return { store, client, http, sockets, socket };
}

afterEach(() => window.sessionStorage.clear());

describe('operator client: session', () => {
  it('signs in, keeps the token for the tab, connects with it and subscribes', async () => {
    const { store, client, socket, http } = setup({ signedIn: false });
    client.start();
    expect(socket()).toBeUndefined();
    await client.signIn(' Dana ', 'right');
    expect(http.calls.find((c) => c.method === 'POST')!.body).toEqual({ name: 'Dana', password: 'right' });
    expect(store.getState().auth).toEqual({ token: 'tok', userId: 'operator:Dana', name: 'Dana' });
    expect(loadOperatorAuth()).toEqual(store.getState().auth);
    expect(socket().options.auth).toMatchObject({ token: 'tok' });
    socket().open();
    await settle();
    expect(socket().sent('operator:subscribe')).toEqual([{}]);
    expect(store.getState().chatList.map((c) => c.chatId)).toEqual(['a']);
    expect(store.getState().connection.status).toBe('connected');
    client.stop();
  });

  it("shows the server's message for a wrong password", async () => {
    const { store, client } = setup({ signedIn: false });
    await client.signIn('Dana', 'wrong');
    expect(store.getState().signIn).toEqual({ pending: false, error: 'Wrong operator password.' });
    expect(store.getState().auth).toBeNull();
  });

  it('signs out when the server refuses the token', async () => {
    const { store, client, socket } = setup();
    client.start();
    socket().fire('connect_error', Object.assign(new Error('unauthorized'), { data: { code: 'unauthorized' } }));
    expect(store.getState().auth).toBeNull();
    expect(store.getState().signIn.error).toMatch(/Sign in again/);
    expect(loadOperatorAuth()).toBeNull();
  });
});

describe('operator client: live activity and watching', () => {
  it('merges activity; an unknown chat refetches the list', async () => {
    const { store, client, socket, http } = setup();
    client.start();
    socket().open();
    await settle();
    socket().fire('operator:activity', { chatId: 'a', online: true, deliveredSeq: 2 });
    expect(store.getState().chatsById.a.online).toBe(true);
    socket().fire('operator:activity', { chatId: 'new-one', online: true, deliveredSeq: 0 });
    await waitFor(() => expect(store.getState().chatList.map((c) => c.chatId).sort()).toEqual(['a', 'new-one']));
    expect(http.calls.filter((c) => c.url.endsWith('/api/operator/chats'))).toHaveLength(1);
    client.stop();
  });

  it('watches page by page, applies live events, re-reads after a gap, and unwatches on switch', async () => {
    const { store, client, socket } = setup();
    client.start();
    const s = socket();
    s.serve('operator:watch', (p) => {
      if (p.chatId !== CHAT_ID) return { ok: true, data: { chatId: p.chatId, events: [], lastSeq: 0, hasMore: false, intent: null, activity: activity(p.chatId) } };
      const all = [user(1, 'set an alarm'), response(2, 'What time?'), session(3, 'active', { missing: ['time'] }), user(4, 'at 7'), response(5, 'Done')];
      const events = all.filter((e) => e.seq > p.afterSeq).slice(0, 2);
      const hasMore = events.length > 0 && events[events.length - 1].seq < (p.afterSeq === 0 ? 3 : 5) && p.afterSeq < 2;
      return { ok: true, data: { chatId: CHAT_ID, events, lastSeq: 5, hasMore, intent: null, activity: activity(CHAT_ID, { lastSeq: 5, deliveredSeq: 5 }) } };
    });
    s.open();
    await settle();
    await client.openChat(CHAT_ID);
    expect(s.sent('operator:watch').map((p) => p.afterSeq)).toEqual([0, 2]);
    expect(store.getState().watch).toMatchObject({ chatId: CHAT_ID, loading: false, error: null });
    expect(store.getState().watch!.stream.lastSeq).toBe(4);
    expect(store.getState().chatsById[CHAT_ID].deliveredSeq).toBe(5);

    // A live event after a gap: the missing one is read from the log.
    s.fire('response', response(5, 'Done'));
    expect(store.getState().watch!.stream.lastSeq).toBe(5);
    s.fire('user', user(7, 'thanks'));
    await waitFor(() => expect(s.sent('operator:watch').at(-1)).toMatchObject({ chatId: CHAT_ID, afterSeq: 5 }));

    await client.openChat('other');
    expect(s.sent('operator:unwatch')).toEqual([{ chatId: CHAT_ID }]);
    expect(store.getState().watch!.chatId).toBe('other');
    client.stop();
  });

  it('watches the open chat again after a reconnect, from where it was', async () => {
    const { store, client, socket } = setup();
    client.start();
    const s = socket();
    s.serve('operator:watch', (p) => ({ ok: true, data: { chatId: CHAT_ID, events: p.afterSeq === 0 ? [user(1)] : [], lastSeq: 1, hasMore: false, intent: null, activity: activity(CHAT_ID) } }));
    s.open();
    await settle();
    await client.openChat(CHAT_ID);
    s.drop();
    expect(store.getState().connection.status).toBe('reconnecting');
    s.open();
    await waitFor(() => expect(s.sent('operator:subscribe')).toHaveLength(2));
    await waitFor(() => expect(s.sent('operator:watch').at(-1)).toEqual({ chatId: CHAT_ID, afterSeq: 1, limit: 1000 }));
    client.stop();
  });
});

describe('operator client: take over, answer, funnel', () => {
  it('takes over and hands back with the ack activity; answers with one id per message, kept across a retry', async () => {
    const { store, client, socket } = setup();
    client.start();
    const s = socket();
    s.serve('operator:watch', () => ({ ok: true, data: { chatId: CHAT_ID, events: [], lastSeq: 0, hasMore: false, intent: null, activity: activity(CHAT_ID) } }));
    s.serve('operator:takeover', () => ({ ok: true, data: { activity: activity(CHAT_ID, { paused: true, pausedBy: 'operator:Dana' }) } }));
    s.open();
    await settle();
    await client.openChat(CHAT_ID);
    await client.takeover();
    expect(store.getState().chatsById[CHAT_ID]).toMatchObject({ paused: true, pausedBy: 'operator:Dana' });
    expect(store.getState().action).toEqual({ pending: null, error: null });

    let fail = true;
    s.serve('operator:send', () => (fail ? 'timeout' : { ok: true, data: { seq: 9, duplicate: false } }));
    client.setComposerText('What time?');
    await client.send('What time?');
    expect(store.getState().composer).toMatchObject({ text: 'What time?', sending: false, error: 'The server did not answer in time.' });
    fail = false;
    await client.send('What time?');
    const sent = s.sent('operator:send');
    expect(sent).toHaveLength(2);
    expect(sent[0]).toMatchObject({ chatId: CHAT_ID, text: 'What time?' });
    expect(sent[1].clientMessageId).toBe(sent[0].clientMessageId);
    expect(store.getState().composer).toEqual({ text: '', pendingId: null, sending: false, error: null });

    s.serve('operator:handback', () => ({ ok: false, error: { code: 'conflict', message: 'Not taken over.', retryable: false } }));
    await client.handback();
    expect(store.getState().action.error).toBe('Not taken over.');
    client.stop();
  });

  it('loads the funnel of a preset range when the funnel is shown', async () => {
    const { store, client, http } = setup();
    client.showView('funnel');
    await waitFor(() => expect(store.getState().funnel.loading).toBe(false));
    const call = http.calls.find((c) => c.url.includes('/api/operator/funnel'))!;
    const query = new URL(call.url).searchParams;
    expect(Date.parse(query.get('to')!) - Date.parse(query.get('from')!)).toBe(24 * 3600_000);
    expect(call.headers.Authorization).toBe('Bearer tok');
    expect(store.getState().funnel).toMatchObject({ preset: '24h', data: FUNNEL, loading: false });
    await client.showFunnel('custom', { from: '2026-01-01T00:00:00.000Z', to: '2026-01-02T00:00:00.000Z' });
    expect(http.calls.at(-1)!.url).toContain('from=2026-01-01T00%3A00%3A00.000Z');
    expect(store.getState().funnel.preset).toBe('custom');
  });
});
