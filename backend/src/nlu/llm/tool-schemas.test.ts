import { z } from 'zod';
import { IntentNameSchema } from '@app/shared';
import { start, type FakeOpenAI } from '../../../../test/support/fake-openai';
import { LlmRecognizer } from './llm-recognizer';
import { ToolArgSchemas, TOOL_INTENTS_BY_NAME, buildTools, parseToolArgs, type ToolName } from './tool-schemas';

const ctx = { now: new Date('2026-03-10T08:00:00Z'), timeZone: 'Europe/Berlin' };

describe('tool schemas', () => {
  let fake: FakeOpenAI;
  beforeEach(async () => {
    fake = await start();
  });
  afterEach(async () => {
    await fake.close();
  });

  it('sends, for every tool, exactly the JSON schema z.toJSONSchema derives from its zod schema', async () => {
    fake.script({ kind: 'tool', name: 'list_alarms', args: {} });
    await new LlmRecognizer({ apiKey: 'test', baseURL: fake.url, timeoutMs: 1000 }).recognize('my alarms', ctx);

    const sent = fake.requests[0].body.tools as Array<{ type: string; function: { name: string; parameters: unknown } }>;
    expect(sent.map((t) => t.function.name).sort()).toEqual(Object.keys(ToolArgSchemas).sort());
    for (const tool of sent) {
      expect(tool.type).toBe('function');
      const schema = ToolArgSchemas[tool.function.name as ToolName];
      // Independently computed here (not via our helper), so a hand-edited schema would fail.
      expect(tool.function.parameters).toEqual(z.toJSONSchema(schema, { target: 'draft-7', io: 'input' }));
    }
    // Spot-check that the shared formats really made it into the schema the model sees.
    const create = sent.find((t) => t.function.name === 'create_alarm')!.function.parameters as any;
    expect(JSON.stringify(create.properties.time)).toContain('[01]\\\\d|2[0-3]');
    expect(JSON.stringify(create.properties.repeat)).toContain('"mon"');
    expect(create.properties.confidence).toMatchObject({ type: 'number', minimum: 0, maximum: 1 });
  });

  it('maps every tool to an intent and covers every intent', () => {
    const intents = Object.values(TOOL_INTENTS_BY_NAME).sort();
    expect(intents).toEqual([...IntentNameSchema.options].sort());
    expect(buildTools()).toHaveLength(Object.keys(ToolArgSchemas).length);
  });

  it('splits confidence and notes off the params and strips unknown keys', () => {
    const parsed = parseToolArgs('create_alarm', {
      time: '07:30',
      repeat: ['mon', 'fri'],
      date: null,
      confidence: 0.7,
      notes: ['x'],
      mood: 'sleepy',
    });
    expect(parsed).toEqual({
      intent: 'create_alarm',
      params: { time: '07:30', repeat: ['mon', 'fri'], date: null },
      confidence: 0.7,
      notes: ['x'],
    });
    expect(parseToolArgs('out_of_scope', {}).intent).toBe('none');
  });

  it.each([
    ['create_alarm', { time: '7:30' }],
    ['create_alarm', { time: '25:00' }],
    ['create_alarm', { date: '2026-13-01' }],
    ['create_alarm', { repeat: ['monday'] }],
    ['snooze_alarm', { minutes: 0 }],
    ['list_alarms', { confidence: 1.5 }],
    ['list_alarms', 'not an object'],
  ] as const)('rejects invalid %s arguments %j', (name, args) => {
    expect(() => parseToolArgs(name, args)).toThrow(z.ZodError);
  });
});
