import { DateTime } from 'luxon';
import { goldIntent, goldTime, intentMatches, type SlurpRow } from './slurp';

const now = DateTime.fromISO('2026-11-22T09:00:00', { zone: 'UTC' });
const row = (sentence_annotation: string, intent = 'alarm_set'): SlurpRow => ({ slurp_id: 1, sentence: '', sentence_annotation, intent });

describe('SLURP gold', () => {
  it('maps intents, using scenario/action when the intent is truncated', () => {
    expect(goldIntent(row('x', 'alarm_query'))).toBe('list_alarms');
    expect(goldIntent({ ...row('x', 'set'), scenario: 'alarm', action: 'set' })).toBe('create_alarm');
    expect(goldIntent(row('x', 'calendar_set'))).toBe('out_of_scope');
    expect(intentMatches('create_alarm', 'update_alarm', false)).toBe(false);
    expect(intentMatches('create_alarm', 'update_alarm', true)).toBe(true);
    expect(intentMatches('out_of_scope', 'cancel', false)).toBe(true);
  });

  it('reads annotated times (made-up annotations)', () => {
    expect(goldTime(row('wake me at [time : six am]'), now)?.accept).toEqual(['06:00']);
    expect(goldTime(row('alarm at [time : seven fifteen]'), now)?.accept).toEqual(['07:15', '19:15']);
    expect(goldTime(row('alarm at [time : eight] in the [timeofday : evening]'), now)?.accept).toEqual(['20:00']);
    expect(goldTime(row('alarm for [time : two hundred and fifteen]'), now)?.accept).toEqual(['02:15', '14:15']);
    expect(goldTime(row('alarm [time : ten minutes from now]'), now)?.accept).toEqual(['09:10']);
    expect(goldTime(row('ring in [time : two hours]'), now)?.accept).toEqual(['11:00']);
    expect(goldTime(row('alarm at [time : half past six] pm'), now)?.accept).toEqual(['18:30']);
    expect(goldTime(row('alarm at [time : noon]'), now)?.accept).toEqual(['12:00']);
    expect(goldTime(row('no time here'), now)).toBeNull();
  });
});
