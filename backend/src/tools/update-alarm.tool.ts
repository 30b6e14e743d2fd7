import type { AlarmPatch, IntentParams } from '@app/shared';
import { describeWhen } from '../nlu';
import { alarmSelect, describeSelector, matchAlarms } from './alarm-selection';
import { field, toolForm } from './form-builder';
import type { Tool } from './tool.types';

function changeOf(p: IntentParams): AlarmPatch {
  const patch: AlarmPatch = {};
  if (p.time) patch.time = p.time;
  if (p.date) patch.date = p.date;
  if (p.repeat?.length) patch.repeat = p.repeat;
  if (p.label) patch.label = p.label;
  if (typeof p.enabled === 'boolean') patch.enabled = p.enabled;
  return patch;
}

/** update_alarm: change the time, date, repeat or label of one alarm, or turn it on/off. */
export const updateAlarmTool: Tool = {
  name: 'update_alarm',
  normalize: (p) => p,
  missing(p) {
    return Object.keys(changeOf(p)).length ? [] : ['time'];
  },
  validate: () => ({}),
  question() {
    return 'What should I change about the alarm? For example "move it to 7:15" or "turn it off".';
  },
  async form(p, missing, errors, ctx) {
    return toolForm('Change an alarm', [
      await alarmSelect(ctx, p.alarmId, missing, errors.alarmId),
      field('TimeInput', 'time', 'New time', p.time, { missing, errors }),
      field('TextInput', 'label', 'New label', p.label, { missing, errors, extra: { maxLength: 100 } }),
      field('Checkbox', 'enabled', 'Enabled', p.enabled ?? null, { missing, errors }),
    ], 'Save');
  },
  async execute(p, ctx) {
    const alarms = await ctx.alarms.list(ctx.userId, ctx.db);
    const matches = matchAlarms(alarms, p);
    if (!matches.length) {
      return { reply: alarms.length ? `I couldn't find ${describeSelector(p)}. Nothing was changed.` : "You don't have any alarms to change yet.", data: { updated: 0 } };
    }
    if (matches.length > 1) return { reply: '', needs: { missing: ['alarmId'], question: `You have ${matches.length} alarms that match. Which one should I change?` } };
    const updated = await ctx.alarms.update(ctx.userId, matches[0].id, changeOf(p), ctx.db);
    const state = updated.enabled ? '' : ' (turned off)';
    return { reply: `Done: your alarm is now ${describeWhen(updated, { timeZone: updated.timeZone, now: ctx.now })}${state}.`, data: { updated: 1, alarmId: updated.id } };
  },
};
