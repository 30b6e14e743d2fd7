import { start, type FakeOpenAI } from '../../../../test/support/fake-openai';
import type { ConversationTurn, IntentRecognizer, NluContext, Recognition } from '../nlu.types';
import { LlmRecognizer } from './llm-recognizer';
import {
  FALLBACK_LABEL,
  backoffDelay,
  recognizeWithFallback,
  retryLabel,
  type FallbackOptions,
  type StepReport,
} from './resilient-recognizer';

const ctx: NluContext = { now: new Date('2026-03-10T08:00:00Z'), timeZone: 'Europe/Berlin' };

/** Stands in for the local recogniser: records its calls, answers a fixed recognition. */
class StubFallback implements IntentRecognizer {
  readonly name = 'local' as const;
  calls: Array<{ text: string; history?: ConversationTurn[] }> = [];
  constructor(private readonly result: Recognition | Error) {}
  async recognize(text: string, _ctx: NluContext, history?: ConversationTurn[]): Promise<Recognition> {
    this.calls.push({ text, history });
    if (this.result instanceof Error) throw this.result;
    return this.result;
  }
}

const localResult: Recognition = { intent: 'list_alarms', confidence: 0.6, params: {}, notes: [], provider: 'local' };
const brief = (steps: StepReport[]) => steps.map((s) => `${s.stage}|${s.label}|${s.status}`);

