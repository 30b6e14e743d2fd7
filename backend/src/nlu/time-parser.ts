/**
 * Finds clock times, relative durations and parts of the day in normalised text (see
 * normalize.ts: numbers are digits already). Nothing here knows the clock or the zone;
 * resolve.ts turns these mentions into "HH:MM" and dates.
 */

export type Meridiem = 'am' | 'pm';
export type PartOfDay = 'morning' | 'afternoon' | 'evening' | 'night';

export interface Span {
  start: number;
  end: number;
}

export interface ClockMention extends Span {
  kind: 'clock';
  hour: number;
  minute: number;
  /** Stated am/pm ("7 pm"); null when the words do not say. */
  meridiem: Meridiem | null;
  /** True when the hour can only be read one way (0, 13-23, "noon", "19:00"). */
  fixed: boolean;
  text: string;
}

export interface RelativeMention extends Span {
  kind: 'relative';
  minutes: number;
  /** "for 10 minutes" is weaker evidence of "from now" than "in 10 minutes". */
  weak: boolean;
}

export interface PodMention extends Span {
  kind: 'pod';
  pod: PartOfDay;
}

const DUR =
  '(?:(?:an?|\\d+|half an?|a couple of|couple of|a few)(?: and a half)? (?:minutes?|hours?)(?: and (?:a half|a quarter|\\d+ minutes?))?)';
const RE_IN = new RegExp(`\\b(?:in|after|within) (?:another |about |around )?(${DUR})`, 'g');
const RE_FROM_NOW = new RegExp(`\\b(${DUR}) (?:from now|later|from this moment)\\b`, 'g');
const RE_FOR_DUR = new RegExp(`\\b(?:for|snooze(?: it)?|give me|another) (?:another )?(${DUR})`, 'g');
const RE_DUR_PART = /(\d+|an?|half an?|a couple of|couple of|a few)( and a half)? (minute|hour)s?/g;

const RE_COLON = /\b([01]?\d|2[0-3]):([0-5]\d)(?: (am|pm))?\b/g;
const RE_PAST = /\b(half|quarter|\d{1,2})(?: minutes)? (?:past|after) (\d{1,2})(?: oclock)?(?: (am|pm))?\b/g;
const RE_TO = /\b(quarter|\d{1,2})( minutes)? (to|till|til|before|of) (\d{1,2})(?: oclock)?(?: (am|pm))?\b/g;
const RE_HALF_H = /\bhalf ([1-9]|1[0-2])(?: (am|pm))?\b(?! (?:hours?|minutes?|days?|of)\b)/g;
const RE_HM =
  /\b([01]?\d|2[0-3]) ([0-5]\d)(?: (am|pm|oclock))?\b(?! (?:minutes|hours|seconds|days|weeks|months|years|percent|degrees|st|nd|rd|th)\b)/g;
const RE_HHMM = /\b(\d{3,4})(?: (am|pm|hours|oclock))?\b/g;
const RE_AMPM = /\b(\d{1,2})(?: oclock)? (am|pm)\b/g;
const RE_OCLOCK = /\b(\d{1,2}) (?:oclock|hundred hours|hundred)\b/g;
const RE_AT_HOURS = /\bat (\d{1,2}) hours\b/g;
const RE_NOON = /\b(?:12 )?(noon|midday|midnight)\b/g;
const RE_BARE =
  /\b(?:at|for|to|until|till|til|by|around|about|from|it|@) (\d{1,2})\b(?! (?:minutes|hours|days|weeks|months|years|seconds|percent|people|persons|times|alarms|of|st|nd|rd|th|more|degrees|songs|items)\b)/g;
const RE_ALARM_N = /\balarms? (\d{1,2})(?= (?:tomorrow|today|tonight|in the|this|on|every|next|morning|evening|afternoon|night|please)\b)/g;
const RE_BEFORE_ALARM = /\b(?:my|the|that|this|a|an) (\d{1,2}) (?:alarm|one)\b/g;
const RE_ONLY_NUMBER = /^(?:at |for |to )?(\d{1,2})(?: please)?$/;
const RE_POD = /\b(morning|afternoon|evening|night|tonight)\b/g;

