import type { Alarm, Widget } from '@app/shared';
import { describeWhen } from '../nlu';
import type { Tool } from './tool.types';

/** The alarm list card: each alarm with an enable toggle and a delete button. */
export function alarmListCard(alarms: Alarm[], now: Date): Widget {
  if (!alarms.length) {
    return { type: 'Card', title: 'Your alarms', children: [{ type: 'Text', text: 'No alarms yet.', tone: 'muted' }] };
  }
  const rows: Widget[] = alarms.map((a) => ({
    type: 'Row',
    children: [
      {
        type: 'Col',
        children: [
          { type: 'Title', text: describeWhen(a, { timeZone: a.timeZone, now }), level: 3 },
          ...(a.label ? [{ type: 'Text', text: a.label } as Widget] : []),
          { type: 'Badge', text: a.enabled ? 'On' : 'Off', tone: a.enabled ? 'success' : 'neutral' },
        ],
      },
      { type: 'Checkbox', name: 'enabled', label: 'Enabled', value: a.enabled, required: false, missing: false, action: 'toggle', payload: { alarmId: a.id } },
      { type: 'Button', label: 'Delete', action: 'delete', payload: { alarmId: a.id }, style: 'danger' },
    ],
  }));
  const children: Widget[] = [];
  rows.forEach((r, i) => {
    if (i > 0) children.push({ type: 'Divider' });
    children.push(r);
  });
  return { type: 'Card', title: `Your alarms (${alarms.length})`, children };
}

/** list_alarms: nothing to ask; answers with the card. */
export const listAlarmsTool: Tool = {
  name: 'list_alarms',
  normalize: (p) => p,
  missing: () => [],
  validate: () => ({}),
  question: () => '',
  form: () => ({ type: 'Card', children: [] }),
  async execute(_params, ctx) {
    const alarms = await ctx.alarms.list(ctx.userId, ctx.db);
    const enabled = alarms.filter((a) => a.enabled).length;
    const reply = alarms.length
      ? `You have ${alarms.length} alarm${alarms.length === 1 ? '' : 's'} (${enabled} on).`
      : "You don't have any alarms yet. Say \"wake me up at 7 tomorrow\" to set one.";
    return { reply, component: { kind: 'alarms', spec: alarmListCard(alarms, ctx.now) }, data: { count: alarms.length } };
  },
};
