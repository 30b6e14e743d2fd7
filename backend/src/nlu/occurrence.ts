/**
 * Wall-clock arithmetic in the person's zone with luxon: the next time an alarm rings,
 * and how daylight-saving changes affect a local time on a given day.
 */
import { DateTime } from 'luxon';
import { WEEKDAYS, type Weekday } from '@app/shared';
import type { NluContext } from './nlu.types';

export function parseHHMM(hhmm: string): { hour: number; minute: number } {
  const [h, m] = hhmm.split(':').map(Number);
  return { hour: h, minute: m };
}

export function toHHMM(hour: number, minute: number): string {
  return `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;
}

/** The current wall time in ctx.timeZone. */
export function localNow(ctx: NluContext): DateTime {
  return DateTime.fromJSDate(ctx.now, { zone: ctx.timeZone });
}

export type DstKind = 'normal' | 'gap' | 'repeated';

export interface WallTime {
  /** The instant the wall time maps to: for a gap, moved forward by the gap length; for a repeated hour, the first one. */
  at: DateTime;
  kind: DstKind;
  /** For a repeated wall time, the second occurrence (after the clocks went back). */
  second?: DateTime;
}

/**
 * Places hour:minute on the calendar day `day` in its zone. A time that does not exist
 * (clocks go forward) is moved forward by the length of the gap; a time that happens
 * twice (clocks go back) is taken at its first occurrence.
 */
export function placeWallTime(day: DateTime, hour: number, minute: number): WallTime {
  const at = DateTime.fromObject(
    { year: day.year, month: day.month, day: day.day, hour, minute },
    { zone: day.zone },
  );
  if (at.hour !== hour || at.minute !== minute) {
    // luxon keeps the pre-transition offset for a nonexistent time, which lands it after the gap.
    return { at, kind: 'gap' };
  }
  const earlier = at.minus({ hours: 1 });
  if (earlier.hour === hour && earlier.minute === minute && earlier.day === at.day) return { at: earlier, kind: 'repeated', second: at };
  const later = at.plus({ hours: 1 });
  if (later.hour === hour && later.minute === minute && later.day === at.day) return { at, kind: 'repeated', second: later };
  return { at, kind: 'normal' };
}

/** The first ring of hour:minute on `day` strictly after `now`, or null (a repeated hour rings once, the second time only if the first has passed). */
function ringAfter(day: DateTime, hour: number, minute: number, now: DateTime): DateTime | null {
  const placed = placeWallTime(day, hour, minute);
  if (placed.at > now) return placed.at;
  if (placed.second && placed.second > now) return placed.second;
  return null;
}

/** luxon weekday number (1 = Mon) to the wire code. */
export function weekdayCode(luxonWeekday: number): Weekday {
  return WEEKDAYS[luxonWeekday - 1];
}

/**
 * The next instant an alarm rings, strictly after ctx.now, DST-correct in ctx.timeZone.
 * One-off alarms (`date` set) return null once that instant has passed. With neither
 * date nor repeat, the alarm rings at the next occurrence of `time` (today or tomorrow).
 */
export function nextOccurrence(
  time: string,
  date: string | null,
  repeat: Weekday[] | null,
  ctx: NluContext,
): Date | null {
  const { hour, minute } = parseHHMM(time);
  const now = localNow(ctx);
  if (repeat && repeat.length > 0) {
    const days = new Set(repeat);
    for (let k = 0; k <= 7; k += 1) {
      const day = now.startOf('day').plus({ days: k });
      if (!days.has(weekdayCode(day.weekday))) continue;
      const at = ringAfter(day, hour, minute, now);
      if (at) return at.toJSDate();
    }
    return null;
  }
  if (date) {
    const day = DateTime.fromISO(date, { zone: ctx.timeZone });
    if (!day.isValid) return null;
    return ringAfter(day, hour, minute, now)?.toJSDate() ?? null;
  }
  for (let k = 0; k <= 1; k += 1) {
    const at = ringAfter(now.startOf('day').plus({ days: k }), hour, minute, now);
    if (at) return at.toJSDate();
  }
  return placeWallTime(now.startOf('day').plus({ days: 2 }), hour, minute).at.toJSDate();
}
