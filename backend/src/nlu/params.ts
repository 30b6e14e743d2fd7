/**
 * Parameters per intent from a normalised utterance: the schedule of a new alarm, the
 * selector and new values of an update, the selector of a delete, snooze minutes, and
 * slot-filling answers ("at 7", "tomorrow", "make it 7:15", "call it gym", "weekdays").
 */
import type { IntentName, IntentParams, Weekday } from '@app/shared';
import { WEEKDAYS } from '@app/shared';
import type { NluContext } from './nlu.types';
import { scanTimes, type ClockMention, type PartOfDay, type Span, type TimeScan } from './time-parser';
import { resolveDateSpec, scanDates, type DateMention, type DateScan } from './dates';
import { resolveWhen, selectorTime } from './resolve';
import { localNow } from './occurrence';
import { createLabel, explicitLabel, maskSpans, targetLabel } from './labels';
import { RE_DISABLE, RE_ENABLE } from './intent-rules';

export interface Scan {
  text: string;
  times: TimeScan;
  dates: DateScan;
  masked: string;
}

const RE_DATE_HINT =
  /\b(?:to(?:day|night|morrow)|mon|tue|wed|thu|fri|sat|sun|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|week|weekday|weekend|daily|every|each|\d+(?:st|nd|rd|th)|\d+\/\d+|days?)/;

/** Scans times, then dates and repeats, and masks them for label extraction. */
export function scanText(text: string, ctx: NluContext, slotAnswer = false): Scan {
  const times = scanTimes(text, slotAnswer);
  const dates: DateScan = RE_DATE_HINT.test(text) ? scanDates(text, times.spans, localNow(ctx)) : { dates: [], repeats: [] };
  const spans: Span[] = [...times.spans, ...times.pods, ...dates.dates, ...dates.repeats];
  return { text, times, dates, masked: maskSpans(text, spans) };
}

function unionRepeat(scan: Scan): Weekday[] | null {
  if (scan.dates.repeats.length === 0) return null;
  const set = new Set<Weekday>();
  for (const r of scan.dates.repeats) for (const d of r.days) set.add(d);
  return WEEKDAYS.filter((d) => set.has(d));
}

function podFor(scan: Scan, date: DateMention | null, clock: ClockMention | null): PartOfDay | null {
  if (date?.pod) return date.pod;
  if (scan.times.pods.length === 0) return null;
  if (!clock) return scan.times.pods[0].pod;
  let best = scan.times.pods[0];
  for (const p of scan.times.pods) {
    if (Math.abs(p.start - clock.start) < Math.abs(best.start - clock.start)) best = p;
  }
  return best.pod;
}

const RE_WAKE_CUE = /\bwake|\bawake|\bget (?:me |us )?up\b|\bmorning alarm\b|\b(?:im|i am|be) up (?:at|by|before)\b/;

/** Schedule (time, date, repeat) of a new alarm, with notes. */
function schedule(
  scan: Scan,
  ctx: NluContext,
  clock: ClockMention | null,
  keepInferredDate: boolean,
  reading: { nearTime?: string | null; defaultReading?: boolean } = {},
) {
  const date = scan.dates.dates[0] ?? null;
  const relative = scan.times.relatives[0] ?? null;
  const when = resolveWhen(
    {
      clock,
      relative,
      date,
      repeat: unionRepeat(scan),
      pod: podFor(scan, date, clock),
      wakeUp: RE_WAKE_CUE.test(scan.text),
      ...reading,
    },
    ctx,
  );
  if (!keepInferredDate && !date && !(relative && (!clock || !relative.weak))) when.date = null;
  return when;
}

function setIf<K extends keyof IntentParams>(p: IntentParams, key: K, value: IntentParams[K] | null | undefined): void {
  if (value !== null && value !== undefined) p[key] = value;
}

/** Is this clock the selector of an existing alarm ("my 7 am alarm", "from 7")? */
function isTargetClock(scan: Scan, c: ClockMention): boolean {
  const after = scan.text.slice(c.end, c.end + 24);
  const before = scan.text.slice(Math.max(0, c.start - 8), c.start);
  return /^ (?:(?:am|pm|oclock|in the morning|at night) )?(?:[a-z]+ )?(?:alarm|one)\b/.test(after) || /\bfrom $/.test(before);
}

function selectors(scan: Scan, params: IntentParams, notes: string[], clock: ClockMention | null, ctx: NluContext): void {
  if (clock) {
    const sel = selectorTime(clock, podFor(scan, null, clock));
    params.targetTime = sel.time;
    if (sel.note) notes.push(sel.note);
  }
  setIf(params, 'targetLabel', targetLabel(scan.masked));
  const date = scan.dates.dates[0];
  if (date) {
    const day = resolveDateSpec(date.spec, localNow(ctx));
    if (day) params.date = day.toISODate();
  }
  setIf(params, 'repeat', unionRepeat(scan));
}

const RE_ALL = /\b(?:all|every|everything|each|any)\b/;
const RE_SNOOZE_MIN = /\b(\d+) (?:more )?minutes?\b|\bsnooze (?:it )?(?:for )?(\d+)\b/;

