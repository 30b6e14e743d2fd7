/**
 * Turns time and date mentions into alarm parameters in the person's zone: am/pm
 * ambiguity, times already passed, relative times, and daylight-saving gaps. Every
 * judgement call is reported as a note for the reply.
 */
import type { DateTime } from 'luxon';
import type { Weekday } from '@app/shared';
import type { NluContext } from './nlu.types';
import { applyMeridiem, applyPartOfDay, type ClockMention, type PartOfDay, type RelativeMention } from './time-parser';
import { resolveDateSpec, type DateMention } from './dates';
import { localNow, placeWallTime, toHHMM, weekdayCode } from './occurrence';
import { formatDay, formatTime12 } from './format';

export interface WhenInput {
  clock: ClockMention | null;
  relative: RelativeMention | null;
  date: DateMention | null;
  repeat: Weekday[] | null;
  pod: PartOfDay | null;
  /** The person talks about waking up: an hour without am/pm between 4 and 11 is morning. */
  wakeUp: boolean;
  /** Read an am/pm-less time as the reading closest to this "HH:MM" (the alarm being changed). */
  nearTime?: string | null;
  /** Read an am/pm-less time with the alarm default (5-11 morning, 12 noon, 1-4 afternoon) instead of "next". */
  defaultReading?: boolean;
}

export interface When {
  time: string | null;
  date: string | null;
  repeat: Weekday[] | null;
  notes: string[];
}

function spoken(c: ClockMention): string {
  return c.minute === 0 ? String(c.hour) : `${c.hour}:${String(c.minute).padStart(2, '0')}`;
}

/** Hour for an am/pm-less time when there is no clock to compare with (other days, repeats, selectors). */
export function defaultHour(hour: number, wakeUp: boolean): number {
  if (hour === 12) return 12;
  if (wakeUp && hour >= 4) return hour;
  return hour >= 5 ? hour : hour + 12;
}

interface HourChoice {
  hour: number;
  note: string | null;
}

/** The 24-hour hour of a clock mention, without looking at the calendar. */
export function fixedHour(c: ClockMention, pod: PartOfDay | null): number | null {
  if (c.meridiem) return applyMeridiem(c.hour, c.meridiem);
  if (c.fixed) return c.hour;
  if (pod) return applyPartOfDay(c.hour, pod);
  return null;
}

function choose(c: ClockMention, hour: number): HourChoice {
  return { hour, note: `I took ${spoken(c)} as ${formatTime12(toHHMM(hour, c.minute))}.` };
}

/** Hour for a selector such as "my 7 alarm" (no calendar involved). */
export function selectorTime(c: ClockMention, pod: PartOfDay | null): { time: string; note: string | null } {
  const h = fixedHour(c, pod);
  if (h !== null) return { time: toHHMM(h, c.minute), note: null };
  const choice = choose(c, defaultHour(c.hour, true));
  return { time: toHHMM(choice.hour, c.minute), note: choice.note };
}

function pickHour(c: ClockMention, input: WhenInput, now: DateTime, day: DateTime | null): HourChoice {
  const h = fixedHour(c, input.pod);
  if (h !== null) return { hour: h, note: null };
  const am = c.hour === 12 ? 0 : c.hour;
  const pm = c.hour === 12 ? 12 : c.hour + 12;
  if (input.nearTime) {
    const [nh, nm] = input.nearTime.split(':').map(Number);
    const ref = nh * 60 + nm;
    const dist = (h: number) => {
      const d = Math.abs(h * 60 + c.minute - ref);
      return Math.min(d, 1440 - d);
    };
    return choose(c, dist(am) <= dist(pm) ? am : pm);
  }
  // "wake me up at 6:30": a morning hour is what waking up means, not a guess worth a note.
  if (input.wakeUp && c.hour >= 4 && c.hour <= 11) return { hour: am, note: null };
  if (input.defaultReading || input.repeat || (day && !day.hasSame(now, 'day'))) {
    return choose(c, defaultHour(c.hour, input.wakeUp || Boolean(input.defaultReading)));
  }
  // The next sensible occurrence: whichever of the two readings comes first from now.
  const candidates = c.hour === 12 ? [pm, am] : [am, pm];
  let best = candidates[0];
  let bestAt: DateTime | null = null;
  for (const hour of candidates) {
    for (let k = 0; k <= (day ? 0 : 1); k += 1) {
      const at = placeWallTime(now.startOf('day').plus({ days: k }), hour, c.minute).at;
      if (at <= now) continue;
      if (!bestAt || at < bestAt) {
        best = hour;
        bestAt = at;
      }
      break;
    }
  }
  return choose(c, best);
}

