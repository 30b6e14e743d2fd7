import { IntentParamsSchema } from '@app/shared';
import { describeWhen } from './format';
import { extractAlarmParams, recognizeLocal } from './local-recognizer';
import { nextOccurrence } from './occurrence';

/** Seeded random word salad and random code points: never throws, always schema-valid. */
describe('robustness', () => {
  const WORDS = ('set alarm at 7 am pm tomorrow every monday and for my gym in 20 minutes half past quarter to the 3rd of may ' +
    "12/24 noon midnight turn off on delete all change from snooze wake me up tonight o'clock seven thirty hundred oh five " +
    'weekdays next friday : 30 99 0 13 25:00 1900 hours call it').split(' ');
  const ZONES = ['UTC', 'Europe/Berlin', 'America/New_York', 'Asia/Kolkata', 'Pacific/Chatham'];
  let seed = 12345;
  const rnd = () => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed / 0x7fffffff;
  };

  it('handles 3,000 random inputs', () => {
    for (let i = 0; i < 3000; i += 1) {
      const len = 1 + Math.floor(rnd() * 12);
      const text =
        rnd() < 0.2
          ? Array.from({ length: len * 3 }, () => String.fromCharCode(Math.floor(rnd() * 0x10000))).join('')
          : Array.from({ length: len }, () => WORDS[Math.floor(rnd() * WORDS.length)]).join(' ');
      const ctx = { now: new Date(Date.UTC(2026, 0, 1) + Math.floor(rnd() * 365 * 86_400_000)), timeZone: ZONES[i % ZONES.length] };
      const r = recognizeLocal(text, ctx);
      expect(r.confidence).toBeGreaterThanOrEqual(0);
      expect(r.confidence).toBeLessThanOrEqual(1);
      for (const p of [r.params, extractAlarmParams(text, ctx, r.params).params]) {
        expect(IntentParamsSchema.safeParse(p).success).toBe(true);
        if (p.time) {
          expect(typeof describeWhen(p, ctx)).toBe('string');
          nextOccurrence(p.time, p.date ?? null, p.repeat ?? null, ctx);
        }
      }
    }
  });
});
