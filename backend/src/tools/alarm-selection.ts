import type { Alarm, IntentParams, Widget } from '@app/shared';
import { describeWhen, formatTime12 } from '../nlu';
import type { ToolContext } from './tool.types';

/** True when the params name an existing alarm somehow. */
export function hasSelector(p: IntentParams): boolean {
  return Boolean(p.alarmId || p.targetTime || p.targetLabel);
}

/** The person's alarms that the selector params match (all of them when there is no selector). */
export function matchAlarms(alarms: Alarm[], p: IntentParams): Alarm[] {
  if (p.alarmId) return alarms.filter((a) => a.id === p.alarmId);
  return alarms.filter((a) =>
    (!p.targetTime || a.time === p.targetTime) &&
    (!p.targetLabel || (a.label ?? '').toLowerCase().includes(p.targetLabel.toLowerCase())));
}

export function describeSelector(p: IntentParams): string {
  if (p.targetLabel && p.targetTime) return `a "${p.targetLabel}" alarm at ${formatTime12(p.targetTime)}`;
  if (p.targetTime) return `an alarm at ${formatTime12(p.targetTime)}`;
  if (p.targetLabel) return `an alarm called "${p.targetLabel}"`;
  return 'that alarm';
}

/** A Select listing the person's alarms, to choose which one. */
export async function alarmSelect(ctx: ToolContext, value: string | null | undefined, missing: string[], error?: string): Promise<Widget> {
  const alarms = await ctx.alarms.list(ctx.userId, ctx.db);
  return {
    type: 'Select', name: 'alarmId', label: 'Alarm', value: value ?? null, required: true,
    missing: missing.includes('alarmId'), error: error ?? null,
    options: alarms.map((a) => ({ value: a.id, label: `${describeWhen(a, { timeZone: a.timeZone, now: ctx.now })}${a.label ? ` – ${a.label}` : ''}` })),
  };
}
