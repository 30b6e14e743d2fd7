import { walkWidgets, WidgetSchema, type Alarm, type Widget } from '@app/shared';
import { emitAck } from '../support/event-collector';
import { startTestServer, type TestServer } from '../support/test-server';
import { describeOnBackends } from '../support/backends';
import {
  actionsOf, components, expectValidEvents, fieldsByName, lastComponent, ofType, openChat, replies, replyText, users, type ChatHandle,
} from '../support/chat-session';

const FIXED_NOW = new Date('2026-11-25T09:00:00Z');
const TOMORROW = '2026-11-26';

/** The enable toggle of one alarm's row in the list card. */
function toggleOf(spec: Widget, alarmId: string) {
  let found: { value: boolean | null; action?: string } | undefined;
  walkWidgets(spec, (w) => {
    if (w.type === 'Checkbox' && w.payload?.alarmId === alarmId) found = w;
  });
  return found;
}

describeOnBackends('cards: the alarm list with toggle and delete actions', (backend) => {
  let server: TestServer;
  let c: ChatHandle;
  let work: Alarm;
  let dentist: Alarm;
  let cardId: string;
  const extra: ChatHandle[] = [];

  const addAlarm = async (token: string, body: Record<string, unknown>): Promise<Alarm> => {
    const res = await fetch(`${server.url}/api/alarms`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
    expect(res.status).toBe(201);
    return ((await res.json()) as { alarm: Alarm }).alarm;
  };
  const alarm = async (id: string) => (await c.alarms()).find((a) => a.id === id);

  beforeAll(async () => {
    server = await startTestServer(backend, {}, { now: () => FIXED_NOW });
    c = await openChat(server);
    work = await addAlarm(c.token, { time: '06:00', repeat: ['mon', 'tue', 'wed', 'thu', 'fri'], label: 'Work' });
    dentist = await addAlarm(c.token, { time: '08:00', date: TOMORROW, label: 'Dentist' });
  });

  afterAll(async () => {
    c?.close();
    extra.forEach((x) => x.close());
    await server?.stop();
  });

  it('"show my alarms" answers with a card: each alarm with an enable toggle and a delete button', async () => {
    const events = await c.send('show my alarms');
    expect(replies(events).at(-1)).toMatchObject({ text: 'You have 2 alarms (2 on).', isComplete: true });
    const card = lastComponent(events);
    cardId = card.componentId;
    expect(card).toMatchObject({ componentId: `alarms:${card.intentId}`, version: 1 });
    expect(WidgetSchema.safeParse(card.spec).success).toBe(true);
    expect(card.spec).toMatchObject({ type: 'Card', title: 'Your alarms (2)' });
    const actions = actionsOf(card.spec);
    for (const a of [work, dentist]) {
      expect(actions).toContainEqual(expect.objectContaining({ type: 'Checkbox', action: 'toggle', payload: { alarmId: a.id } }));
      expect(actions).toContainEqual(expect.objectContaining({ type: 'Button', action: 'delete', payload: { alarmId: a.id } }));
      expect(toggleOf(card.spec, a.id)!.value).toBe(true);
    }
    expect(JSON.stringify(card.spec)).toContain('6:00 AM every weekday');
    expect(JSON.stringify(card.spec)).toContain('8:00 AM tomorrow (Thu 26 Nov)');
  });

  it('toggling by action turns the alarm off and on, re-rendering the card as new versions of the same component', async () => {
    // what the browser sends: the row's payload plus the checkbox's new state
    const off = await c.act(cardId, 'toggle', { alarmId: work.id, enabled: false });
    expect(off.ack).toEqual({ ok: true, data: { seq: expect.any(Number), duplicate: false } });
    expect(users(off.events)).toMatchObject([{ via: 'button', text: 'Turn alarm off' }]);
    expect(replyText(off.events)).toBe('Your 6:00 AM every weekday alarm is now off.');
    expect(ofType(off.events, 'thinking').map((t) => t.label)).not.toContain('Analyzing your request...');
    const v2 = lastComponent(off.events);
    expect(v2).toMatchObject({ componentId: cardId, version: 2 });
    expect(toggleOf(v2.spec, work.id)!.value).toBe(false);
    expect(toggleOf(v2.spec, dentist.id)!.value).toBe(true);
    expect(await alarm(work.id)).toMatchObject({ enabled: false, nextFireAt: null });

    const on = await c.act(cardId, 'toggle', { alarmId: work.id, enabled: true });
    expect(replyText(on.events)).toBe('Your 6:00 AM every weekday alarm is now on.');
    expect(lastComponent(on.events)).toMatchObject({ componentId: cardId, version: 3 });
    expect(toggleOf(lastComponent(on.events).spec, work.id)!.value).toBe(true);
    expect(await alarm(work.id)).toMatchObject({ enabled: true });
  });

  it('a toggle sent twice with the same clientActionId flips the alarm once; the user event says what it did', async () => {
    const payload = { chatId: c.chatId, componentId: cardId, action: 'toggle', values: { alarmId: dentist.id }, clientActionId: 'flip-once' };
    const acks = await Promise.all([
      emitAck<{ seq: number; duplicate: boolean }>(c.socket, 'component:action', payload),
      emitAck<{ seq: number; duplicate: boolean }>(c.socket, 'component:action', payload),
    ]);
    const events = await c.settle();
    expect(acks.map((a) => a.data!.duplicate).sort()).toEqual([false, true]);
    expect(await alarm(dentist.id)).toMatchObject({ enabled: false });
    const user = events.find((e) => e.seq === acks[0].data!.seq);
    expect(user).toMatchObject({ type: 'user', via: 'button' });
    // without an explicit state the toggle flips; the conversation must not claim the opposite
    expect((user as { text: string }).text).toMatch(/off|toggle/i);

    const back = await c.act(cardId, 'toggle', { alarmId: dentist.id });
    expect(users(back.events)[0].text).not.toBe('Turn alarm off');
    expect(replyText(back.events)).toMatch(/now on/);
    expect(await alarm(dentist.id)).toMatchObject({ enabled: true });
  });

  it('deleting by action removes the alarm and re-renders the card; deleting it again gets a clear answer', async () => {
    const before = lastComponent(c.events.ordered()).version;
    const del = await c.act(cardId, 'delete', { alarmId: dentist.id });
    expect(users(del.events)).toMatchObject([{ via: 'button', text: 'Delete alarm' }]);
    expect(replyText(del.events)).toBe('Deleted your alarm for 8:00 AM tomorrow (Thu 26 Nov).');
    const card = lastComponent(del.events);
    expect(card).toMatchObject({ componentId: cardId, version: before + 1 });
    expect(card.spec).toMatchObject({ title: 'Your alarms (1)' });
    expect(toggleOf(card.spec, dentist.id)).toBeUndefined();
    expect((await c.alarms()).map((a) => a.id)).toEqual([work.id]);

    // the Delete button of an older version of the card, pressed again
    const stale = await c.act(cardId, 'delete', { alarmId: dentist.id });
    expect(stale.ack.ok).toBe(true);
    expect(replyText(stale.events)).toBe('That alarm no longer exists, so nothing was changed.');
    expect(lastComponent(stale.events)).toMatchObject({ componentId: cardId, version: before + 2 });
    expect((await c.alarms()).map((a) => a.id)).toEqual([work.id]);
    expect(ofType(c.events.ordered(), 'error')).toEqual([]);
  });

  it('refuses malformed card actions in the ack and changes nothing', async () => {
    const count = c.events.ordered().length;
    const noAlarm = await c.act(cardId, 'toggle', {});
    expect(noAlarm.ack).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    const badValue = await c.act(cardId, 'toggle', { alarmId: work.id, enabled: 'yes please' });
    expect(badValue.ack).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    const wrongAction = await c.act(cardId, 'submit', { alarmId: work.id });
    expect(wrongAction.ack).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    const extraKey = await c.act(cardId, 'delete', { alarmId: work.id, everything: true });
    expect(extraKey.ack).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    expect(c.events.ordered().length).toBe(count);
    expect(await alarm(work.id)).toMatchObject({ enabled: true });
  });

  it("another person's card cannot touch my alarms", async () => {
    const other = await openChat(server);
    extra.push(other);
    const card = lastComponent(await other.send('show my alarms'));
    expect(card.spec).toMatchObject({ type: 'Card', title: 'Your alarms' });
    const { ack, events } = await other.act(card.componentId, 'delete', { alarmId: work.id });
    expect(ack.ok).toBe(true);
    expect(replyText(events)).toBe('That alarm no longer exists, so nothing was changed.');
    expect(components(events)).toHaveLength(1);
    expect((await c.alarms()).map((a) => a.id)).toEqual([work.id]);
    expectValidEvents(c.events.ordered());
    expectValidEvents(other.events.ordered());
  });

  it('other tools finish by form too: choose the alarm to delete, then change one', async () => {
    const p = await openChat(server);
    extra.push(p);
    const gym = await addAlarm(p.token, { time: '07:00', date: TOMORROW, label: 'Gym' });
    const nap = await addAlarm(p.token, { time: '14:00', date: TOMORROW, label: 'Nap' });

    const ask = await p.send('delete an alarm');
    expect(replyText(ask)).toBe('Which alarm should I delete?');
    const form = lastComponent(ask);
    const select = fieldsByName(form.spec).alarmId;
    expect(select).toMatchObject({ type: 'Select', value: null, required: true, missing: true });
    expect(select.type === 'Select' && select.options.map((o) => o.value).sort()).toEqual([gym.id, nap.id].sort());
    expect(await p.alarms()).toHaveLength(2);
    const del = await p.act(form.componentId, 'submit', { alarmId: nap.id });
    expect(replyText(del.events)).toBe('Deleted your alarm for 2:00 PM tomorrow (Thu 26 Nov).');
    expect((await p.alarms()).map((a) => a.id)).toEqual([gym.id]);

    const change = lastComponent(await p.send('change my alarm'));
    expect(WidgetSchema.safeParse(change.spec).success).toBe(true);
    const upd = await p.act(change.componentId, 'submit', { alarmId: gym.id, time: '06:30', label: null, enabled: null });
    expect(replyText(upd.events)).toBe('Done: your alarm is now 6:30 AM tomorrow (Thu 26 Nov).');
    expect(await p.alarms()).toMatchObject([{ id: gym.id, time: '06:30', label: 'Gym' }]);
    expectValidEvents(p.events.ordered());
  });
});
