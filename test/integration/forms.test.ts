import { WidgetSchema, type ChatEvent, type ThinkingEvent } from '@app/shared';
import { emitAck } from '../support/event-collector';
import { startTestServer, type TestServer } from '../support/test-server';
import { describeOnBackends } from '../support/backends';
import {
  actionsOf, components, expectValidEvents, fieldsByName, lastComponent, ofType, openChat, replies, replyText, sessions, users,
  type ChatHandle,
} from '../support/chat-session';

// A Wednesday morning: a bare "7" means 7:00 tomorrow (Thu 26 Nov).
const FIXED_NOW = new Date('2026-11-25T09:00:00Z');
const TOMORROW = '2026-11-26';

const startedLabels = (events: ChatEvent[]) =>
  ofType(events, 'thinking').filter((e: ThinkingEvent) => e.status === 'started').map((e) => e.label);

describeOnBackends('forms: follow-up questions finished by chat, by form, or both', (backend) => {
  let server: TestServer;
  const open: ChatHandle[] = [];
  const chat = async () => {
    const c = await openChat(server);
    open.push(c);
    return c;
  };

  beforeAll(async () => {
    server = await startTestServer(backend, {}, { now: () => FIXED_NOW });
  });

  afterAll(async () => {
    open.forEach((c) => c.close());
    await server?.stop();
  });

  it('"set an alarm" asks for the time with a question and a form; "at 7" in chat fills the same form and stores the alarm', async () => {
    const c = await chat();
    const ask = await c.send('set an alarm');
    expect(startedLabels(ask)).toContain('Generating follow-up question...');
    expect(replies(ask)).toHaveLength(1);
    expect(replies(ask)[0]).toMatchObject({ text: 'What time should I set the alarm for?', final: true });
    expect(replies(ask)[0].isComplete).toBeFalsy();

    const form = lastComponent(ask);
    expect(form).toMatchObject({ type: 'component', chatId: c.chatId, componentId: expect.any(String), version: 1 });
    expect(form.closed).toBeFalsy();
    expect(WidgetSchema.safeParse(form.spec).success).toBe(true);
    expect(form.spec.type).toBe('Form');
    const fields = fieldsByName(form.spec);
    expect(Object.keys(fields).sort()).toEqual(['date', 'label', 'repeat', 'time']);
    expect(fields.time).toMatchObject({ type: 'TimeInput', value: null, required: true, missing: true, error: null });
    expect(fields.date).toMatchObject({ type: 'DateInput', value: null, required: false, missing: false, error: null });
    expect(fields.repeat).toMatchObject({ type: 'DaysOfWeek', value: null, required: false, missing: false });
    expect(fields.label).toMatchObject({ type: 'TextInput', value: null, required: false, missing: false });
    expect(actionsOf(form.spec).map((a) => a.action)).toEqual(['submit', 'cancel']);
    // the question comes before the form, and the intent waits for the time
    expect(replies(ask)[0].seq).toBeLessThan(form.seq);
    expect(sessions(ask).at(-1)).toMatchObject({ intent: 'create_alarm', state: 'active', missing: ['time'] });
    expect(await c.alarms()).toEqual([]);

    // a bare "7" at 9 AM may be read as 7 PM today or 7 AM tomorrow (the recogniser's call);
    // what matters here is that the chat answer fills the same form and stores that alarm
    const answer = await c.send('at 7');
    const done = replies(answer).at(-1)!;
    expect(done).toMatchObject({ text: expect.stringMatching(/^Alarm set for 7:00 (AM|PM) /), isComplete: true });
    const filled = lastComponent(answer);
    expect(filled).toMatchObject({ componentId: form.componentId, version: 2, closed: true });
    const time = fieldsByName(filled.spec).time;
    expect(time).toMatchObject({ value: expect.stringMatching(/^(07|19):00$/), missing: false, error: null });
    expect(fieldsByName(filled.spec).date.value).toMatch(/^2026-11-2[56]$/);
    expect(sessions(answer).at(-1)).toMatchObject({ state: 'completed' });

    const alarms = await c.alarms();
    expect(alarms).toHaveLength(1);
    expect(alarms[0]).toMatchObject({ time: time.value, date: fieldsByName(filled.spec).date.value, repeat: null, label: null, enabled: true });
    expectValidEvents(c.events.ordered());
    expect(ofType(c.events.ordered(), 'error')).toEqual([]);
  });

  it('keeps what was said across turns and follows a change of mind; each answer updates the same form', async () => {
    const c = await chat();
    const ask = await c.send('wake me up tomorrow');
    expect(replyText(ask)).toBe('What time should I wake you tomorrow?');
    const form = lastComponent(ask);
    expect(fieldsByName(form.spec).date).toMatchObject({ value: TOMORROW, missing: false });
    expect(fieldsByName(form.spec).time).toMatchObject({ value: null, missing: true });

    // a partial answer updates the form: a new version of the same component, still open
    const label = await c.send('call it gym');
    const v2 = lastComponent(label);
    expect(v2).toMatchObject({ componentId: form.componentId, version: 2 });
    expect(v2.closed).toBeFalsy();
    expect(fieldsByName(v2.spec)).toMatchObject({ date: { value: TOMORROW }, label: { value: 'gym' }, time: { value: null, missing: true } });

    // a change of mind replaces the date and keeps the label
    const change = await c.send('no, on friday');
    expect(replyText(change)).toMatch(/What time should I wake you on Fri 27 Nov\?/);
    expect(fieldsByName(lastComponent(change).spec)).toMatchObject({ date: { value: '2026-11-27' }, label: { value: 'gym' } });
    expect(lastComponent(change).version).toBe(3);
    expect(await c.alarms()).toEqual([]);

    const done = await c.send('at 6:45 am');
    expect(replyText(done)).toBe('Alarm "gym" set for 6:45 AM on Fri 27 Nov.');
    expect(lastComponent(done)).toMatchObject({ componentId: form.componentId, version: 4, closed: true });
    expect(await c.alarms()).toMatchObject([{ time: '06:45', date: '2026-11-27', label: 'gym' }]);
    expectValidEvents(c.events.ordered());
  });

  it('finishes by form submit, shown in the conversation as a user event via the form', async () => {
    const c = await chat();
    const form = lastComponent(await c.send('set an alarm'));
    // what the browser sends: every field of the form, empty ones as null
    const { ack, events } = await c.act(form.componentId, 'submit', { time: '07:30', date: null, repeat: null, label: 'Gym' }, 'submit-1');
    expect(ack).toEqual({ ok: true, data: { seq: expect.any(Number), duplicate: false } });

    const [user] = users(events);
    expect(user).toMatchObject({ seq: ack.data!.seq, via: 'form', intentId: form.intentId });
    expect(user.text).toContain('07:30');
    expect(user.text).toContain('Gym');
    // a submit never passes through intent recognition
    expect(startedLabels(events)).not.toContain('Analyzing your request...');
    expect(replies(events).at(-1)).toMatchObject({ text: 'Alarm "Gym" set for 7:30 AM tomorrow (Thu 26 Nov).', isComplete: true });
    const closed = lastComponent(events);
    expect(closed).toMatchObject({ componentId: form.componentId, version: 2, closed: true });
    expect(fieldsByName(closed.spec)).toMatchObject({ time: { value: '07:30' }, label: { value: 'Gym' } });
    expect(await c.alarms()).toMatchObject([{ time: '07:30', date: TOMORROW, label: 'Gym' }]);

    // the submit is part of the stored conversation, as a user message
    const res = await fetch(`${server.url}/api/chats/${c.chatId}/history?afterSeq=0`, { headers: { authorization: `Bearer ${c.token}` } });
    const { events: rows } = (await res.json()) as { events: Array<{ seq: number; type: string; via?: string }> };
    expect(rows.find((r) => r.seq === ack.data!.seq)).toMatchObject({ type: 'user', via: 'form' });
    expectValidEvents(c.events.ordered());
  });

  it('mixes chat and form: the date said in chat, the time given in the form', async () => {
    const c = await chat();
    const form = lastComponent(await c.send('wake me up tomorrow'));
    const fields = fieldsByName(form.spec);
    const { events } = await c.act(form.componentId, 'submit', { time: '06:15', date: fields.date.value, repeat: null, label: null });
    expect(replyText(events)).toBe('Alarm set for 6:15 AM tomorrow (Thu 26 Nov).');
    expect(await c.alarms()).toMatchObject([{ time: '06:15', date: TOMORROW }]);
  });

  it('an invalid submit comes back as the same form with field errors and a short reply, nothing stored; a valid one then stores once', async () => {
    const c = await chat();
    const form = lastComponent(await c.send('set an alarm'));

    const bad = await c.act(form.componentId, 'submit', { time: '25:99', date: null, repeat: null, label: 'Gym' });
    expect(bad.ack.ok).toBe(true);
    const errorForm = lastComponent(bad.events);
    expect(errorForm).toMatchObject({ componentId: form.componentId, version: 2 });
    expect(errorForm.closed).toBeFalsy();
    const fields = fieldsByName(errorForm.spec);
    expect(fields.time.error).toEqual(expect.stringMatching(/HH:MM|07:30/));
    expect(fields.date.error ?? null).toBeNull();
    // what the person typed in the valid fields is kept
    expect(fields.label.value).toBe('Gym');
    const reply = replies(bad.events);
    expect(reply).toHaveLength(1);
    expect(reply[0].isComplete).toBeFalsy();
    expect(reply[0].text.length).toBeLessThan(160);
    expect(sessions(bad.events).at(-1)).toMatchObject({ state: 'active' });
    expect(await c.alarms()).toEqual([]);

    const good = await c.act(form.componentId, 'submit', { time: '08:15', date: null, repeat: null, label: 'Gym' });
    expect(replyText(good.events)).toBe('Alarm "Gym" set for 8:15 AM tomorrow (Thu 26 Nov).');
    expect(lastComponent(good.events)).toMatchObject({ componentId: form.componentId, version: 3, closed: true });
    expect(fieldsByName(lastComponent(good.events).spec).time.error ?? null).toBeNull();
    expect(await c.alarms()).toMatchObject([{ time: '08:15', label: 'Gym' }]);
    expectValidEvents(c.events.ordered());
  });

  it('a submit that is not the form (a field the form never showed) is refused in the ack and changes nothing', async () => {
    const c = await chat();
    const form = lastComponent(await c.send('set an alarm'));
    const before = c.events.ordered().length;
    const { ack } = await c.act(form.componentId, 'submit', { time: '07:00', volume: 11 });
    expect(ack.ok).toBe(false);
    expect(ack.error).toMatchObject({ code: 'bad_request', retryable: false });
    expect(ack.error!.message).toMatch(/volume/);
    expect(c.events.ordered().length).toBe(before);
    expect(await c.alarms()).toEqual([]);
  });

  it('a repeated submit executes once: the same clientActionId twice at once, and another submit after completion', async () => {
    const c = await chat();
    const form = lastComponent(await c.send('set an alarm'));
    const values = { time: '09:30', date: null, repeat: null, label: null };
    const payload = { chatId: c.chatId, componentId: form.componentId, action: 'submit', values, clientActionId: 'double-click' };
    const acks = await Promise.all([
      emitAck<{ seq: number; duplicate: boolean }>(c.socket, 'component:action', payload),
      emitAck<{ seq: number; duplicate: boolean }>(c.socket, 'component:action', payload),
    ]);
    await c.settle();
    expect(acks.every((a) => a.ok)).toBe(true);
    expect(acks.map((a) => a.data!.duplicate).sort()).toEqual([false, true]);
    expect(acks[0].data!.seq).toBe(acks[1].data!.seq);
    expect(users(c.events.ordered()).filter((u) => u.via === 'form')).toHaveLength(1);
    expect(replies(c.events.ordered()).filter((r) => r.text.startsWith('Alarm set'))).toHaveLength(1);
    expect(await c.alarms()).toHaveLength(1);

    // the same key once more, after the fact: acknowledged as a duplicate, nothing new
    const last = c.events.ordered().length;
    const retry = await c.act(form.componentId, 'submit', values, 'double-click');
    expect(retry.ack).toEqual({ ok: true, data: { seq: acks[0].data!.seq, duplicate: true } });
    expect(c.events.ordered().length).toBe(last);

    // two different submits at once (two tabs): one runs, the other is told it is done
    const form2 = lastComponent(await c.send('set an alarm'));
    const racing = await Promise.all(['tab-a', 'tab-b'].map((id, i) =>
      emitAck(c.socket, 'component:action', { chatId: c.chatId, componentId: form2.componentId, action: 'submit', values: { ...values, time: `1${i}:00` }, clientActionId: id })));
    expect(racing.every((a) => a.ok)).toBe(true);
    const raced = (await c.settle()).filter((e) => e.intentId === form2.intentId);
    expect(replies(raced).filter((r) => r.text.startsWith('Alarm set'))).toHaveLength(1);
    expect(replyText(raced)).toMatch(/no longer active.*completed/);
    expect(await c.alarms()).toHaveLength(2);

    // a new submit of the finished form: a clear answer, nothing executed
    const late = await c.act(form.componentId, 'submit', { ...values, time: '10:00' }, 'late-submit');
    expect(late.ack.ok).toBe(true);
    expect(replyText(late.events)).toMatch(/no longer active.*completed.*Nothing was changed/);
    expect(components(late.events)).toEqual([]);
    expect((await c.alarms()).filter((a) => a.createdFromIntentId === form.intentId)).toMatchObject([{ time: '09:30' }]);
    expect(await c.alarms()).toHaveLength(2);
    expect(ofType(c.events.ordered(), 'error')).toEqual([]);
  });

  it('answers actions on unknown components or with unknown actions in the ack, and keeps serving', async () => {
    const c = await chat();
    const form = lastComponent(await c.send('set an alarm'));
    const unknown = await c.act('form:00000000-0000-0000-0000-000000000000', 'submit', { time: '07:00' });
    expect(unknown.ack).toMatchObject({ ok: false, error: { code: 'not_found' } });
    const garbage = await c.act('garbage', 'submit', {});
    expect(garbage.ack).toMatchObject({ ok: false, error: { code: 'not_found' } });
    const wrongAction = await c.act(form.componentId, 'explode', {});
    expect(wrongAction.ack).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    expect(wrongAction.ack.error!.message).toMatch(/submit or cancel/);
    const malformed = await emitAck(c.socket, 'component:action', { chatId: c.chatId, componentId: form.componentId });
    expect(malformed).toMatchObject({ ok: false, error: { code: 'bad_request' } });

    // another person's chat cannot be acted on
    const stranger = await chat();
    const foreign = await emitAck(stranger.socket, 'component:action', { chatId: c.chatId, componentId: form.componentId, action: 'submit', values: { time: '07:00' } });
    expect(foreign.ok).toBe(false);

    // the form still works
    const { events } = await c.act(form.componentId, 'submit', { time: '07:05' });
    expect(replyText(events)).toBe('Alarm set for 7:05 AM tomorrow (Thu 26 Nov).');
    expect(await c.alarms()).toHaveLength(1);
  });
});
