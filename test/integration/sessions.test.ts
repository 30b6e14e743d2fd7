import type { ChatEvent, ComponentEvent, HistoryRow, SessionEvent } from '@app/shared';
import { EventCollector, emitAck } from '../support/event-collector';
import { connectClient, guestToken, startTestServer, type ClientSocket, type TestServer } from '../support/test-server';
import { describeOnBackends } from '../support/backends';

const SHORT = { DISCONNECT_GRACE_MS: '150', SWEEP_INTERVAL_MS: '50', INTENT_IDLE_TIMEOUT_MS: '600000', SESSION_TTL_MS: '600000' };
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function join(socket: ClientSocket, chatId?: string, afterSeq?: number) {
  const ack = await emitAck<{ chatId: string; events: ChatEvent[]; intent: SessionEvent | null; lastSeq: number; hasMore: boolean }>(socket, 'chat:join', { ...(chatId ? { chatId } : {}), ...(afterSeq !== undefined ? { afterSeq } : {}) });
  if (!ack.ok) throw new Error(JSON.stringify(ack.error));
  return ack.data!;
}

const sessionState = (events: ChatEvent[], state: string) => events.filter((e): e is SessionEvent => e.type === 'session' && e.state === state);

describeOnBackends('sessions: abandon, resume, replay', (backend) => {
  let server: TestServer;
  let token: string;

  async function startDraft(socket: ClientSocket, collector: EventCollector) {
    const { chatId } = await join(socket);
    await emitAck(socket, 'message:send', { chatId, clientMessageId: 'draft-1', text: 'wake me up tomorrow' });
    const events = await collector.waitFor((ev) => ev.some((e) => e.type === 'component'), 10_000, 'form');
    const form = events.find((e): e is ComponentEvent => e.type === 'component')!;
    return { chatId, form };
  }

  describe('with a short disconnect grace', () => {
    beforeAll(async () => {
      server = await startTestServer(backend, SHORT);
      ({ token } = await guestToken(server.url));
    });
    afterAll(() => server?.stop());

    it('abandons the intent after the grace, replays everything on reconnect, resumes and finishes', async () => {
      const first = await connectClient(server.url, token);
      const c1 = new EventCollector(first);
      const { chatId, form } = await startDraft(first, c1);
      const seenBefore = c1.ordered().length;
      first.disconnect();
      await sleep(600);

      const second = await connectClient(server.url, token);
      const c2 = new EventCollector(second, () => chatId);
      const replay = await join(second, chatId, 0);
      replay.events.forEach((e) => c2.add(e));
      expect(replay.events.map((e) => e.seq)).toEqual(replay.events.map((_, i) => i + 1));
      expect(replay.events.length).toBeGreaterThan(seenBefore);
      const abandoned = sessionState(replay.events, 'abandoned');
      expect(abandoned).toHaveLength(1);
      expect(abandoned[0]).toMatchObject({ resumable: true, intent: 'create_alarm', reason: 'disconnected' });
      expect(replay.intent).toMatchObject({ state: 'abandoned', resumable: true });

      const resumed = await emitAck<{ intent: { state: string } }>(second, 'intent:resume', { chatId, intentId: abandoned[0].intentId });
      expect(resumed.ok).toBe(true);
      expect(resumed.data!.intent.state).toBe('active');
      const again = await c2.waitFor((ev) => ev.some((e) => e.type === 'component' && e.componentId === form.componentId && e.version > form.version), 5000, 'form shown again');
      expect(again.length).toBeGreaterThan(0);

      const last = c2.ordered().at(-1)!.seq;
      await emitAck(second, 'message:send', { chatId, clientMessageId: 'draft-2', text: 'at 7am' });
      const done = await c2.waitFor((ev) => sessionState(ev, 'completed').length > 0, 10_000, 'completed');
      expect(done.filter((e) => e.seq > last).some((e) => e.type === 'response' && /Alarm set for 7:00 AM/.test(e.text))).toBe(true);
      const alarms: any = await (await fetch(`${server.url}/api/alarms`, { headers: { authorization: `Bearer ${token}` } })).json();
      expect(alarms.alarms.filter((a: { time: string }) => a.time === '07:00')).toHaveLength(1);
      second.disconnect();
    });

    it('acknowledges a duplicate clientMessageId with the original seq and runs one turn, also after a reconnect', async () => {
      const s1 = await connectClient(server.url, token);
      const { chatId } = await join(s1);
      const a1 = await emitAck<{ seq: number; duplicate: boolean }>(s1, 'message:send', { chatId, clientMessageId: 'dup-1', text: 'show my alarms' });
      const a2 = await emitAck<{ seq: number; duplicate: boolean }>(s1, 'message:send', { chatId, clientMessageId: 'dup-1', text: 'show my alarms' });
      s1.disconnect();
      const s2 = await connectClient(server.url, token);
      await join(s2, chatId);
      const a3 = await emitAck<{ seq: number; duplicate: boolean }>(s2, 'message:send', { chatId, clientMessageId: 'dup-1', text: 'show my alarms' });
      expect(a1.data).toEqual({ seq: a1.data!.seq, duplicate: false });
      expect(a2.data).toEqual({ seq: a1.data!.seq, duplicate: true });
      expect(a3.data).toEqual({ seq: a1.data!.seq, duplicate: true });
      await sleep(300);
      const res = await fetch(`${server.url}/api/chats/${chatId}/history`, { headers: { authorization: `Bearer ${token}` } });
      const { events } = (await res.json()) as { events: HistoryRow[] };
      expect(events.filter((e) => e.type === 'user')).toHaveLength(1);
      expect(events.filter((e) => e.type === 'response' && e.final)).toHaveLength(1);
      s2.disconnect();
    });
  });

  describe('with a short session TTL', () => {
    beforeAll(async () => {
      server = await startTestServer(backend, { ...SHORT, SESSION_TTL_MS: '100' });
      ({ token } = await guestToken(server.url));
    });
    afterAll(() => server?.stop());

    it('opens a new session from the stored intent when the old one expired, with the form filled again', async () => {
      const first = await connectClient(server.url, token);
      const c1 = new EventCollector(first);
      const { chatId } = await startDraft(first, c1);
      const oldSession = sessionState(c1.ordered(), 'active').at(-1)!.sessionId;
      first.disconnect();
      await sleep(600);
      const second = await connectClient(server.url, token);
      const c2 = new EventCollector(second, () => chatId);
      const replay = await join(second, chatId, 0);
      replay.events.forEach((e) => c2.add(e));
      // saying "resume" works like intent:resume
      await emitAck(second, 'message:send', { chatId, clientMessageId: 'resume-1', text: 'resume' });
      const events = await c2.waitFor((ev) => ev.some((e) => e.type === 'session' && e.state === 'active' && e.reason?.startsWith('resumed')), 5000, 'resumed');
      const resumed = events.find((e): e is SessionEvent => e.type === 'session' && e.reason === 'resumed_new_session');
      expect(resumed).toBeDefined();
      expect(resumed!.sessionId).not.toBe(oldSession);
      expect(resumed!.params).toMatchObject({ date: expect.stringMatching(/^\d{4}-\d\d-\d\d$/) });
      const form = await c2.waitFor((ev) => ev.some((e) => e.type === 'component' && e.seq > resumed!.seq), 5000, 'form again');
      const spec = JSON.stringify(form.filter((e) => e.type === 'component').at(-1));
      expect(spec).toContain(resumed!.params.date!);
      second.disconnect();
    });
  });
});
