import { z } from 'zod';
import type { ChatCompletionFunctionTool } from 'openai/resources/chat/completions';
import {
  AlarmLabelSchema,
  IntentParamsSchema,
  IsoDateSchema,
  TimeOfDaySchema,
  WeekdaySchema,
  type IntentName,
} from '@app/shared';

/*
 * One zod schema per tool. They are the single source of truth twice over: the JSON
 * schemas sent to the model are generated from them (see {@link toolJsonSchema}), and the
 * model's tool-call arguments are validated with them. Field schemas come from
 * `@app/shared`, so the model is held to exactly the formats the rest of the system uses.
 *
 * Every slot is optional and nullable: the recogniser reports what the person said, slot
 * filling asks for the rest, and models commonly send `null` for "not mentioned".
 * Objects are plain (non-strict) so a stray extra key is stripped instead of costing a
 * retry; unknown keys never reach `Recognition.params`.
 */

const opt = <T extends z.ZodType>(schema: T, description: string) => schema.nullable().optional().describe(description);

/** Fields every tool accepts: how sure the model is and how it resolved ambiguity. */
const meta = {
  confidence: z
    .number()
    .min(0)
    .max(1)
    .optional()
    .describe('How sure you are that this is what the person wants, 0..1.'),
  notes: z
    .array(z.string())
    .optional()
    .describe('Short sentences for the person about ambiguities you resolved, e.g. "I took 7 as 7 PM since it is evening."'),
};

const time = opt(TimeOfDaySchema, 'Alarm time, 24-hour "HH:MM" (e.g. "07:30", "19:00").');
const date = opt(IsoDateSchema, 'Calendar date "YYYY-MM-DD" in the person\'s time zone, for one-off alarms. Resolve "tomorrow", "friday" etc. from the current date.');
const repeat = opt(z.array(WeekdaySchema), 'Weekdays a repeating alarm rings on, e.g. ["mon","tue","wed","thu","fri"] for weekdays.');
const label = opt(AlarmLabelSchema, 'A name for the alarm, e.g. "gym".');
const targetTime = opt(TimeOfDaySchema, 'Time ("HH:MM") of the EXISTING alarm the person refers to.');
const targetLabel = opt(z.string(), 'Label of the EXISTING alarm the person refers to.');

/** Zod schemas of every tool's arguments, keyed by tool name. */
export const ToolArgSchemas = {
  create_alarm: z
    .object({ time, date, repeat, label, ...meta })
    .describe('Create a new alarm. Fill only what the person said; leave the rest out.'),
  list_alarms: z.object({ ...meta }).describe('Show the person their alarms.'),
  delete_alarm: z
    .object({
      targetTime,
      targetLabel,
      all: opt(z.boolean(), 'True when the person wants ALL alarms deleted.'),
      ...meta,
    })
    .describe('Delete one existing alarm (or all of them).'),
  update_alarm: z
    .object({
      targetTime,
      targetLabel,
      time: opt(TimeOfDaySchema, 'NEW time, 24-hour "HH:MM".'),
      date: opt(IsoDateSchema, 'NEW date "YYYY-MM-DD".'),
      repeat: opt(z.array(WeekdaySchema), 'NEW repeat weekdays.'),
      label: opt(AlarmLabelSchema, 'NEW label.'),
      enabled: opt(z.boolean(), 'False to switch the alarm off, true to switch it back on.'),
      ...meta,
    })
    .describe('Change an existing alarm: its time, date, repeat, label, or switch it on/off.'),
  snooze_alarm: z
    .object({
      minutes: opt(z.number().int().positive().max(24 * 60), 'Snooze length in minutes, if said.'),
      targetTime,
      targetLabel,
      ...meta,
    })
    .describe('Snooze a ringing alarm.'),
  cancel: z.object({ ...meta }).describe('The person wants to stop or abandon what they are currently doing ("never mind", "cancel").'),
  resume: z.object({ ...meta }).describe('The person wants to continue an earlier, unfinished request ("where were we", "continue").'),
  out_of_scope: z
    .object({ ...meta })
    .describe('Anything that is not about alarms (weather, jokes, lights, ...), or too unclear to act on.'),
} as const;

/** Names of the tools the model may call. */
export type ToolName = keyof typeof ToolArgSchemas;

/** Tool name -> intent. Only `out_of_scope` differs: "none" reads badly as a function name. */
export const TOOL_INTENTS_BY_NAME: Readonly<Record<ToolName, IntentName>> = {
  create_alarm: 'create_alarm',
  list_alarms: 'list_alarms',
  delete_alarm: 'delete_alarm',
  update_alarm: 'update_alarm',
  snooze_alarm: 'snooze_alarm',
  cancel: 'cancel',
  resume: 'resume',
  out_of_scope: 'none',
};

/** Whether `name` is one of our tools (the model may invent others). */
export function isToolName(name: string): name is ToolName {
  return Object.prototype.hasOwnProperty.call(ToolArgSchemas, name);
}

/**
 * The JSON schema sent as a tool's `parameters`. Same options the openai SDK's own zod
 * helper uses for non-strict tools: draft-7, and `io: 'input'` because the model writes
 * the input side of the schema.
 */
export function toolJsonSchema(schema: z.ZodType): Record<string, unknown> {
  return z.toJSONSchema(schema, { target: 'draft-7', io: 'input' }) as Record<string, unknown>;
}

/** The OpenAI `tools` array, generated from {@link ToolArgSchemas}. */
export function buildTools(): ChatCompletionFunctionTool[] {
  return (Object.keys(ToolArgSchemas) as ToolName[]).map((name) => {
    const schema = ToolArgSchemas[name];
    return {
      type: 'function',
      function: { name, description: schema.description, parameters: toolJsonSchema(schema) },
    };
  });
}

/** A tool call turned into our terms: the intent, params, and the meta fields. */
export interface ParsedToolCall {
  intent: IntentName;
  params: z.infer<typeof IntentParamsSchema>;
  confidence?: number;
  notes?: string[];
}

/**
 * Validates a tool's (already JSON-parsed) arguments and splits them into params and
 * meta. Throws the `ZodError` on invalid arguments; the caller wraps it.
 */
export function parseToolArgs(name: ToolName, args: unknown): ParsedToolCall {
  const parsed = ToolArgSchemas[name].parse(args) as Record<string, unknown>;
  const { confidence, notes, ...rest } = parsed;
  // Second check against the shared params schema: guards against a tool schema drifting
  // from IntentParams (a field added here but not there would fail loudly, not silently).
  const params = IntentParamsSchema.parse(rest);
  return {
    intent: TOOL_INTENTS_BY_NAME[name],
    params,
    confidence: confidence as number | undefined,
    notes: notes as string[] | undefined,
  };
}
