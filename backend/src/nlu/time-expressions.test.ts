import { recognizeLocal } from './local-recognizer';
import { at } from './test-helpers';

/** Sunday 22 Nov 2026, 09:00 UTC unless a test says otherwise. */
const morning = at('2026-11-22T09:00:00');

function when(text: string, ctx = morning) {
  const r = recognizeLocal(text, ctx);
  return { intent: r.intent, time: r.params.time ?? null, date: r.params.date ?? null, repeat: r.params.repeat ?? null, notes: r.notes };
}

describe('clock times as people say them', () => {
  it.each([
    ['set an alarm for 5:30 am', '05:30'],
    ['set an alarm for five thirty am', '05:30'],
    ['wake me up at six thirty in the morning', '06:30'],
    ['alarm at seven fifteen in the morning', '07:15'],
    ['set an alarm for half past seven in the morning', '07:30'],
    ['set an alarm for quarter to eight am', '07:45'],
    ['set an alarm for ten past six am', '06:10'],
    ['set an alarm for noon', '12:00'],
    ['set an alarm for six o\'clock in the evening', '18:00'],
    ['set an alarm for 18:45', '18:45'],
    ['set an alarm for nineteen hundred hours', '19:00'],
    ['set an alarm for seven oh five am', '07:05'],
    ['set an alarm for 7pm', '19:00'],
    ['set an alarm for 7 p.m.', '19:00'],
    ['set an alarm for twelve thirty pm', '12:30'],
    ['set an alarm for twelve am', '00:00'],
    ['alarm seven tomorrow morning', '07:00'],
    ['set an alarm for half seven in the morning', '07:30'],
    ['set an alarm for 0630', '06:30'],
  ])('%s -> %s', (text, time) => {
    const r = when(text);
    expect(r.intent).toBe('create_alarm');
    expect(r.time).toBe(time);
  });

  it('midnight is the coming midnight', () => {
    expect(when('set an alarm for midnight')).toMatchObject({ time: '00:00', date: '2026-11-23' });
  });

  it('reads "six o\'clock" and "seven fifteen" without am/pm as the next occurrence, with a note', () => {
    expect(when('set an alarm for six o\'clock')).toMatchObject({ time: '18:00', date: '2026-11-22', notes: ['I took 6 as 6:00 PM.'] });
    expect(when('set an alarm for seven fifteen')).toMatchObject({ time: '19:15', date: '2026-11-22' });
    expect(when('set an alarm for six thirty', at('2026-11-22T05:00:00'))).toMatchObject({ time: '06:30', date: '2026-11-22' });
  });
});

describe('am/pm ambiguity', () => {
  it('"at 7" at 19:00 is 7 AM tomorrow, and says so', () => {
    const r = when('set an alarm at 7', at('2026-11-25T19:00:00'));
    expect(r).toMatchObject({ time: '07:00', date: '2026-11-26' });
    expect(r.notes).toContain('I took 7 as 7:00 AM.');
  });

  it('"wake me up at 6:30 tomorrow" is 6:30 AM without a note (waking up is the reading, not a guess)', () => {
    const r = when('wake me up at 6:30 tomorrow', at('2026-11-25T19:00:00'));
    expect(r).toMatchObject({ time: '06:30', date: '2026-11-26' });
    expect(r.notes).toEqual([]);
    // the same hour without the wake-up words is still a stated guess
    expect(when('set an alarm for 6:30 tomorrow', at('2026-11-25T19:00:00')).notes).toContain('I took 6:30 as 6:30 AM.');
  });

  it('"at 9" at 15:00 is 9 PM today', () => {
    const r = when('set an alarm at 9', at('2026-11-25T15:00:00'));
    expect(r).toMatchObject({ time: '21:00', date: '2026-11-25' });
    expect(r.notes).toContain('I took 9 as 9:00 PM.');
  });

  it('waking up means morning', () => {
    expect(when('wake me up at 8', at('2026-11-25T09:30:00'))).toMatchObject({ time: '08:00', date: '2026-11-26' });
  });

  it('morning, afternoon, evening, tonight and pm decide', () => {
    expect(when('set an alarm for 7 in the morning', at('2026-11-25T19:00:00'))).toMatchObject({ time: '07:00', date: '2026-11-26', notes: [] });
    expect(when('set an alarm for 3 in the afternoon')).toMatchObject({ time: '15:00', date: '2026-11-22' });
    expect(when('set an alarm for 8 this evening')).toMatchObject({ time: '20:00', date: '2026-11-22' });
    expect(when('set an alarm tonight at 9')).toMatchObject({ time: '21:00', date: '2026-11-22' });
    expect(when('set an alarm for 10 at night')).toMatchObject({ time: '22:00' });
    expect(when('set an alarm for 11 pm')).toMatchObject({ time: '23:00', date: '2026-11-22', notes: [] });
  });

  it('another day without am/pm uses the alarm default (morning for 5-11)', () => {
    expect(when('set an alarm for tomorrow at 8')).toMatchObject({ time: '08:00', date: '2026-11-23' });
    expect(when('set an alarm for friday at 3')).toMatchObject({ time: '15:00', date: '2026-11-27' });
  });
});

