import { describeWhen } from '../nlu';
import { alarmSelect, describeSelector, hasSelector, matchAlarms } from './alarm-selection';
import { field, toolForm } from './form-builder';
import type { Tool } from './tool.types';

/** delete_alarm: one alarm by selector, or all of them after an explicit confirmation. */
export const deleteAlarmTool: Tool = {
  name: 'delete_alarm',
  normalize: (p) => p,
  missing(p) {
    if (p.all) return p.confirmed ? [] : ['confirmed'];
    return hasSelector(p) ? [] : ['alarmId'];
  },
  validate: () => ({}),
  question(missing) {
    if (missing.includes('confirmed')) return 'This deletes all your alarms. Are you sure?';
    return 'Which alarm should I delete?';
  },
  async form(p, missing, errors, ctx) {
    if (p.all) {
      const count = (await ctx.alarms.list(ctx.userId, ctx.db)).length;
      return toolForm('Delete all alarms', [
        field('Checkbox', 'confirmed', `Yes, delete all ${count} alarm${count === 1 ? '' : 's'}`, p.confirmed ?? false, { required: true, missing, errors }),
      ], 'Delete all');
    }
    return toolForm('Delete an alarm', [await alarmSelect(ctx, p.alarmId, missing, errors.alarmId)], 'Delete');
  },
  async execute(p, ctx) {
    const alarms = await ctx.alarms.list(ctx.userId, ctx.db);
    if (p.all) {
      const n = await ctx.alarms.remove(ctx.userId, alarms.map((a) => a.id), ctx.db);
      return { reply: n ? `Deleted all ${n} of your alarms.` : 'You had no alarms to delete.', data: { deleted: n } };
    }
    const matches = matchAlarms(alarms, p);
    if (!matches.length) return { reply: `I couldn't find ${describeSelector(p)}, so nothing was deleted.`, data: { deleted: 0 } };
    if (matches.length > 1) return { reply: '', needs: { missing: ['alarmId'], question: `You have ${matches.length} alarms that match. Which one should I delete?` } };
    const [alarm] = matches;
    await ctx.alarms.remove(ctx.userId, [alarm.id], ctx.db);
    return { reply: `Deleted your alarm for ${describeWhen(alarm, { timeZone: alarm.timeZone, now: ctx.now })}.`, data: { deleted: 1, alarmId: alarm.id } };
  },
};
