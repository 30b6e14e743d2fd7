import { start, type FakeOpenAI } from '../../../../test/support/fake-openai';
import { LlmRecognizer } from './llm-recognizer';
import { streamReply } from './llm-reply';

describe('streamReply', () => {
  let fake: FakeOpenAI;
  beforeEach(async () => {
    fake = await start();
  });
  afterEach(async () => {
    await fake.close();
  });

  it('delivers deltas in order, one at a time, and returns the whole text', async () => {
    const chunks = ['Your ', 'alarm ', 'is set ', 'for 07:00', '.'];
    fake.script({ kind: 'text', text: chunks.join(''), chunks, chunkDelayMs: 5 });
    const { client } = new LlmRecognizer({ apiKey: 'k', baseURL: fake.url, timeoutMs: 1000 });

    const seen: string[] = [];
    let inFlight = 0;
    let maxInFlight = 0;
    let delay = 12;
    const text = await streamReply(client, [{ role: 'user', content: 'set it' }], async (delta) => {
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      // Earlier deltas take longer, so an un-awaited consumer would finish out of order.
      await new Promise((r) => setTimeout(r, (delay -= 2)));
      seen.push(delta);
      inFlight--;
    }, { model: 'reply-model' });

    // A slow consumer is never overtaken by the next delta.
    expect(maxInFlight).toBe(1);
    expect(seen).toEqual(chunks);
    expect(text).toBe('Your alarm is set for 07:00.');
    expect(fake.requests[0].body).toMatchObject({ model: 'reply-model', stream: true, messages: [{ role: 'user', content: 'set it' }] });
  });

  it('skips the empty role-only chunk', async () => {
    fake.script({ kind: 'text', text: 'ok' });
    const { client } = new LlmRecognizer({ apiKey: 'k', baseURL: fake.url });
    const seen: string[] = [];
    await streamReply(client, [{ role: 'user', content: 'hi' }], (d) => void seen.push(d));
    expect(seen).toEqual(['ok']);
  });
});
