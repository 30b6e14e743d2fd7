import { APIConnectionError, APIError } from 'openai';
import { start, type FakeOpenAI, type FakeResponse } from '../../../../test/support/fake-openai';
import { LlmOutputError, LlmRecognizer, MAX_HISTORY_TURNS, buildSystemPrompt, localClock } from './llm-recognizer';

// 2026-03-10 21:05 UTC is Tuesday 22:05 in Berlin and already Wednesday in Tokyo.
const ctx = { now: new Date('2026-03-10T21:05:00Z'), timeZone: 'Europe/Berlin' };

describe('LlmRecognizer', () => {
  let fake: FakeOpenAI;
  let llm: LlmRecognizer;
  beforeEach(async () => {
    fake = await start();
    llm = new LlmRecognizer({ apiKey: 'test-key', baseURL: fake.url, model: 'test-model', timeoutMs: 200 });
  });
  afterEach(async () => {
    await fake.close();
  });

  it('turns a tool call into a recognition and sends a well-formed request', async () => {
    fake.script({
      kind: 'tool',
      name: 'create_alarm',
      args: { time: '07:00', date: '2026-03-11', label: 'gym', confidence: 0.8, notes: ['I took 7 as 7 AM.'] },
    });
    const history = [
      { role: 'user' as const, text: 'hi' },
      { role: 'assistant' as const, text: 'Hello! What can I do?' },
    ];
    const rec = await llm.recognize('wake me at 7 tomorrow for the gym', ctx, history);

    expect(rec).toEqual({
      intent: 'create_alarm',
      confidence: 0.8,
      params: { time: '07:00', date: '2026-03-11', label: 'gym' },
      notes: ['I took 7 as 7 AM.'],
      provider: 'llm',
    });
    expect(fake.requests).toHaveLength(1);
    const req = fake.requests[0];
    expect(req.headers.authorization).toBe('Bearer test-key');
    expect(req.body).toMatchObject({ model: 'test-model', tool_choice: 'required', parallel_tool_calls: false });
    expect(req.body.messages).toEqual([
      { role: 'system', content: buildSystemPrompt(ctx) },
      { role: 'user', content: 'hi' },
      { role: 'assistant', content: 'Hello! What can I do?' },
      { role: 'user', content: 'wake me at 7 tomorrow for the gym' },
    ]);
  });

  it('puts the local date, time and zone into the system prompt', () => {
    expect(localClock(ctx.now, 'Europe/Berlin')).toEqual({ date: '2026-03-10', time: '22:05', weekday: 'Tuesday' });
    expect(localClock(ctx.now, 'Asia/Tokyo')).toEqual({ date: '2026-03-11', time: '06:05', weekday: 'Wednesday' });
    const prompt = buildSystemPrompt(ctx);
    expect(prompt).toContain('Tuesday 2026-03-10 22:05, time zone Europe/Berlin');
    expect(prompt).toContain('"HH:MM"');
    expect(prompt).toContain('"YYYY-MM-DD"');
  });

  it(`sends only the last ${MAX_HISTORY_TURNS} turns of history`, async () => {
    fake.script({ kind: 'tool', name: 'list_alarms', args: {} });
    const history = Array.from({ length: 10 }, (_, i) => ({ role: 'user' as const, text: `turn ${i}` }));
    await llm.recognize('list', ctx, history);
    const contents = fake.requests[0].body.messages.map((m: { content: string }) => m.content);
    expect(contents.slice(1, -1)).toEqual(history.slice(-MAX_HISTORY_TURNS).map((t) => t.text));
  });

  it('defaults confidence to 0.9 and maps out_of_scope to intent none', async () => {
    fake.script({ kind: 'tool', name: 'out_of_scope', args: {} }, { kind: 'tool', name: 'list_alarms', args: '' });
    expect(await llm.recognize('tell me a joke', ctx)).toEqual({
      intent: 'none',
      confidence: 0.9,
      params: {},
      notes: [],
      provider: 'llm',
    });
    // Empty arguments string means "no arguments".
    expect((await llm.recognize('my alarms', ctx)).intent).toBe('list_alarms');
  });

  it.each<[string, FakeResponse, string]>([
    ['no tool call', { kind: 'text', text: 'Sure!' }, 'no_tool_call'],
    ['an unknown tool', { kind: 'tool', name: 'launch_rockets', args: {} }, 'unknown_tool'],
    ['arguments that are not JSON', { kind: 'malformed', mode: 'json' }, 'invalid_json'],
    ['arguments failing the schema', { kind: 'malformed', mode: 'schema' }, 'invalid_arguments'],
  ])('throws LlmOutputError on %s', async (_, response, reason) => {
    fake.script(response);
    const err = await llm.recognize('x', ctx).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(LlmOutputError);
    expect((err as LlmOutputError).reason).toBe(reason);
  });

  it('times out after timeoutMs without retrying inside the SDK', async () => {
    fake.script({ kind: 'hang' }, { kind: 'tool', name: 'list_alarms', args: {} });
    const t0 = Date.now();
    // Plain node gets the subclass APIConnectionTimeoutError; under jest the SDK's
    // `instanceof Error` check on the cross-realm AbortError fails (jestjs/jest#2549) and
    // it reports the parent class. The elapsed time is what proves the timeout.
    await expect(llm.recognize('x', ctx)).rejects.toBeInstanceOf(APIConnectionError);
    const elapsed = Date.now() - t0;
    expect(elapsed).toBeGreaterThanOrEqual(150);
    expect(elapsed).toBeLessThan(2000);
    // maxRetries: 0 - the SDK must not have used the second scripted response.
    expect(fake.requests).toHaveLength(1);
    expect(fake.remaining()).toBe(1);
  });

  it('surfaces HTTP errors as APIError after a single request', async () => {
    fake.script({ kind: 'status', status: 500 }, { kind: 'tool', name: 'list_alarms', args: {} });
    const err = await llm.recognize('x', ctx).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(APIError);
    expect((err as APIError).status).toBe(500);
    expect(fake.requests).toHaveLength(1);
  });
});