const TIME_CONTEXT = /(?:^|\b(?:at|for|to|until|till|by|around|alarm|from|set|it) )$/;

function durationMinutes(text: string): number {
  let total = 0;
  RE_DUR_PART.lastIndex = 0;
  for (const m of text.matchAll(RE_DUR_PART)) {
    const q = m[1];
    let n = /^\d+$/.test(q) ? Number(q) : q.startsWith('half') ? 0.5 : q.includes('couple') ? 2 : q === 'a few' ? 3 : 1;
    if (m[2]) n += 0.5;
    total += m[3] === 'hour' ? n * 60 : n;
  }
  if (/\b(?:hours?|minutes?) and a half\b/.test(text)) total += /hours? and a half/.test(text) ? 30 : 0.5;
  if (/\bhours? and a quarter\b/.test(text)) total += 15;
  return Math.round(total);
}

export interface TimeScan {
  clocks: ClockMention[];
  relatives: RelativeMention[];
  pods: PodMention[];
  spans: Span[];
}

export function overlaps(spans: Span[], start: number, end: number): boolean {
  for (const s of spans) if (start < s.end && end > s.start) return true;
  return false;
}

function clock(
  out: TimeScan,
  m: RegExpMatchArray,
  hour: number,
  minute: number,
  meridiem: string | undefined | null,
  start = m.index ?? 0,
  end = start + m[0].length,
): void {
  if (overlaps(out.spans, start, end)) return;
  if (!(hour >= 0 && hour <= 23 && minute >= 0 && minute <= 59)) return;
  const mer = meridiem === 'am' || meridiem === 'pm' ? meridiem : null;
  if (mer && (hour === 0 || hour > 12)) return;
  const fixed = mer !== null || hour === 0 || hour > 12;
  out.clocks.push({ kind: 'clock', hour, minute, meridiem: mer, fixed, start, end, text: m[0] });
  out.spans.push({ start, end });
}

