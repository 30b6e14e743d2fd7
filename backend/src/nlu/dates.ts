/**
 * Calendar days and repeat patterns in normalised text: "tomorrow", "next friday",
 * "on the 3rd", "25th may" (via chrono-node), "weekdays", "every monday and wednesday".
 */
import * as chrono from 'chrono-node';
import type { DateTime } from 'luxon';
import { WEEKDAYS, type Weekday } from '@app/shared';
import { overlaps, type PartOfDay, type Span } from './time-parser';

export type DateSpec =
  | { type: 'offset'; days: number }
  /** luxon weekday 1 (Mon) .. 7 (Sun); `next` for "next friday". */
  | { type: 'weekday'; weekday: number; next: boolean }
  | { type: 'calendar'; day: number; month: number | null; year: number | null };

export interface DateMention extends Span {
  kind: 'date';
  spec: DateSpec;
  /** "tonight", "this evening" also say which half of the day. */
  pod: PartOfDay | null;
  text: string;
}

export interface RepeatMention extends Span {
  kind: 'repeat';
  days: Weekday[];
}

const DAY_NAMES: Record<string, number> = {
  monday: 1, mon: 1, tuesday: 2, tue: 2, tues: 2, wednesday: 3, wed: 3, weds: 3, thursday: 4,
  thu: 4, thur: 4, thurs: 4, friday: 5, fri: 5, saturday: 6, sat: 6, sunday: 7, sun: 7,
};
const FULL_DAY = /^(?:mon|tues|wednes|thurs|fri|satur|sun)day$/;
const RE_DAY = /\b(monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tues?|weds?|thu|thurs?|fri|sat|sun)(s)?\b/g;
const RE_DAY_SEP = /^(?: ?,? ?(?:and|or|&)? ?)$/;
const RE_DAY_RANGE = /^ (?:to|through|thru|till|until|-) $/;

const ALL_DAYS: Weekday[] = [...WEEKDAYS];
const WORK_DAYS: Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri'];
const WEEKEND: Weekday[] = ['sat', 'sun'];

const REPEAT_PATTERNS: [RegExp, Weekday[]][] = [
  [/\b(?:(?:on|every|each|for|all|during|on the) )?(?:weekdays?|work ?days|working days|business days|school days)\b/g, WORK_DAYS],
  [/\b(?:(?:on|every|each|for|at|during|on the) )?weekends\b|\b(?:every|each) weekend\b/g, WEEKEND],
  [
    /\b(?:every (?:single )?day|daily|each day|every (?:single )?(?:morning|night|evening|afternoon)|each (?:morning|night|evening)|7 days a week|all week|every day of the week)\b/g,
    ALL_DAYS,
  ],
];