describe('relative times give a date and a time', () => {
  it('in twenty minutes', () => {
    expect(when('set an alarm in twenty minutes')).toMatchObject({ time: '09:20', date: '2026-11-22' });
  });
  it('in an hour and a half', () => {
    expect(when('set an alarm in an hour and a half')).toMatchObject({ time: '10:30', date: '2026-11-22' });
  });
  it('crosses midnight', () => {
    expect(when('set an alarm in two hours', at('2026-11-22T23:30:00'))).toMatchObject({ time: '01:30', date: '2026-11-23' });
  });
  it('five minutes from now / half an hour', () => {
    expect(when('set an alarm for five minutes from now')).toMatchObject({ time: '09:05' });
    expect(when('set an alarm in half an hour')).toMatchObject({ time: '09:30' });
  });
});

describe('days', () => {
  it('tomorrow', () => {
    expect(when('set an alarm for tomorrow at 6 am')).toMatchObject({ time: '06:00', date: '2026-11-23' });
    expect(when('set an alarm for tomorrow')).toMatchObject({ time: null, date: '2026-11-23' });
  });
  it('next friday (the coming Friday)', () => {
    expect(when('set an alarm next friday at 9 am')).toMatchObject({ time: '09:00', date: '2026-11-27' });
  });
  it('on the 3rd is the next 3rd of a month', () => {
    expect(when('set an alarm on the 3rd at 7 am')).toMatchObject({ time: '07:00', date: '2026-12-03' });
    expect(when('set an alarm on the third at 7 am')).toMatchObject({ date: '2026-12-03' });
  });
  it('month names go through chrono-node', () => {
    expect(when('set an alarm on the twenty fifth of may at 5 pm')).toMatchObject({ time: '17:00', date: '2027-05-25' });
    expect(when('set an alarm for december 3rd at 6 am')).toMatchObject({ time: '06:00', date: '2026-12-03' });
  });
  it('a bare time already passed today is tomorrow', () => {
    expect(when('set an alarm for 8 am')).toMatchObject({ time: '08:00', date: '2026-11-23' });
    expect(when('set an alarm for 10 am')).toMatchObject({ time: '10:00', date: '2026-11-22' });
  });
  it('"today" with a passed time moves to tomorrow and says so', () => {
    const r = when('set an alarm for 8 am today');
    expect(r).toMatchObject({ time: '08:00', date: '2026-11-23' });
    expect(r.notes.join(' ')).toMatch(/already passed/);
  });
  it('today\'s weekday with a passed time is next week', () => {
    expect(when('set an alarm on sunday at 7 am')).toMatchObject({ date: '2026-11-29' });
  });
});

describe('repeats', () => {
  it.each([
    ['set an alarm for 7 am on weekdays', ['mon', 'tue', 'wed', 'thu', 'fri']],
    ['set an alarm for 7 am every weekday', ['mon', 'tue', 'wed', 'thu', 'fri']],
    ['set an alarm for 9 am on weekends', ['sat', 'sun']],
    ['set a daily alarm at 6 am', ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun']],
    ['wake me at 6 am every day', ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun']],
    ['set an alarm every monday at 6 am', ['mon']],
    ['set an alarm at 6 am on mondays and thursdays', ['mon', 'thu']],
    ['set an alarm for monday wednesday and friday at 6 am', ['mon', 'wed', 'fri']],
    ['set an alarm monday through thursday at 6 am', ['mon', 'tue', 'wed', 'thu']],
  ])('%s', (text, repeat) => {
    const r = when(text);
    expect(r.repeat).toEqual(repeat);
    expect(r.date).toBeNull();
    expect(r.time).not.toBeNull();
  });
});

describe('daylight saving time', () => {
  it('Europe/Berlin 2026-03-29: 2:30 AM does not exist, moved to 3:30 AM with a note', () => {
    const r = when('set an alarm for 2:30 am tomorrow', at('2026-03-28T22:00:00', 'Europe/Berlin'));
    expect(r).toMatchObject({ time: '03:30', date: '2026-03-29' });
    expect(r.notes.join(' ')).toMatch(/2:30 AM doesn't exist on Sun 29 Mar .* 3:30 AM/);
  });
  it('Europe/Berlin 2026-10-25: 2:30 AM happens twice, noted', () => {
    const r = when('set an alarm for 2:30 am', at('2026-10-24T23:00:00', 'Europe/Berlin'));
    expect(r).toMatchObject({ time: '02:30', date: '2026-10-25' });
    expect(r.notes.join(' ')).toMatch(/happens twice/);
  });
  it('Europe/Berlin: "in an hour" across the spring gap is one real hour', () => {
    expect(when('set an alarm in an hour', at('2026-03-29T01:30:00', 'Europe/Berlin'))).toMatchObject({ time: '03:30', date: '2026-03-29' });
  });
  it('America/New_York 2026-03-08: 2:15 AM moved to 3:15 AM', () => {
    const r = when('wake me up at 2:15 am on sunday', at('2026-03-06T12:00:00', 'America/New_York'));
    expect(r).toMatchObject({ time: '03:15', date: '2026-03-08' });
    expect(r.notes.join(' ')).toMatch(/clocks go forward/);
  });
  it('America/New_York 2026-11-01: 1:30 AM happens twice, noted', () => {
    const r = when('set an alarm for 1:30 am tomorrow', at('2026-10-31T20:00:00', 'America/New_York'));
    expect(r).toMatchObject({ time: '01:30', date: '2026-11-01' });
    expect(r.notes.join(' ')).toMatch(/happens twice/);
  });
  it('a weekly alarm whose next ring falls in the gap says so', () => {
    const r = when('set an alarm every sunday at 2:30 am', at('2026-03-27T12:00:00', 'Europe/Berlin'));
    expect(r).toMatchObject({ time: '02:30', repeat: ['sun'] });
    expect(r.notes.join(' ')).toMatch(/clocks go forward/);
  });
});
