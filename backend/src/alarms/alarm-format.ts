import { DateTime } from 'luxon';
import type { Weekday } from '@app/shared';

/** "06:30" -> "6:30 AM". */
export function formatTime12(hhmm: string): string {
  const [h, m] = hhmm.split(':').map(Number);
  const suffix = h < 12 ? 'AM' : 'PM';
  const hour = h % 12 === 0 ? 12 : h % 12;
  return `${hour}:${String(m).padStart(2, '0')} ${suffix}`;
}

const DAY_NAMES: Record<Weekday, string> = { mon: 'Monday', tue: 'Tuesday', wed: 'Wednesday', thu: 'Thursday', fri: 'Friday', sat: 'Saturday', sun: 'Sunday' };

/** "every weekday", "every day", "every Monday and Friday". */
export function describeRepeat(repeat: readonly Weekday[]): string {
  const set = new Set(repeat);
  if (set.size === 7) return 'every day';
  if (set.size === 5 && !set.has('sat') && !set.has('sun')) return 'every weekday';
  if (set.size === 2 && set.has('sat') && set.has('sun')) return 'every weekend';
  const names = repeat.map((d) => DAY_NAMES[d]);
  return `every ${names.length > 1 ? `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}` : names[0]}`;
}

/** "today (Sat 28 Nov)", "tomorrow (Sun 29 Nov)", "on Fri 4 Dec". */
export function describeDate(date: string, timeZone: string, now: Date): string {
  const day = DateTime.fromISO(date, { zone: timeZone });
  const today = DateTime.fromJSDate(now, { zone: timeZone }).startOf('day');
  const diff = Math.round(day.startOf('day').diff(today, 'days').days);
  const short = day.toFormat('ccc d LLL');
  if (diff === 0) return `today (${short})`;
  if (diff === 1) return `tomorrow (${short})`;
  return `on ${short}${day.year !== today.year ? ` ${day.year}` : ''}`;
}

/** "6:30 AM tomorrow (Thu 26 Nov)" or "7:00 AM every weekday". */
export function describeWhen(a: { time: string; date?: string | null; repeat?: readonly Weekday[] | null }, timeZone: string, now: Date): string {
  const time = formatTime12(a.time);
  if (a.repeat?.length) return `${time} ${describeRepeat(a.repeat)}`;
  if (a.date) return `${time} ${describeDate(a.date, timeZone, now)}`;
  return time;
}
