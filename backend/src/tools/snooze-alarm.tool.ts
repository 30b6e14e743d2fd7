import { DateTime } from 'luxon';
import { formatTime12 } from '../nlu';
import { field, toolForm } from './form-builder';
import type { Tool } from './tool.types';

const DEFAULT_SNOOZE_MINUTES = 10;

/** snooze_alarm: rings again in N minutes (default 10), as a one-off alarm labelled "Snooze". */
export const snoozeAlarmTool: Tool = {
  name: 'snooze_alarm',
  normalize: (p) => ({ ...p, minutes: p.minutes ?? DEFAULT_SNOOZE_MINUTES }),
  missing: () => [],
  validate: () => ({}),
  question: () => 'For how many minutes?',
  form: (p, missing, errors) => toolForm('Snooze', [field('TextInput', 'minutes', 'Minutes', String(p.minutes ?? DEFAULT_SNOOZE_MINUTES), { missing, errors })], 'Snooze'),
  async execute(p, ctx) {
    const at = DateTime.fromJSDate(ctx.now, { zone: ctx.timeZone }).plus({ minutes: p.minutes ?? DEFAULT_SNOOZE_MINUTES });
    const time = at.toFormat('HH:mm');
    const { alarm } = await ctx.alarms.create(ctx.userId, { time, date: at.toISODate()!, label: 'Snooze' }, ctx.timeZone, ctx.intentId, ctx.db);
    return { reply: `Snoozed: I'll ring again at ${formatTime12(alarm.time)} (in ${p.minutes} minutes).`, data: { alarmId: alarm.id } };
  },
};