/** Parameters for a recognised intent. */
export function paramsFor(intent: IntentName, scan: Scan, ctx: NluContext): { params: IntentParams; notes: string[] } {
  const params: IntentParams = {};
  const notes: string[] = [];
  const clocks = scan.times.clocks;
  switch (intent) {
    case 'create_alarm': {
      const when = schedule(scan, ctx, clocks[0] ?? null, true);
      setIf(params, 'time', when.time);
      setIf(params, 'date', when.date);
      setIf(params, 'repeat', when.repeat);
      setIf(params, 'label', createLabel(scan.masked));
      notes.push(...when.notes);
      break;
    }
    case 'list_alarms':
      selectors(scan, params, notes, clocks[0] ?? null, ctx);
      break;
    case 'delete_alarm': {
      selectors(scan, params, notes, clocks[0] ?? null, ctx);
      const plural = /\balarms\b/.test(scan.text);
      if (RE_ALL.test(scan.text) || (plural && !params.targetTime && !params.targetLabel)) params.all = true;
      break;
    }
    case 'update_alarm': {
      let target = clocks.find((c) => isTargetClock(scan, c)) ?? null;
      let next = clocks.find((c) => c !== target) ?? null;
      if (!target && clocks.length >= 2) {
        target = clocks[0];
        next = clocks[1];
      }
      if (target) {
        const sel = selectorTime(target, podFor(scan, null, target));
        params.targetTime = sel.time;
        if (sel.note) notes.push(sel.note);
      }
      if (next || scan.dates.dates.length > 0 || scan.dates.repeats.length > 0) {
        const when = schedule(scan, ctx, next, false, { nearTime: params.targetTime ?? null, defaultReading: true });
        setIf(params, 'time', when.time);
        setIf(params, 'date', when.date);
        setIf(params, 'repeat', when.repeat);
        notes.push(...when.notes);
      }
      const label = explicitLabel(scan.masked);
      setIf(params, 'label', label);
      const tl = targetLabel(label ? scan.masked.replace(/\b(?:to|as) [^]*$/, '') : scan.masked);
      if (tl && tl !== label) params.targetLabel = tl;
      if (/\b(?:turn(?:ed)?|switch(?:ed)?|shut) off\b|\b(?:disable|deactivate)\b/.test(scan.text)) params.enabled = false;
      else if (RE_ENABLE.test(scan.text)) params.enabled = true;
      else if (RE_DISABLE.test(scan.text)) params.enabled = false;
      break;
    }
    case 'snooze_alarm': {
      const rel = scan.times.relatives[0];
      const m = RE_SNOOZE_MIN.exec(scan.text);
      const minutes = rel ? rel.minutes : m ? Number(m[1] ?? m[2]) : null;
      if (minutes && minutes > 0 && minutes <= 24 * 60) params.minutes = minutes;
      break;
    }
    default:
      break;
  }
  return { params, notes };
}

/**
 * Parameters from a slot-filling answer. Only what the answer states is returned, so the
 * caller can merge it into the pending intent; `current` (the pending parameters) is used
 * to read the answer, e.g. "at 7" for an alarm already set for Friday.
 */
export function slotParams(scan: Scan, ctx: NluContext, current?: IntentParams): { params: IntentParams; notes: string[] } {
  const params: IntentParams = {};
  const notes: string[] = [];
  const clock = scan.times.clocks[0] ?? null;
  const hasWhen = clock || scan.times.relatives.length > 0 || scan.dates.dates.length > 0 || scan.dates.repeats.length > 0;
  if (hasWhen) {
    let s = scan;
    if (current && !scan.dates.dates.length && !scan.dates.repeats.length && !scan.times.relatives.length) {
      // Read the time against the day the pending alarm already has.
      if (current.repeat && current.repeat.length > 0) {
        s = { ...scan, dates: { dates: [], repeats: [{ kind: 'repeat', days: current.repeat, start: 0, end: 0 }] } };
      } else if (current.date) {
        const d = localNow(ctx).startOf('day');
        const target = d.set({ year: Number(current.date.slice(0, 4)), month: Number(current.date.slice(5, 7)), day: Number(current.date.slice(8, 10)) });
        const days = Math.round(target.diff(d, 'days').days);
        s = { ...scan, dates: { dates: [{ kind: 'date', spec: { type: 'offset', days }, pod: null, start: 0, end: 0, text: current.date }], repeats: [] } };
      }
    }
    const when = schedule(s, ctx, clock, false, { nearTime: current?.time ?? null });
    setIf(params, 'time', when.time);
    if (s === scan) {
      setIf(params, 'date', when.date);
      setIf(params, 'repeat', when.repeat);
    }
    notes.push(...when.notes);
  }
  setIf(params, 'label', explicitLabel(scan.masked) ?? (hasWhen ? null : bareLabel(scan.masked)));
  if (/\b(?:turn(?:ed)?|switch(?:ed)?) (?:it )?off\b|\b(?:disable|deactivate)\b/.test(scan.text)) params.enabled = false;
  else if (/\b(?:turn(?:ed)?|switch(?:ed)?) (?:it )?on\b|\b(?:enable|activate)\b/.test(scan.text)) params.enabled = true;
  return { params, notes };
}

/** "gym", "for the gym" or "call it gym" as a whole answer to "what should I call it?". */
function bareLabel(masked: string): string | null {
  const m = /^((?:(?:call it|name it|label it|for|its for|it is for|just|please)\s)*)(?:my |the |a |an )?([a-z][a-z ]{0,40}?)(?: please)?$/.exec(masked);
  if (!m) return null;
  if (/^(?:yes|no|yeah|nope|ok|okay|sure|none|nothing|skip|cancel|stop|never mind|what|why|how|i|hmm|um)\b/.test(m[2])) return null;
  const words = m[2].split(' ').length;
  return words <= (m[1] ? 4 : 2) ? m[2] : null;
}
