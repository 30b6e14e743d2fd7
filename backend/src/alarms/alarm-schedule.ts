import { DateTime } from 'luxon';
import { WEEKDAYS, type Weekday } from '@app/shared';

/**
 * The next instant an alarm rings after `now`, in its own zone, DST-correct: a wall time
 * that does not exist that day (spring forward) rings at the shifted instant luxon picks.
 * Null for a one-off alarm whose moment has passed.
 */
export function nextFireAt(
  alarm: { time: string; date: string | null; repeat: readonly Weekday[] | null },
  timeZone: string,
  now: Date = new Date(),
): Date | null {
  const [hour, minute] = alarm.time.split(':').map(Number);
  const start = DateTime.fromJSDate(now, { zone: timeZone });
  if (alarm.date) {
    const at = DateTime.fromISO(alarm.date, { zone: timeZone }).set({ hour, minute, second: 0, millisecond: 0 });
    return at > start ? at.toJSDate() : null;
  }
  const days = alarm.repeat?.length ? alarm.repeat : WEEKDAYS;
  for (let offset = 0; offset <= 7; offset++) {
    const day = start.plus({ days: offset }).set({ hour, minute, second: 0, millisecond: 0 });
    const code = WEEKDAYS[day.weekday - 1];
    if (days.includes(code) && day > start) return day.toJSDate();
  }
  return null;
}