/** Scans for times. `slotAnswer` allows a lone number ("7") to be a time. */
export function scanTimes(s: string, slotAnswer = false): TimeScan {
  const out: TimeScan = { clocks: [], relatives: [], pods: [], spans: [] };
  const rel = (m: RegExpMatchArray, group: string, weak: boolean) => {
    const start = m.index ?? 0;
    const end = start + m[0].length;
    if (overlaps(out.spans, start, end)) return;
    const minutes = durationMinutes(group);
    if (minutes <= 0 || (weak && minutes > 12 * 60) || minutes > 7 * 24 * 60) return;
    out.relatives.push({ kind: 'relative', minutes, weak, start, end });
    out.spans.push({ start, end });
  };
  for (const m of s.matchAll(RE_IN)) rel(m, m[1], false);
  for (const m of s.matchAll(RE_FROM_NOW)) rel(m, m[1], false);
  for (const m of s.matchAll(RE_FOR_DUR)) rel(m, m[1], true);

  for (const m of s.matchAll(RE_COLON)) clock(out, m, Number(m[1]), Number(m[2]), m[3]);
  for (const m of s.matchAll(RE_PAST)) {
    const mm = m[1] === 'half' ? 30 : m[1] === 'quarter' ? 15 : Number(m[1]);
    if (mm > 0 && mm < 60 && Number(m[2]) <= 12) clock(out, m, Number(m[2]), mm, m[3]);
  }
  for (const m of s.matchAll(RE_TO)) {
    const quarter = m[1] === 'quarter';
    const mm = quarter ? 15 : Number(m[1]);
    const before = s.slice(0, m.index ?? 0);
    if (!quarter && !(m[2] || [5, 10, 20, 25].includes(mm))) continue;
    if (!quarter && m[3] === 'of') continue;
    if (/\b(?:from|between) $/.test(before) || mm >= 30 || mm <= 0) continue;
    const h = Number(m[4]);
    if (h < 1 || h > 12) continue;
    clock(out, m, h === 1 ? 12 : h - 1, 60 - mm, m[5]);
  }
  for (const m of s.matchAll(RE_HALF_H)) clock(out, m, Number(m[1]), 30, m[2]);
  for (const m of s.matchAll(RE_HM)) {
    const start = m.index ?? 0;
    if (/\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]* $/.test(s.slice(0, start))) continue;
    clock(out, m, Number(m[1]), Number(m[2]), m[3]);
  }
  for (const m of s.matchAll(RE_HHMM)) {
    const digits = m[1];
    const start = m.index ?? 0;
    if (!m[2] && !TIME_CONTEXT.test(s.slice(0, start))) continue;
    const h = Number(digits.slice(0, digits.length - 2));
    const mm = Number(digits.slice(-2));
    const before = out.clocks.length;
    clock(out, m, h, mm, m[2]);
    // "0630" and "1900 hours" are 24-hour readings.
    if (out.clocks.length > before && (digits.startsWith('0') || m[2] === 'hours')) out.clocks[before].fixed = true;
  }
  for (const m of s.matchAll(RE_AMPM)) {
    const h = Number(m[1]);
    if (h >= 1 && h <= 12) clock(out, m, h, 0, m[2]);
  }
  for (const m of s.matchAll(RE_OCLOCK)) clock(out, m, Number(m[1]), 0, null);
  for (const m of s.matchAll(RE_AT_HOURS)) clock(out, m, Number(m[1]), 0, null);
  for (const m of s.matchAll(RE_NOON)) {
    const before = out.clocks.length;
    clock(out, m, m[1] === 'midnight' ? 0 : 12, 0, null);
    if (out.clocks.length > before) out.clocks[before].fixed = true;
  }
  for (const m of s.matchAll(RE_BARE)) {
    const start = (m.index ?? 0) + m[0].length - m[1].length;
    clock(out, m, Number(m[1]), 0, null, start, start + m[1].length);
  }
  for (const m of s.matchAll(RE_ALARM_N)) {
    const start = (m.index ?? 0) + m[0].length - m[1].length;
    clock(out, m, Number(m[1]), 0, null, start, start + m[1].length);
  }
  for (const m of s.matchAll(RE_BEFORE_ALARM)) {
    const start = (m.index ?? 0) + m[0].indexOf(m[1], m[0].indexOf(' '));
    clock(out, m, Number(m[1]), 0, null, start, start + m[1].length);
  }
  if (slotAnswer && out.clocks.length === 0 && out.relatives.length === 0) {
    const m = s.match(RE_ONLY_NUMBER);
    if (m) clock(out, m, Number(m[1]), 0, null, s.indexOf(m[1]), s.indexOf(m[1]) + m[1].length);
  }
  for (const m of s.matchAll(RE_POD)) {
    const start = m.index ?? 0;
    const pod = (m[1] === 'tonight' ? 'night' : m[1]) as PartOfDay;
    out.pods.push({ kind: 'pod', pod, start, end: start + m[0].length });
  }
  out.clocks.sort((a, b) => a.start - b.start);
  out.relatives.sort((a, b) => a.start - b.start);
  return out;
}

/**
 * Applies a part of the day to an hour said without am/pm. Returns the 24-hour hour, or
 * null when the part of the day does not fit the hour ("9 in the afternoon").
 */
export function applyPartOfDay(hour: number, pod: PartOfDay): number | null {
  switch (pod) {
    case 'morning':
      return hour === 12 ? 0 : hour <= 11 ? hour : null;
    case 'afternoon':
      return hour === 12 ? 12 : hour >= 1 && hour <= 7 ? hour + 12 : null;
    case 'evening':
      return hour >= 3 && hour <= 11 ? hour + 12 : hour === 12 ? 0 : null;
    case 'night':
      if (hour === 12) return 0;
      if (hour >= 1 && hour <= 4) return hour;
      return hour >= 5 && hour <= 11 ? hour + 12 : null;
  }
}

/** 24-hour hour for a stated meridiem. */
export function applyMeridiem(hour: number, mer: Meridiem): number {
  if (mer === 'am') return hour === 12 ? 0 : hour;
  return hour === 12 ? 12 : hour + 12;
}