const RE_OFFSET: [RegExp, number, PartOfDay | null][] = [
  [/\b(?:the )?day after tomorrow\b/g, 2, null],
  [/\btomorrow\b/g, 1, null],
  [/\btonight\b/g, 0, 'night'],
  [/\bthis (morning|afternoon|evening)\b/g, 0, null],
  [/\btoday\b/g, 0, null],
];
const RE_DOM = /\b(?:on|for|by|until|till) (?:the )?(\d{1,2})(?:st|nd|rd|th)\b(?! (?:of )?(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec))/g;
const RE_CHRONO_TRIGGER =
  /\b(?:(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\b.{0,12}\d|\d{1,2}(?:st|nd|rd|th)? (?:of )?(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b|\d{1,2}\/\d{1,2}|next week|in (?:\d+|a) (?:days?|weeks?)|\d+ (?:days?|weeks?) from|a week from)/;

export interface DateScan {
  dates: DateMention[];
  repeats: RepeatMention[];
}

/** Wall-clock fields of the reference, as chrono-node expects them (zone offset 0). */
function chronoDates(s: string, today: DateTime, taken: Span[], out: DateScan): void {
  const ref = { instant: new Date(Date.UTC(today.year, today.month - 1, today.day, 12)), timezone: 0 };
  for (const r of chrono.casual.parse(s, ref, { forwardDate: true })) {
    const c = r.start;
    if (!c.isCertain('day') && !c.isCertain('month') && !c.isCertain('weekday')) continue;
    const start = r.index;
    const end = r.index + r.text.length;
    if (out.dates.some((d) => start < d.end && end > d.start)) continue;
    if (taken.some((t) => t.start <= start && t.end >= end)) continue;
    const day = c.get('day');
    const month = c.get('month');
    const year = c.get('year');
    if (day == null || month == null || year == null) continue;
    out.dates.push({ kind: 'date', spec: { type: 'calendar', day, month, year }, pod: null, start, end, text: r.text });
  }
}

function scanDayNames(s: string, out: DateScan, taken: Span[]): void {
  const found: { start: number; end: number; day: number; plural: boolean; word: string }[] = [];
  for (const m of s.matchAll(RE_DAY)) {
    const start = m.index ?? 0;
    const end = start + m[0].length;
    if (overlaps(taken, start, end)) continue;
    if (m[2] && !FULL_DAY.test(m[1])) continue;
    found.push({ start, end, day: DAY_NAMES[m[1]], plural: Boolean(m[2]), word: m[1] });
  }
  let i = 0;
  while (i < found.length) {
    const group = [found[i]];
    let range = false;
    while (i + 1 < found.length) {
      const gap = s.slice(found[i].end, found[i + 1].start);
      if (RE_DAY_SEP.test(gap)) group.push(found[++i]);
      else if (RE_DAY_RANGE.test(gap) && group.length === 1) {
        group.push(found[++i]);
        range = true;
      } else break;
    }
    i += 1;
    const start = group[0].start;
    const end = group[group.length - 1].end;
    const before = s.slice(Math.max(0, start - 12), start);
    const every = /\b(?:every|each)(?: single)? $/.test(before);
    const prefixed = /\b(?:on|this|next|coming|for|by|until|till|every|each|the) $/.test(before);
    if (range || every || group.length > 1 || group.some((g) => g.plural)) {
      let days: number[] = group.map((g) => g.day);
      if (range) {
        days = [];
        for (let d = group[0].day; ; d = (d % 7) + 1) {
          days.push(d);
          if (d === group[1].day || days.length > 7) break;
        }
      }
      const set = new Set(days);
      out.repeats.push({ kind: 'repeat', days: ALL_DAYS.filter((_, k) => set.has(k + 1)), start, end });
      continue;
    }
    const g = group[0];
    if (!FULL_DAY.test(g.word) && !prefixed) continue;
    const next = /\bnext $/.test(before);
    const st = /\b(?:on|this|next|coming|for|by|until|till) $/.exec(before);
    out.dates.push({
      kind: 'date',
      spec: { type: 'weekday', weekday: g.day, next },
      pod: null,
      start: st ? start - st[0].length : start,
      end,
      text: s.slice(st ? start - st[0].length : start, end),
    });
  }
}

/** Finds dates and repeats. `taken` are spans already read as times. */
export function scanDates(s: string, taken: Span[], today: DateTime): DateScan {
  const out: DateScan = { dates: [], repeats: [] };
  const used: Span[] = [];
  for (const [re, days] of REPEAT_PATTERNS) {
    for (const m of s.matchAll(re)) {
      const start = m.index ?? 0;
      const end = start + m[0].length;
      if (overlaps(used, start, end)) continue;
      out.repeats.push({ kind: 'repeat', days, start, end });
      used.push({ start, end });
    }
  }
  for (const [re, days, pod] of RE_OFFSET) {
    for (const m of s.matchAll(re)) {
      const start = m.index ?? 0;
      const end = start + m[0].length;
      if (overlaps(used, start, end)) continue;
      const p = pod ?? ((m[1] as PartOfDay | undefined) || null);
      out.dates.push({ kind: 'date', spec: { type: 'offset', days }, pod: p, start, end, text: m[0] });
      used.push({ start, end });
    }
  }
  scanDayNames(s, out, [...taken, ...used]);
  for (const m of s.matchAll(RE_DOM)) {
    const start = m.index ?? 0;
    const end = start + m[0].length;
    if (overlaps(used, start, end)) continue;
    out.dates.push({ kind: 'date', spec: { type: 'calendar', day: Number(m[1]), month: null, year: null }, pod: null, start, end, text: m[0] });
  }
  if (RE_CHRONO_TRIGGER.test(s)) chronoDates(s, today, taken, out);
  out.dates.sort((a, b) => a.start - b.start);
  out.repeats.sort((a, b) => a.start - b.start);
  return out;
}

/**
 * The calendar day a spec names, at the start of that day in `today`'s zone. Returns
 * null for impossible dates ("the 31st" in a 30-day month is moved to the next month
 * that has it).
 */
export function resolveDateSpec(spec: DateSpec, today: DateTime): DateTime | null {
  const base = today.startOf('day');
  switch (spec.type) {
    case 'offset':
      return base.plus({ days: spec.days });
    case 'weekday': {
      let diff = (spec.weekday - base.weekday + 7) % 7;
      if (diff === 0 && spec.next) diff = 7;
      return base.plus({ days: diff });
    }
    case 'calendar': {
      if (spec.month !== null && spec.year !== null) {
        const d = base.set({ year: spec.year, month: spec.month, day: spec.day });
        return d.isValid && d.day === spec.day ? d : null;
      }
      for (let k = 0; k < 13; k += 1) {
        const m = base.plus({ months: k }).startOf('month');
        if (spec.day > (m.daysInMonth ?? 31)) continue;
        const d = m.set({ day: spec.day });
        if (d >= base) return d;
      }
      return null;
    }
  }
}
