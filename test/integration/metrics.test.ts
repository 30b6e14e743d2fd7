import type { ChatEvent } from '@app/shared';
import { createAlarmTool } from '../../backend/src/tools/create-alarm.tool';
import { EventCollector, emitAck } from '../support/event-collector';
import { startFakeOpenAI, type FakeOpenAI } from '../support/fake-openai';
import { connectClient, guestToken, startTestServer, type TestServer } from '../support/test-server';

/** One sample of the Prometheus text format, e.g. value('orchestrator_turns_total', { outcome: 'ok' }). */
function value(text: string, name: string, labels: Record<string, string> = {}): number | undefined {
  for (const line of text.split('\n')) {
    if (line.startsWith('#')) continue;
    const m = /^([a-zA-Z_:][\w:]*)(\{([^}]*)\})?\s+(\S+)/.exec(line);
    if (!m || m[1] !== name) continue;
    const got = Object.fromEntries([...(m[3] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((x) => [x[1], x[2]]));
    if (Object.entries(labels).every(([k, v]) => got[k] === v)) return Number(m[4]);
  }
  return undefined;
}

describe('metrics: /api/metrics in the Prometheus format', () => {
  let server: TestServer;
  let guarded: TestServer;
  let fake: FakeOpenAI;

  beforeAll(async () => {
    fake = await startFakeOpenAI();
    server = await startTestServer('pglite', {
      OPENAI_API_KEY: 'test-key', OPENAI_BASE_URL: fake.url, OPENAI_TIMEOUT_MS: '2000', MESSAGES_PER_MINUTE: '3',
    });
    guarded = await startTestServer('pglite', { METRICS_TOKEN: 'scrape-me-0123456789' });
  });
  afterAll(async () => {
    await server?.stop();
    await guarded?.stop();
    await fake?.close();
  });

  const scrape = async (s: TestServer = server) => {
    const res = await fetch(`${s.url}/api/metrics`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    return res.text();
  };

  it('counts connections, turns, stage latencies, errors by code, NLU fallbacks and rate limits', async () => {
    const before = await scrape();
    expect(value(before, 'orchestrator_socket_connections')).toBe(0);
    expect(value(before, 'orchestrator_turns_total', { outcome: 'ok' })).toBe(0);
    expect(value(before, 'orchestrator_nlu_fallbacks_total')).toBe(0);
    // Node's default metrics come along
    expect(value(before, 'process_cpu_user_seconds_total')).toBeGreaterThan(0);

    const { token } = await guestToken(server.url);
    const a = await connectClient(server.url, token);
    const b = await connectClient(server.url, token);
    expect(value(await scrape(), 'orchestrator_socket_connections')).toBe(2);

    // one turn through the LLM: two server errors, then the local recogniser takes over
    const events = new EventCollector(a);
    const chatId = (await emitAck<{ chatId: string }>(a, 'chat:join', {})).data!.chatId;
    fake.script({ kind: 'status', status: 500 }, { kind: 'status', status: 503 }, { kind: 'tool', name: 'list_alarms', args: {} }, { kind: 'tool', name: 'list_alarms', args: {} });
    expect((await emitAck(a, 'message:send', { chatId, clientMessageId: 'm1', text: 'wake me up at 6:30 tomorrow' })).ok).toBe(true);
    await events.waitFor((ev) => ev.some((e) => e.type === 'response' && e.final), 15_000, 'the reply');
    await server.orchestrator.drain();
    const thinkingDone = events.ordered().filter((e): e is ChatEvent & { type: 'thinking'; stage: string; durationMs?: number } => e.type === 'thinking' && e.status === 'done' && (e as { durationMs?: number }).durationMs! > 0);

    // errors of every kind: a bad payload (socket), an unknown chat over REST (http), a rate limit
    expect((await emitAck(a, 'message:send', { chatId, text: 42 })).error?.code).toBe('bad_request');
    const rest = await fetch(`${server.url}/api/chats/nope/history`, { headers: { authorization: `Bearer ${token}` } });
    expect(rest.status).toBe(404);
    for (let i = 2; i <= 4; i++) await emitAck(b, 'message:send', { chatId, clientMessageId: `m${i}`, text: 'list my alarms' });
    await server.orchestrator.drain();

    const after = await scrape();
    expect(value(after, 'orchestrator_turns_total', { outcome: 'ok' })).toBe(3);
    expect(value(after, 'orchestrator_turn_duration_seconds_count', { outcome: 'ok' })).toBe(3);
    expect(value(after, 'orchestrator_nlu_fallbacks_total')).toBe(1);
    for (const stage of ['session', 'intent', 'params', 'tool', 'reply']) {
      const observed = thinkingDone.filter((e) => e.stage === stage).length;
      expect([stage, (value(after, 'orchestrator_stage_duration_seconds_count', { stage, status: 'done' }) ?? 0) >= observed && observed > 0]).toEqual([stage, true]);
      expect(value(after, 'orchestrator_stage_duration_seconds_bucket', { stage, status: 'done', le: '+Inf' })).toBe(value(after, 'orchestrator_stage_duration_seconds_count', { stage, status: 'done' }));
    }
    expect(value(after, 'orchestrator_stage_duration_seconds_sum', { stage: 'intent', status: 'done' })).toBeGreaterThan(0);
    expect(value(after, 'orchestrator_errors_total', { code: 'bad_request', source: 'socket' })).toBe(1);
    expect(value(after, 'orchestrator_errors_total', { code: 'not_found', source: 'http' })).toBe(1);
    expect(value(after, 'orchestrator_errors_total', { code: 'rate_limited', source: 'socket' })).toBe(1);
    expect(value(after, 'orchestrator_rate_limited_total', { limit: 'message' })).toBe(1);
    expect(value(after, 'orchestrator_chat_events_total', { type: 'user' })).toBe(3);
    // the recogniser's retry and fallback were shown as steps too
    expect(value(after, 'orchestrator_chat_events_total', { type: 'thinking' })).toBeGreaterThan(10);

    a.disconnect();
    b.disconnect();
    await new Promise((r) => setTimeout(r, 100));
    expect(value(await scrape(), 'orchestrator_socket_connections')).toBe(0);
  });

  it('counts failed turns and their error events by code', async () => {
    const { token } = await guestToken(server.url);
    const s = await connectClient(server.url, token);
    const events = new EventCollector(s);
    const chatId = (await emitAck<{ chatId: string }>(s, 'chat:join', {})).data!.chatId;
    const before = await scrape();
    const spy = jest.spyOn(createAlarmTool, 'execute').mockRejectedValueOnce(new Error('tool failure'));
    try {
      fake.script({ kind: 'tool', name: 'create_alarm', args: { time: '05:40', date: '2099-01-02', confidence: 0.95 } });
      expect((await emitAck(s, 'message:send', { chatId, clientMessageId: 'f1', text: 'wake me up at 5:40 on 2 January 2099' })).ok).toBe(true);
      await events.waitFor((ev) => ev.some((e) => e.type === 'error'), 10_000, 'the error event');
      await server.orchestrator.drain();
    } finally {
      spy.mockRestore();
    }
    const after = await scrape();
    const delta = (name: string, labels: Record<string, string>) => (value(after, name, labels) ?? 0) - (value(before, name, labels) ?? 0);
    expect(delta('orchestrator_errors_total', { code: 'internal', source: 'turn' })).toBe(1);
    expect(delta('orchestrator_turns_total', { outcome: 'failed' })).toBe(1);
    expect(delta('orchestrator_stage_duration_seconds_count', { stage: 'tool', status: 'failed' })).toBe(1);
    expect(delta('orchestrator_nlu_fallbacks_total', {})).toBe(0);
    s.disconnect();
  });

  it('is public by default, and needs the bearer token when METRICS_TOKEN is set', async () => {
    expect((await fetch(`${server.url}/api/metrics`)).status).toBe(200);
    const none = await fetch(`${guarded.url}/api/metrics`);
    expect(none.status).toBe(401);
    expect(await none.json()).toMatchObject({ error: { code: 'unauthorized' } });
    expect((await fetch(`${guarded.url}/api/metrics`, { headers: { authorization: 'Bearer wrong-token-0123456789' } })).status).toBe(401);
    const ok = await fetch(`${guarded.url}/api/metrics`, { headers: { authorization: 'Bearer scrape-me-0123456789' } });
    expect(ok.status).toBe(200);
    expect(await ok.text()).toMatch(/^# HELP orchestrator_/m);
  });
});
