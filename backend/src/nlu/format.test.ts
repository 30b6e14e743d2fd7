import { describeWhen, formatTime12 } from './format';
import { nextOccurrence } from './occurrence';
import { at, wall } from './test-helpers';

describe('formatTime12', () => {
  it.each([
    ['06:30', '6:30 AM'],
    ['00:05', '12:05 AM'],
    ['12:00', '12:00 PM'],
    ['13:45', '1:45 PM'],
    ['23:59', '11:59 PM'],
  ])('%s -> %s', (hhmm, text) => expect(formatTime12(hhmm)).toBe(text));
});

describe('describeWhen', () => {
  it('tomorrow, today, weekdays, other days', () => {
    expect(describeWhen({ time: '06:30', date: '2026-11-26' }, at('2026-11-25T20:00:00', 'Europe/Berlin'))).toBe('6:30 AM tomorrow (Thu 26 Nov)');
    expect(describeWhen({ time: '07:00', repeat: ['mon', 'tue', 'wed', 'thu', 'fri'] }, at('2026-11-25T20:00:00'))).toBe('7:00 AM every weekday');
    expect(describeWhen({ time: '21:00', date: '2026-11-28' }, at('2026-11-28T10:00:00'))).toBe('9:00 PM today (Sat 28 Nov)');
    expect(describeWhen({ time: '08:00', date: '2026-12-04' }, at('2026-11-28T10:00:00'))).toBe('8:00 AM on Fri 4 Dec');
    expect(describeWhen({ time: '08:00', date: '2027-01-04' }, at('2026-11-28T10:00:00'))).toBe('8:00 AM on Mon 4 Jan 2027');
    expect(describeWhen({ time: '08:00', repeat: ['sat', 'sun'] }, at('2026-11-28T10:00:00'))).toBe('8:00 AM every weekend');
    expect(describeWhen({ time: '08:00', repeat: ['mon', 'wed'] }, at('2026-11-28T10:00:00'))).toBe('8:00 AM every Monday and Wednesday');
    expect(describeWhen({ time: '08:00', repeat: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] }, at('2026-11-28T10:00:00'))).toBe('8:00 AM every day');
  });
  it('without date or repeat names the next occurrence', () => {
    expect(describeWhen({ time: '07:00' }, at('2026-11-28T19:00:00'))).toBe('7:00 AM tomorrow (Sun 29 Nov)');
    expect(describeWhen({ time: '21:00' }, at('2026-11-28T19:00:00'))).toBe('9:00 PM today (Sat 28 Nov)');
  });
});

describe('nextOccurrence', () => {
  const berlin = 'Europe/Berlin';
  const ny = 'America/New_York';

  it('one-off: that instant, or null once passed', () => {
    expect(wall(nextOccurrence('06:30', '2026-11-26', null, at('2026-11-25T20:00:00', berlin)), berlin)).toBe('2026-11-26T06:30+01:00');
    expect(nextOccurrence('06:30', '2026-11-25', null, at('2026-11-25T20:00:00', berlin))).toBeNull();
  });
  it('no date: today if still ahead, else tomorrow', () => {
    expect(wall(nextOccurrence('21:00', null, null, at('2026-11-25T20:00:00', berlin)), berlin)).toBe('2026-11-25T21:00+01:00');
    expect(wall(nextOccurrence('07:00', null, null, at('2026-11-25T20:00:00', berlin)), berlin)).toBe('2026-11-26T07:00+01:00');
  });
  it('repeat: the next listed weekday', () => {
    // Wed 25 Nov 2026, 20:00: next weekday 07:00 is Thu 26th; next weekend one is Sat 28th.
    expect(wall(nextOccurrence('07:00', null, ['mon', 'tue', 'wed', 'thu', 'fri'], at('2026-11-25T20:00:00', berlin)), berlin)).toBe('2026-11-26T07:00+01:00');
    expect(wall(nextOccurrence('07:00', null, ['sat', 'sun'], at('2026-11-25T20:00:00', berlin)), berlin)).toBe('2026-11-28T07:00+01:00');
    expect(wall(nextOccurrence('21:00', null, ['wed'], at('2026-11-25T20:00:00', berlin)), berlin)).toBe('2026-11-25T21:00+01:00');
    expect(wall(nextOccurrence('19:00', null, ['wed'], at('2026-11-25T20:00:00', berlin)), berlin)).toBe('2026-12-02T19:00+01:00');
  });
  it('Europe/Berlin spring forward (2026-03-29): 02:30 rings at 03:30 CEST', () => {
    expect(wall(nextOccurrence('02:30', '2026-03-29', null, at('2026-03-28T22:00:00', berlin)), berlin)).toBe('2026-03-29T03:30+02:00');
    expect(wall(nextOccurrence('02:30', null, ['sun'], at('2026-03-28T22:00:00', berlin)), berlin)).toBe('2026-03-29T03:30+02:00');
  });
  it('Europe/Berlin fall back (2026-10-25): 02:30 rings at the first 02:30 (CEST)', () => {
    expect(wall(nextOccurrence('02:30', '2026-10-25', null, at('2026-10-24T22:00:00', berlin)), berlin)).toBe('2026-10-25T02:30+02:00');
    // A daily 07:00 alarm keeps its wall time across the change.
    expect(wall(nextOccurrence('07:00', null, ['sun'], at('2026-10-24T22:00:00', berlin)), berlin)).toBe('2026-10-25T07:00+01:00');
  });
  it('America/New_York spring forward (2026-03-08) and fall back (2026-11-01)', () => {
    expect(wall(nextOccurrence('02:15', '2026-03-08', null, at('2026-03-07T22:00:00', ny)), ny)).toBe('2026-03-08T03:15-04:00');
    expect(wall(nextOccurrence('01:30', '2026-11-01', null, at('2026-10-31T22:00:00', ny)), ny)).toBe('2026-11-01T01:30-04:00');
    expect(wall(nextOccurrence('07:00', null, ['sun'], at('2026-10-31T22:00:00', ny)), ny)).toBe('2026-11-01T07:00-05:00');
  });
  it('between the two 01:30s the second one is next', () => {
    // 01:45 EDT on 1 Nov: the first 01:30 has passed, 01:30 EST is still ahead.
    const ctx = { now: new Date('2026-11-01T05:45:00Z'), timeZone: ny };
    expect(nextOccurrence('01:30', null, null, ctx)?.toISOString()).toBe('2026-11-01T06:30:00.000Z');
  });
});