function dstNotes(day: DateTime, hour: number, minute: number, now: DateTime): { time: string; notes: string[] } {
  const placed = placeWallTime(day, hour, minute);
  const asked = formatTime12(toHHMM(hour, minute));
  const label = formatDay(day, now);
  if (placed.kind === 'gap') {
    const moved = toHHMM(placed.at.hour, placed.at.minute);
    return {
      time: moved,
      notes: [`${asked} doesn't exist on ${label} because the clocks go forward, so I moved it to ${formatTime12(moved)}.`],
    };
  }
  if (placed.kind === 'repeated') {
    return { time: toHHMM(hour, minute), notes: [`${asked} happens twice on ${label} because the clocks go back; it will ring the first time.`] };
  }
  return { time: toHHMM(hour, minute), notes: [] };
}

/** Resolves mentions into time/date/repeat in ctx.timeZone, with notes. */
export function resolveWhen(input: WhenInput, ctx: NluContext): When {
  const now = localNow(ctx);
  const notes: string[] = [];
  if (input.relative && (!input.clock || !input.relative.weak)) {
    const at = now.plus({ minutes: input.relative.minutes }).plus({ seconds: 30 }).startOf('minute');
    return { time: toHHMM(at.hour, at.minute), date: at.toISODate(), repeat: null, notes };
  }
  const repeat = input.repeat && input.repeat.length > 0 ? input.repeat : null;
  let day: DateTime | null = null;
  let weekdaySpec = false;
  if (!repeat && input.date) {
    day = resolveDateSpec(input.date.spec, now);
    weekdaySpec = input.date.spec.type === 'weekday';
    if (!day) notes.push(`I couldn't find the date "${input.date.text}" on the calendar.`);
  }
  const c = input.clock;
  if (!c) return { time: null, date: day ? day.toISODate() : null, repeat, notes };

  const choice = pickHour(c, input, now, day);
  if (choice.note) notes.push(choice.note);
  const hour = choice.hour;
  if (repeat) {
    // Mention a DST gap only when the next ring falls on it.
    for (let k = 0; k <= 7; k += 1) {
      const d = now.startOf('day').plus({ days: k });
      if (!repeat.includes(weekdayCode(d.weekday))) continue;
      const placed = placeWallTime(d, hour, c.minute);
      if (placed.at <= now) continue;
      if (placed.kind === 'gap') notes.push(...dstNotes(d, hour, c.minute, now).notes);
      break;
    }
    return { time: toHHMM(hour, c.minute), date: null, repeat, notes };
  }
  if (!day) {
    day = now.startOf('day');
    if (placeWallTime(day, hour, c.minute).at <= now) day = day.plus({ days: 1 });
  } else if (placeWallTime(day, hour, c.minute).at <= now) {
    if (input.pod === 'night' && hour < 5) day = day.plus({ days: 1 });
    else if (weekdaySpec) day = day.plus({ days: 7 });
    else if (day.hasSame(now, 'day')) {
      day = day.plus({ days: 1 });
      notes.push(`${formatTime12(toHHMM(hour, c.minute))} has already passed today, so I set it for tomorrow.`);
    } else notes.push(`${formatTime12(toHHMM(hour, c.minute))} on ${formatDay(day, now)} is in the past.`);
  }
  const dst = dstNotes(day, hour, c.minute, now);
  notes.push(...dst.notes);
  return { time: dst.time, date: day.toISODate(), repeat: null, notes };
}