describe('recognizeWithFallback', () => {
  let fake: FakeOpenAI;
  let llm: LlmRecognizer;
  let fallback: StubFallback;
  let steps: StepReport[];
  let opts: FallbackOptions;

  beforeEach(async () => {
    fake = await start();
    llm = new LlmRecognizer({ apiKey: 'k', baseURL: fake.url, timeoutMs: 200 });
    fallback = new StubFallback(localResult);
    steps = [];
    opts = { backoffMs: 10, onStep: (s) => void steps.push(s) };
  });
  afterEach(async () => {
    await fake.close();
  });

  it('returns the first answer without any step', async () => {
    fake.script({ kind: 'tool', name: 'create_alarm', args: { time: '06:45' } });
    const res = await recognizeWithFallback(llm, fallback, 'alarm 6:45', ctx, [], opts);
    expect(res).toEqual({
      recognition: { intent: 'create_alarm', confidence: 0.9, params: { time: '06:45' }, notes: [], provider: 'llm' },
      attempts: 1,
      fellBack: false,
    });
    expect(steps).toEqual([]);
    expect(fallback.calls).toHaveLength(0);
  });

  it('retries after a timeout and shows the retry step', async () => {
    fake.script({ kind: 'hang' }, { kind: 'tool', name: 'delete_alarm', args: { targetTime: '07:00' } });
    const t0 = Date.now();
    const res = await recognizeWithFallback(llm, fallback, 'delete the 7am alarm', ctx, [], opts);

    // The first attempt waited out the 200 ms timeout rather than failing fast.
    expect(Date.now() - t0).toBeGreaterThanOrEqual(190);
    expect(res.recognition).toMatchObject({ intent: 'delete_alarm', params: { targetTime: '07:00' }, provider: 'llm' });
    expect(res).toMatchObject({ attempts: 2, fellBack: false });
    // "Request timed out." in node, "Connection error." under jest (jestjs/jest#2549).
    expect(res.lastError).toMatch(/timed out|connection error/i);
    expect(brief(steps)).toEqual([
      'retry|Retrying intent recognition (attempt 2)...|started',
      'retry|Retrying intent recognition (attempt 2)...|done',
    ]);
    expect(steps[0].detail).toMatchObject({ attempt: 2, maxAttempts: 3 });
    expect(fake.requests).toHaveLength(2);
    expect(fallback.calls).toHaveLength(0);
  });

  it('falls back to the local recogniser after three 500s', async () => {
    fake.script({ kind: 'status', status: 500 }, { kind: 'status', status: 500 }, { kind: 'status', status: 500 });
    const history: ConversationTurn[] = [{ role: 'user', text: 'earlier' }];
    const res = await recognizeWithFallback(llm, fallback, 'show my alarms', ctx, history, opts);

    expect(res).toMatchObject({ recognition: localResult, attempts: 3, fellBack: true });
    expect(res.lastError).toMatch(/500/);
    expect(brief(steps)).toEqual([
      'retry|Retrying intent recognition (attempt 2)...|started',
      'retry|Retrying intent recognition (attempt 2)...|failed',
      'retry|Retrying intent recognition (attempt 3)...|started',
      'retry|Retrying intent recognition (attempt 3)...|failed',
      'fallback|Falling back to the local recogniser...|started',
      'fallback|Falling back to the local recogniser...|done',
    ]);
    expect(fake.requests).toHaveLength(3);
    expect(fallback.calls).toEqual([{ text: 'show my alarms', history }]);
  });

  it('retries after a malformed tool call', async () => {
    fake.script({ kind: 'malformed' }, { kind: 'tool', name: 'snooze_alarm', args: { minutes: 10 } });
    const res = await recognizeWithFallback(llm, fallback, 'snooze 10', ctx, [], opts);
    expect(res.recognition).toMatchObject({ intent: 'snooze_alarm', params: { minutes: 10 } });
    expect(res.attempts).toBe(2);
    expect(res.lastError).toMatch(/not JSON/);
    expect(brief(steps)).toEqual([
      'retry|Retrying intent recognition (attempt 2)...|started',
      'retry|Retrying intent recognition (attempt 2)...|done',
    ]);
  });

  it('skips retries on a non-retryable error such as 401', async () => {
    fake.script({ kind: 'status', status: 401, message: 'bad key' }, { kind: 'tool', name: 'list_alarms', args: {} });
    const res = await recognizeWithFallback(llm, fallback, 'x', ctx, [], opts);
    expect(res).toMatchObject({ recognition: localResult, attempts: 1, fellBack: true });
    expect(brief(steps)).toEqual([
      'fallback|Falling back to the local recogniser...|started',
      'fallback|Falling back to the local recogniser...|done',
    ]);
    expect(fake.requests).toHaveLength(1);
  });

  it('honours maxAttempts and backs off exponentially', async () => {
    fake.script(...Array.from({ length: 4 }, () => ({ kind: 'status' as const, status: 503 })));
    const slept: number[] = [];
    const res = await recognizeWithFallback(llm, fallback, 'x', ctx, [], {
      ...opts,
      maxAttempts: 4,
      backoffMs: 100,
      random: () => 1,
      sleep: async (ms) => void slept.push(ms),
    });
    expect(res.attempts).toBe(4);
    expect(slept).toEqual([100, 200, 400]);
    expect(steps.filter((s) => s.status === 'started').map((s) => s.label)).toEqual([
      retryLabel(2),
      retryLabel(3),
      retryLabel(4),
      FALLBACK_LABEL,
    ]);
  });

  it('reports a failed fallback step and rethrows when the fallback fails too', async () => {
    fake.script({ kind: 'status', status: 500 });
    const broken = new StubFallback(new Error('local broke'));
    await expect(recognizeWithFallback(llm, broken, 'x', ctx, [], { ...opts, maxAttempts: 1 })).rejects.toThrow('local broke');
    expect(brief(steps)).toEqual([
      'fallback|Falling back to the local recogniser...|started',
      'fallback|Falling back to the local recogniser...|failed',
    ]);
  });

  it('awaits onStep so the step is out before the retry runs', async () => {
    fake.script({ kind: 'status', status: 500 }, { kind: 'tool', name: 'list_alarms', args: {} });
    const order: string[] = [];
    await recognizeWithFallback(llm, fallback, 'x', ctx, [], {
      ...opts,
      onStep: async (s) => {
        await new Promise((r) => setTimeout(r, 20));
        order.push(`${s.status}@${fake.requests.length}`);
      },
    });
    expect(order).toEqual(['started@1', 'done@2']);
  });
});

describe('backoffDelay', () => {
  it('doubles per retry and jitters within the upper half', () => {
    expect(backoffDelay(2, 200, () => 0)).toBe(100);
    expect(backoffDelay(2, 200, () => 1)).toBe(200);
    expect(backoffDelay(3, 200, () => 0.5)).toBe(300);
    expect(backoffDelay(4, 200, () => 0)).toBe(400);
  });
});
