import { extractAlarmParams, recognizeLocal } from './local-recognizer';
import { at } from './test-helpers';

const ctx = at('2026-11-22T09:00:00', 'Europe/Berlin');
const params = (text: string) => recognizeLocal(text, ctx).params;

describe('create_alarm labels', () => {
  it.each([
    ['set an alarm for 6:30 am for my meeting', 'meeting'],
    ['set a gym alarm for 5:45 am tomorrow', 'gym'],
    ['set an alarm called medicine at 9 pm', 'medicine'],
    ['set an alarm for 5 pm labelled taxi', 'taxi'],
    ['set an alarm to take my pills at 8 pm', 'take my pills'],
    ['set an alarm for the school run at 7 am', 'school run'],
    ['wake me up at 6 am for work', 'work'],
  ])('%s -> %s', (text, label) => {
    expect(params(text).label).toBe(label);
  });

  it('has no label when only a time and a day are said', () => {
    expect(params('set an alarm for 7 am tomorrow').label).toBeUndefined();
    expect(params('set a wake up alarm for tomorrow morning at 6').label).toBeUndefined();
    expect(params('set an alarm for every weekday at 6 am').label).toBeUndefined();
  });
});

describe('update_alarm', () => {
  it('separates the alarm to change from the new time', () => {
    expect(params('change my 7 am alarm to 8')).toEqual({ targetTime: '07:00', time: '08:00' });
    expect(params('move my alarm from 6:30 to 7')).toMatchObject({ targetTime: '06:30', time: '07:00' });
    expect(params('move my gym alarm to 6:30')).toMatchObject({ targetLabel: 'gym', time: '06:30' });
  });
  it('renames', () => {
    expect(params('rename my 7 am alarm to gym')).toMatchObject({ targetTime: '07:00', label: 'gym' });
    expect(params('rename the gym alarm to yoga')).toMatchObject({ targetLabel: 'gym', label: 'yoga' });
  });
  it('turns on and off', () => {
    expect(params('turn off my 6 am alarm')).toMatchObject({ targetTime: '06:00', enabled: false });
    expect(params('turn my gym alarm on')).toMatchObject({ targetLabel: 'gym', enabled: true });
    expect(params('disable the weekday alarm')).toMatchObject({ enabled: false, repeat: ['mon', 'tue', 'wed', 'thu', 'fri'] });
  });
});

describe('delete_alarm and list_alarms selectors', () => {
  it('all', () => {
    expect(params('delete all my alarms')).toEqual({ all: true });
    expect(params('remove alarms set for tomorrow')).toEqual({ all: true, date: '2026-11-23' });
  });
  it('by time, label, day', () => {
    expect(params('cancel the seven am alarm')).toEqual({ targetTime: '07:00' });
    expect(params('delete the gym alarm')).toEqual({ targetLabel: 'gym' });
    expect(params('delete my alarm for tomorrow')).toEqual({ date: '2026-11-23' });
  });
  it('list filters', () => {
    expect(params('do i have any alarms tomorrow')).toEqual({ date: '2026-11-23' });
    expect(params('is my school alarm set')).toEqual({ targetLabel: 'school' });
  });
});

describe('snooze_alarm', () => {
  it('minutes', () => {
    expect(params('snooze for 10 minutes')).toEqual({ minutes: 10 });
    expect(params('give me five more minutes')).toEqual({ minutes: 5 });
    expect(params('snooze')).toEqual({});
  });
});

describe('extractAlarmParams (answers to a question)', () => {
  it('"at 7" gives the time and a note, no invented date', () => {
    const r = extractAlarmParams('at 7', at('2026-11-22T19:00:00', 'Europe/Berlin'));
    expect(r.params).toEqual({ time: '07:00' });
    expect(r.notes).toEqual(['I took 7 as 7:00 AM.']);
  });
  it('"tomorrow"', () => {
    expect(extractAlarmParams('tomorrow', ctx).params).toEqual({ date: '2026-11-23' });
  });
  it('"make it 7:15"', () => {
    expect(extractAlarmParams('make it 7:15', ctx).params.time).toMatch(/^(07|19):15$/);
    expect(extractAlarmParams('make it 7:15', ctx, { time: '06:30' }).params).toEqual({ time: '07:15' });
  });
  it('"call it gym" and a bare name', () => {
    expect(extractAlarmParams('call it gym', ctx).params).toEqual({ label: 'gym' });
    expect(extractAlarmParams('gym', ctx).params).toEqual({ label: 'gym' });
    expect(extractAlarmParams('for my meeting', ctx).params).toEqual({ label: 'meeting' });
    expect(extractAlarmParams('yes', ctx).params).toEqual({});
  });
  it('"weekdays"', () => {
    expect(extractAlarmParams('weekdays', ctx).params).toEqual({ repeat: ['mon', 'tue', 'wed', 'thu', 'fri'] });
  });
  it('a lone number is a time', () => {
    expect(extractAlarmParams('7', ctx, { date: '2026-11-27' }).params).toEqual({ time: '07:00' });
  });
  it('reads the time against the day already chosen', () => {
    // 9 on the same day (already 09:00 now) would be 21:00; on Friday the alarm default is 9 AM.
    expect(extractAlarmParams('at 9', ctx, { date: '2026-11-27' }).params).toEqual({ time: '09:00' });
    expect(extractAlarmParams('at 9', ctx, { repeat: ['sat'] }).params).toEqual({ time: '09:00' });
  });
  it('relative answers give date and time', () => {
    expect(extractAlarmParams('in 20 minutes', ctx).params).toEqual({ time: '09:20', date: '2026-11-22' });
  });
  it('turn it off', () => {
    expect(extractAlarmParams('turn it off', ctx).params).toEqual({ enabled: false });
  });
});
