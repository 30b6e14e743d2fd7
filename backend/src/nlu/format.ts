/** Human wording of times and alarm schedules for replies. */
import { DateTime } from 'luxon';
import type { IntentParams, Weekday } from '@app/shared';
import type { NluContext } from './nlu.types';
import { localNow, nextOccurrence } from './occurrence';

const DAY_LABEL: Record<Weekday, string> = {
  mon: 'Monday', tue: 'Tuesday', wed: 'Wednesday', thu: 'Thursday', fri: 'Friday', sat: 'Saturday', sun: 'Sunday',
};
const ORDER: Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];

/** "06:30" -> "6:30 AM", "00:05" -> "12:05 AM", "12:00" -> "12:00 PM". */
export function formatTime12(hhmm: string): string {
  const m = /^(\d{1,2}):(\d{2})$/.exec(hhmm.trim());
  if (!m) return hhmm;
  const h = Number(m[1]);
  const suffix = h >= 12 ? 'PM' : 'AM';
  const h12 = h % 12 === 0 ? 12 : h % 12;
  return `${h12}:${m[2]} ${suffix}`;
}

/** "Thu 26 Nov", with the year when it is not the current one. */
export function formatDay(day: DateTime, now: DateTime): string {
  return day.year === now.year ? day.toFormat('ccc d LLL') : day.toFormat('ccc d LLL yyyy');
}

function joinWords(words: string[]): string {
  if (words.length <= 1) return words.join('');
  return `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`;
}

/** "every day", "every weekday", "every weekend", "every Monday and Wednesday". */
export function describeRepeat(repeat: Weekday[]): string {
  const set = new Set(repeat);
  const days = ORDER.filter((d) => set.has(d));
  if (days.length === 7) return 'every day';
  if (days.length === 5 && !set.has('sat') && !set.has('sun')) return 'every weekday';
  if (days.length === 2 && set.has('sat') && set.has('sun')) return 'every weekend';
  return `every ${joinWords(days.map((d) => DAY_LABEL[d]))}`;
}

/** "today (Sat 28 Nov)", "tomorrow (Thu 26 Nov)", "on Fri 4 Dec". */
export function describeDay(isoDate: string, ctx: NluContext): string {
  const now = localNow(ctx);
  const day = DateTime.fromISO(isoDate, { zone: ctx.timeZone });
  if (!day.isValid) return `on ${isoDate}`;
  const diff = Math.round(day.startOf('day').diff(now.startOf('day'), 'days').days);
  const label = formatDay(day, now);
  if (diff === 0) return `today (${label})`;
  if (diff === 1) return `tomorrow (${label})`;
  return `on ${label}`;
}

/**
 * A schedule in words: "6:30 AM tomorrow (Thu 26 Nov)", "7:00 AM every weekday",
 * "9:00 PM today (Sat 28 Nov)". Without a date or repeat, the next occurrence is named.
 */
export function describeWhen(params: IntentParams, ctx: NluContext): string {
  const time = params.time ?? null;
  const repeat = params.repeat && params.repeat.length > 0 ? params.repeat : null;
  let date = params.date ?? null;
  if (!repeat && !date && time) {
    const next = nextOccurrence(time, null, null, ctx);
    if (next) date = DateTime.fromJSDate(next, { zone: ctx.timeZone }).toISODate();
  }
  const when = repeat ? describeRepeat(repeat) : date ? describeDay(date, ctx) : '';
  return [time ? formatTime12(time) : '', when].filter(Boolean).join(' ');
}
