import { normalizeText, wordsToDigits } from './normalize';
import { scanTimes } from './time-parser';

describe('normalizeText', () => {
  it.each([
    ['Set an alarm for five thirty A.M.!', 'set an alarm for 5 30 am'],
    ["six o'clock", '6 oclock'],
    ['one hundred and thirty', '130'],
    ['nineteen hundred hours', '1900 hours'],
    ['seven oh five', '7 05'],
    ['twenty five minutes', '25 minutes'],
    ['on the twenty fifth of may', 'on the 25th of may'],
    ['on the second', 'on the 2nd'],
    ['wait a second', 'wait a second'],
    ['Hey Siri, wake me at 7am', 'wake me at 7 am'],
    ['Olly set alarm tommorow', 'set alarm tomorrow'],
    ['at 7:30pm', 'at 7:30 pm'],
  ])('%s -> %s', (input, out) => expect(normalizeText(input)).toBe(out));

  it('keeps unit-then-tens apart for hour and minute', () => {
    expect(wordsToDigits(['seven', 'fifteen'])).toEqual(['7', '15']);
    expect(wordsToDigits(['twelve', 'forty', 'five'])).toEqual(['12', '45']);
  });
});

describe('scanTimes', () => {
  const first = (s: string) => {
    const c = scanTimes(normalizeText(s)).clocks[0];
    return c ? { hour: c.hour, minute: c.minute, meridiem: c.meridiem } : null;
  };
  it.each([
    ['half past seven', { hour: 7, minute: 30, meridiem: null }],
    ['quarter to eight', { hour: 7, minute: 45, meridiem: null }],
    ['twenty to six pm', { hour: 5, minute: 40, meridiem: 'pm' }],
    ['at 7', { hour: 7, minute: 0, meridiem: null }],
    ['5:30 am', { hour: 5, minute: 30, meridiem: 'am' }],
    ['noon', { hour: 12, minute: 0, meridiem: null }],
    ['for one hundred and thirty', { hour: 1, minute: 30, meridiem: null }],
    ['four hundred am', { hour: 4, minute: 0, meridiem: 'am' }],
  ])('%s', (s, expected) => expect(first(s)).toEqual(expected));

  it('does not read counts and durations as clock times', () => {
    expect(first('a table for 4 people')).toBeNull();
    expect(first('change my alarm from 6 to 7')?.hour).toBe(6);
    expect(scanTimes(normalizeText('in 2 hours and 15 minutes')).relatives[0].minutes).toBe(135);
    expect(scanTimes(normalizeText('in an hour and a half')).relatives[0].minutes).toBe(90);
    expect(scanTimes(normalizeText('in one and a half hours')).relatives[0].minutes).toBe(90);
  });
});
