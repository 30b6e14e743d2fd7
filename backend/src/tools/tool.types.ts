import type { IntentParams, ToolIntentName, Widget } from '@app/shared';
import type { DbOrTrx } from '../db/database';
import type { AlarmService } from '../alarms/alarm.service';

/** What a tool runs with: the person, their clock, and the intent it serves. */
export interface ToolContext {
  userId: string;
  timeZone: string;
  now: Date;
  intentId: string;
  alarms: AlarmService;
  db: DbOrTrx;
}

/** The outcome of running a tool. */
export interface ToolResult {
  reply: string;
  /** A card to show with the reply (e.g. the alarm list). */
  component?: { kind: string; spec: Widget };
  /** Stored on the intent so a repeated execution can answer the same. */
  data?: Record<string, unknown>;
  /** When the tool needs more before it can finish (e.g. which alarm, a confirmation). */
  needs?: { missing: string[]; question: string };
}

export type FieldErrors = Record<string, string>;

/**
 * A tool the orchestrator can run for an intent: which parameters it needs, the question
 * and form that ask for them, and the execution itself.
 */
export interface Tool {
  name: ToolIntentName;
  /** Fills what can be derived (e.g. the date of a bare time) before checking what is missing. */
  normalize(params: IntentParams, ctx: Pick<ToolContext, 'timeZone' | 'now'>): IntentParams;
  /** The parameter names still needed before `execute` may run. */
  missing(params: IntentParams): string[];
  /** Field errors of values that are present but wrong; empty when fine. */
  validate(params: IntentParams, ctx: Pick<ToolContext, 'timeZone' | 'now'>): FieldErrors;
  /** The follow-up question for what is missing. */
  question(missing: string[], params: IntentParams, ctx: Pick<ToolContext, 'timeZone' | 'now'>): string;
  /** The form of this tool with known values filled in, missing ones marked, errors shown. */
  form(params: IntentParams, missing: string[], errors: FieldErrors, ctx: ToolContext): Promise<Widget> | Widget;
  execute(params: IntentParams, ctx: ToolContext): Promise<ToolResult>;
}
