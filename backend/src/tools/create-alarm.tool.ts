import { DateTime } from 'luxon';
import type { IntentParams } from '@app/shared';
import { describeDay, describeRepeat, describeWhen } from '../nlu';
import { field, toolForm } from './form-builder';
import type { FieldErrors, Tool, ToolContext } from './tool.types';

type Clock = Pick<ToolContext, 'timeZone' | 'now'>;

function today(ctx: Clock): DateTime {
  return DateTime.fromJSDate(ctx.now, { zone: ctx.timeZone });
}

/** create_alarm: needs a time; a date or a repeat is optional (a bare time means its next occurrence). */
export const createAlarmTool: Tool = {
  name: 'create_alarm',

  normalize(params, ctx) {
    if (!params.time || params.date || params.repeat?.length) return params;
    const now = today(ctx);
    const [h, m] = params.time.split(':').map(Number);
    const at = now.set({ hour: h, minute: m, second: 0, millisecond: 0 });
    const day = at > now ? now : now.plus({ days: 1 });
    return { ...params, date: day.toISODate() };
  },

  missing(params) {
    return params.time ? [] : ['time'];
  },

  validate(params, ctx) {
    const errors: FieldErrors = {};
    if (params.date && params.time) {
      const [h, m] = params.time.split(':').map(Number);
      const at = DateTime.fromISO(params.date, { zone: ctx.timeZone }).set({ hour: h, minute: m });
      if (!at.isValid) errors.date = 'That date does not exist.';
      else if (at <= today(ctx)) errors.date = 'That moment has already passed; pick a later date or time.';
    } else if (params.date && !DateTime.fromISO(params.date).isValid) {
      errors.date = 'That date does not exist.';
    }
    if (params.date && params.repeat?.length) errors.repeat = 'Choose either a date or repeat days, not both.';
    return errors;
  },

  question(_missing, params, ctx) {
    if (params.repeat?.length) return `What time should the alarm ring ${describeRepeat(params.repeat)}?`;
    if (params.date) return `What time should I wake you ${describeDay(params.date, ctx).replace(/ \(.*\)$/, '')}?`;
    return 'What time should I set the alarm for?';
  },

  form(params: IntentParams, missing, errors) {
    return toolForm('New alarm', [
      field('TimeInput', 'time', 'Time', params.time, { required: true, missing, errors }),
      field('DateInput', 'date', 'Date', params.date, { missing, errors, extra: { hint: 'Leave empty for the next occurrence' } }),
      field('DaysOfWeek', 'repeat', 'Repeat on', params.repeat, { missing, errors }),
      field('TextInput', 'label', 'Label', params.label, { missing, errors, extra: { placeholder: 'e.g. Gym', maxLength: 100 } }),
    ], 'Set alarm');
  },

  async execute(params, ctx) {
    const { alarm, created } = await ctx.alarms.create(
      ctx.userId,
      { time: params.time!, date: params.date ?? null, repeat: params.repeat ?? null, label: params.label ?? null },
      ctx.timeZone, ctx.intentId, ctx.db,
    );
    const when = describeWhen(alarm, { timeZone: ctx.timeZone, now: ctx.now });
    const label = alarm.label ? ` "${alarm.label}"` : '';
    return { reply: `Alarm${label} set for ${when}.`, data: { alarmId: alarm.id, created } };
  },
};
