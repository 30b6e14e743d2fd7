import { startTestServer, type TestServer } from '../support/test-server';
import { describeOnBackends } from '../support/backends';
import {
  components, expectValidEvents, fieldsByName, lastComponent, ofType, openChat, replies, replyText, sessions, users,
  type ChatHandle,
} from '../support/chat-session';

const FIXED_NOW = new Date('2026-11-25T09:00:00Z');
const TOMORROW = '2026-11-26';

describeOnBackends('interruptions: cancel, another request while one waits, confirmation', (backend) => {
  let server: TestServer;
  const open: ChatHandle[] = [];
  const chat = async () => {
    const c = await openChat(server);
    open.push(c);
    return c;
  };
  const intentRow = (id: string) =>
    server.db.db.selectFrom('user_intents').select(['intent', 'status', 'resumable']).where('id', '=', id).executeTakeFirstOrThrow();
  const addAlarm = async (c: ChatHandle, body: Record<string, unknown>) => {
    const res = await fetch(`${server.url}/api/alarms`, { method: 'POST', headers: { authorization: `Bearer ${c.token}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
    expect(res.status).toBe(201);
  };

  beforeAll(async () => {
    server = await startTestServer(backend, {}, { now: () => FIXED_NOW });
  });

  afterAll(async () => {
    open.forEach((c) => c.close());
    await server?.stop();
  });

  it('"never mind" cancels the waiting intent, says so and closes its form; the old form then gets a clear answer', async () => {
    const c = await chat();
    const form = lastComponent(await c.send('set an alarm'));
    const cancel = await c.send('never mind');
    const reply = replies(cancel).at(-1)!;
    expect(reply).toMatchObject({ isComplete: true });
    expect(reply.text).toBe("Okay, I've cancelled your alarm draft.");
    expect(lastComponent(cancel)).toMatchObject({ componentId: form.componentId, version: 2, closed: true });
    expect(sessions(cancel).at(-1)).toMatchObject({ intentId: form.intentId, state: 'cancelled', resumable: false });
    expect(await intentRow(form.intentId!)).toMatchObject({ status: 'cancelled', resumable: false });

    const stale = await c.act(form.componentId, 'submit', { time: '07:00', date: null, repeat: null, label: null });
    expect(stale.ack.ok).toBe(true);
    expect(replyText(stale.events)).toMatch(/no longer active.*cancelled.*Nothing was changed/);
    expect(await c.alarms()).toEqual([]);

    const again = await c.send('never mind');
    expect(replyText(again)).toMatch(/nothing in progress to cancel/i);
    expect(ofType(c.events.ordered(), 'error')).toEqual([]);
    expectValidEvents(c.events.ordered());
  });

  it('the form\'s Cancel action cancels it too, shown as what the person did; pressing it again changes nothing', async () => {
    const c = await chat();
    const form = lastComponent(await c.send('wake me up tomorrow'));
    const { ack, events } = await c.act(form.componentId, 'cancel', {});
    expect(ack).toEqual({ ok: true, data: { seq: expect.any(Number), duplicate: false } });
    expect(users(events)).toMatchObject([{ via: 'form', text: 'Cancel' }]);
    expect(replies(events).at(-1)!.text).toMatch(/cancelled/i);
    expect(replies(events).at(-1)!.isComplete).toBe(true);
    expect(lastComponent(events)).toMatchObject({ componentId: form.componentId, closed: true });
    expect(sessions(events).at(-1)).toMatchObject({ state: 'cancelled' });
    expect(await intentRow(form.intentId!)).toMatchObject({ status: 'cancelled' });

    const twice = await c.act(form.componentId, 'cancel', {});
    expect(twice.ack.ok).toBe(true);
    expect(replyText(twice.events)).toMatch(/no longer active.*cancelled/);
    expect(sessions(twice.events)).toEqual([]);
    expect(await c.alarms()).toEqual([]);
  });

  it('a different request while one waits: the waiting one is abandoned (resumable), the new one runs, the reply mentions the draft; "resume" brings the form back', async () => {
    const c = await chat();
    const form = lastComponent(await c.send('wake me up tomorrow'));
    const draftId = form.intentId!;

    const list = await c.send('show my alarms');
    const abandoned = sessions(list).find((s) => s.intentId === draftId);
    expect(abandoned).toMatchObject({ state: 'abandoned', resumable: true, reason: 'superseded' });
    const listSession = sessions(list).filter((s) => s.intentId !== draftId).at(-1);
    expect(listSession).toMatchObject({ intent: 'list_alarms', state: 'completed' });
    const reply = replyText(list);
    expect(reply).toMatch(/kept your alarm draft/);
    expect(reply).toMatch(/resume/);
    expect(reply).toMatch(/don't have any alarms/);
    expect(components(list).map((x) => x.componentId)).toEqual([`alarms:${listSession!.intentId}`]);
    expect(await intentRow(draftId)).toMatchObject({ status: 'abandoned', resumable: true });

    // its form was put aside, not finished: a submit says how to bring it back
    const aside = await c.act(form.componentId, 'submit', { time: '07:00', date: TOMORROW, repeat: null, label: null });
    expect(replyText(aside.events)).toMatch(/put aside.*resume/);
    expect(await c.alarms()).toEqual([]);

    const resumed = await c.send('resume');
    expect(sessions(resumed)[0]).toMatchObject({ intentId: draftId, state: 'active' });
    expect(replyText(resumed)).toMatch(/finish your alarm draft.*What time should I wake you tomorrow\?/);
    const back = lastComponent(resumed);
    expect(back).toMatchObject({ componentId: form.componentId, version: 2 });
    expect(back.closed).toBeFalsy();
    expect(fieldsByName(back.spec)).toMatchObject({ date: { value: TOMORROW }, time: { value: null, missing: true } });

    const done = await c.send('at 6:30 am');
    expect(replyText(done)).toBe('Alarm set for 6:30 AM tomorrow (Thu 26 Nov).');
    expect(await intentRow(draftId)).toMatchObject({ status: 'completed' });
    expect(await c.alarms()).toMatchObject([{ time: '06:30', date: TOMORROW, createdFromIntentId: draftId }]);
    expectValidEvents(c.events.ordered());
  });

  it('a draft with a time is named by it when put aside', async () => {
    const c = await chat();
    // 7 AM on a day already gone: the time is known, the date is wrong, so it waits
    const ask = await c.send('wake me up at 7 am on November 20th 2026');
    expect(fieldsByName(lastComponent(ask).spec).date.error).toEqual(expect.any(String));
    const list = await c.send('show my alarms');
    expect(replyText(list)).toMatch(/kept your 7:00 AM alarm draft/);
  });

  it('"delete all my alarms" asks for confirmation and deletes nothing until it is given', async () => {
    const c = await chat();
    await addAlarm(c, { time: '06:00', repeat: ['mon', 'tue'] });
    await addAlarm(c, { time: '08:00', date: TOMORROW, label: 'Dentist' });

    const ask = await c.send('delete all my alarms');
    expect(replyText(ask)).toBe('This deletes all your alarms. Are you sure?');
    const form = lastComponent(ask);
    expect(fieldsByName(form.spec).confirmed).toMatchObject({ type: 'Checkbox', value: false, required: true, missing: true });
    expect(await c.alarms()).toHaveLength(2);

    const unchecked = await c.act(form.componentId, 'submit', { confirmed: false });
    expect(lastComponent(unchecked.events)).toMatchObject({ componentId: form.componentId, version: 2 });
    expect(replyText(unchecked.events)).toMatch(/Are you sure\?/);
    expect(await c.alarms()).toHaveLength(2);

    const confirmed = await c.act(form.componentId, 'submit', { confirmed: true });
    expect(replyText(confirmed.events)).toBe('Deleted all 2 of your alarms.');
    expect(await c.alarms()).toEqual([]);
    expectValidEvents(c.events.ordered());
  });

  it('"delete all my alarms" is confirmed by saying "yes" in chat, or refused by "no"', async () => {
    const c = await chat();
    await addAlarm(c, { time: '06:00', date: TOMORROW });
    await addAlarm(c, { time: '07:00', date: TOMORROW });
    expect(replyText(await c.send('delete all my alarms'))).toMatch(/Are you sure\?/);
    expect(replyText(await c.send('no, keep them'))).toMatch(/cancelled/i);
    expect(await c.alarms()).toHaveLength(2);
    expect(replyText(await c.send('delete all my alarms'))).toMatch(/Are you sure\?/);
    expect(replyText(await c.send('yes'))).toBe('Deleted all 2 of your alarms.');
    expect(await c.alarms()).toEqual([]);
  });

  it('"delete all my alarms" then "never mind": nothing is deleted', async () => {
    const c = await chat();
    await addAlarm(c, { time: '06:00', date: TOMORROW });
    const ask = await c.send('delete all my alarms');
    expect(replyText(ask)).toMatch(/Are you sure\?/);
    const cancel = await c.send('never mind');
    expect(replyText(cancel)).toMatch(/cancelled/i);
    expect(await c.alarms()).toHaveLength(1);
  });
});
