import { z } from 'zod';
import { IsoDateSchema, TimeOfDaySchema, WeekdaySchema } from './alarms';

/** Every intent the recogniser can return. `none` is out of scope; `cancel` ends the current intent. */
export const IntentNameSchema = z.enum([
  'create_alarm',
  'list_alarms',
  'delete_alarm',
  'update_alarm',
  'snooze_alarm',
  'cancel',
  'resume',
  'none',
]);
export type IntentName = z.infer<typeof IntentNameSchema>;

/** Intents that run a tool and therefore have a lifecycle in `user_intents`. */
export const TOOL_INTENTS = ['create_alarm', 'list_alarms', 'delete_alarm', 'update_alarm', 'snooze_alarm'] as const;
export type ToolIntentName = (typeof TOOL_INTENTS)[number];
export function isToolIntent(name: string): name is ToolIntentName {
  return (TOOL_INTENTS as readonly string[]).includes(name);
}

/** Lifecycle of a user intent. */
export const IntentStateSchema = z.enum(['active', 'completed', 'cancelled', 'abandoned']);
export type IntentState = z.infer<typeof IntentStateSchema>;

/**
 * Parameters collected for an intent so far. Every field is optional: slot filling fills
 * them turn by turn. `targetTime`/`targetLabel` select an existing alarm (update, delete).
 */
export const IntentParamsSchema = z
  .object({
    time: TimeOfDaySchema.nullable().optional(),
    date: IsoDateSchema.nullable().optional(),
    repeat: z.array(WeekdaySchema).nullable().optional(),
    label: z.string().nullable().optional(),
    enabled: z.boolean().nullable().optional(),
    alarmId: z.string().nullable().optional(),
    targetTime: TimeOfDaySchema.nullable().optional(),
    targetLabel: z.string().nullable().optional(),
    minutes: z.number().int().positive().max(24 * 60).nullable().optional(),
    all: z.boolean().nullable().optional(),
    confirmed: z.boolean().nullable().optional(),
  })
  .strict();
export type IntentParams = z.infer<typeof IntentParamsSchema>;

/** The state of a chat's intent as `chat:join` and `session` events report it. */
export const IntentSummarySchema = z.object({
  intentId: z.string(),
  sessionId: z.string().nullable(),
  intent: IntentNameSchema,
  state: IntentStateSchema,
  resumable: z.boolean(),
  params: IntentParamsSchema,
  missing: z.array(z.string()),
  componentId: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type IntentSummary = z.infer<typeof IntentSummarySchema>;
