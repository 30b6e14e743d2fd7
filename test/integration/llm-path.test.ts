import type { ThinkingEvent } from '@app/shared';
import { EventCollector, emitAck } from '../support/event-collector';
import { start as startFakeOpenAI, type FakeOpenAI } from '../support/fake-openai';
import { connectClient, guestToken, startTestServer, type ClientSocket, type TestServer } from '../support/test-server';

/** The OpenAI path end to end, against a fake OpenAI-compatible server on 127.0.0.1. */
describe('LLM recognition with retry and fallback (fake OpenAI server)', () => {
  let fake: FakeOpenAI;
  let server: TestServer;
  let socket: ClientSocket;
  let events: EventCollector;
  let chatId: string;
  let n = 0;

  beforeAll(async () => {
    fake = await startFakeOpenAI();
    server = await startTestServer('pglite', { OPENAI_API_KEY: 'test-key', OPENAI_BASE_URL: fake.url, OPENAI_TIMEOUT_MS: '300' }, { now: () => new Date('2026-11-25T09:00:00Z') });
    const { token } = await guestToken(server.url);
    socket = await connectClient(server.url, token);
    events = new EventCollector(socket);
    chatId = (await emitAck<{ chatId: string }>(socket, 'chat:join', {})).data!.chatId;
  });
  afterAll(async () => {
    socket?.disconnect();
    await server?.stop();
    await fake?.close();
  });

  async function turn(text: string) {
    const ack = await emitAck<{ seq: number }>(socket, 'message:send', { chatId, clientMessageId: `llm-${++n}`, text });
    expect(ack.ok).toBe(true);
    const seq = ack.data!.seq;
    const all = await events.waitFor((ev) => ev.some((e) => e.seq > seq && e.type === 'response' && e.final), 10_000, 'reply');
    await new Promise((r) => setTimeout(r, 100));
    const mine = events.ordered().filter((e) => e.seq > seq);
    const steps = mine.filter((e): e is ThinkingEvent => e.type === 'thinking');
    return { all, mine, steps, labels: steps.filter((s) => s.status === 'started').map((s) => s.label) };
  }

  it('uses the model\'s tool call, with the tools\' JSON schemas from zod', async () => {
    fake.script({ kind: 'tool', name: 'create_alarm', args: { time: '06:30', date: '2026-11-26', label: 'gym', confidence: 0.95 } });
    const { mine, steps, labels } = await turn('get me up for the gym at half six tomorrow');
    expect(labels).not.toContain('Retrying intent recognition (attempt 2)...');
    const recognised = steps.find((s) => s.label === 'Intent recognized: create_alarm' && s.status === 'done');
    expect(recognised?.detail).toMatchObject({ provider: 'llm', confidence: 0.95 });
    expect(mine.some((e) => e.type === 'response' && /Alarm "gym" set for 6:30 AM tomorrow/.test(e.text))).toBe(true);
    const request = fake.requests.at(-1)!.body;
    expect(request.tools.map((t: { function: { name: string } }) => t.function.name)).toEqual(expect.arrayContaining(['create_alarm', 'list_alarms', 'delete_alarm']));
  });

  it('retries after a 500 and shows the retry as a step', async () => {
    fake.script({ kind: 'status', status: 500 }, { kind: 'tool', name: 'list_alarms', args: {} });
    const { labels, steps } = await turn('what alarms have I got');
    expect(labels).toContain('Retrying intent recognition (attempt 2)...');
    expect(labels).not.toContain('Falling back to the local recogniser...');
    expect(labels.indexOf('Retrying intent recognition (attempt 2)...')).toBeLessThan(labels.indexOf('Intent recognized: list_alarms'));
    expect(steps.find((s) => s.label === 'Intent recognized: list_alarms')).toBeDefined();
  });

  it('falls back to the local recogniser after a timeout and a malformed tool call', async () => {
    fake.script({ kind: 'hang' }, { kind: 'malformed' });
    const { labels, steps, mine } = await turn('wake me up at 7:15 tomorrow');
    expect(labels).toEqual(expect.arrayContaining(['Retrying intent recognition (attempt 2)...', 'Falling back to the local recogniser...']));
    const recognised = steps.find((s) => s.label === 'Intent recognized: create_alarm' && s.status === 'done');
    expect(recognised?.detail).toMatchObject({ provider: 'local' });
    expect(mine.some((e) => e.type === 'response' && /7:15 AM tomorrow/.test(e.text))).toBe(true);
    expect(fake.remaining()).toBe(0);
  });
});
