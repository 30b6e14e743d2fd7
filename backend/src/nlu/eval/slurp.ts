/**
 * SLURP rows for the NLU evaluation: the gold product intent of a row and the gold time
 * of its `[time : ...]` annotation. The gold time reader is deliberately separate from the
 * recogniser's grammar so the evaluation does not grade the parser with itself.
 */
import { DateTime } from 'luxon';
import type { IntentName } from '@app/shared';

export interface SlurpRow {
  slurp_id: number;
  sentence: string;
  sentence_annotation?: string;
  intent: string;
  scenario?: string;
  action?: string;
}

export type GoldIntent = 'create_alarm' | 'list_alarms' | 'delete_alarm' | 'out_of_scope';

/** A few rows carry a truncated intent ("set"); their scenario and action still say it. */
export function slurpIntent(row: SlurpRow): string {
  if (row.intent.includes('_') || !row.scenario || !row.action) return row.intent;
  return `${row.scenario}_${row.action}`;
}

export function goldIntent(row: SlurpRow): GoldIntent {
  switch (slurpIntent(row)) {
    case 'alarm_set':
      return 'create_alarm';
    case 'alarm_query':
      return 'list_alarms';
    case 'alarm_remove':
      return 'delete_alarm';
    default:
      return 'out_of_scope';
  }
}

/** Strict match, and the documented allowance: an alarm_set/alarm_remove row read as update_alarm. */
export function intentMatches(gold: GoldIntent, predicted: IntentName, lenient: boolean): boolean {
  if (gold === 'out_of_scope') return predicted === 'none' || predicted === 'cancel' || predicted === 'resume';
  if (predicted === gold) return true;
  return lenient && predicted === 'update_alarm' && (gold === 'create_alarm' || gold === 'delete_alarm');
}

const NUM: Record<string, number> = {
  zero: 0, oh: 0, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
  eleven: 11, twelve: 12, thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17, eighteen: 18,
  nineteen: 19, twenty: 20, thirty: 30, forty: 40, fifty: 50, a: 1, an: 1,
};

/** Reads a spoken number phrase into a list of numbers ("five thirty" -> [5, 30]). */
function numbers(words: string[]): number[] {
  const out: number[] = [];
  for (let i = 0; i < words.length; i += 1) {
    const w = words[i];
    if (/^\d+$/.test(w)) out.push(Number(w));
    else if (w === 'hundred' && out.length > 0) out[out.length - 1] *= 100;
    else if (w === 'and' && words[i - 1] === 'hundred' && i + 1 < words.length && words[i + 1] in NUM) {
      const n = NUM[words[++i]];
      out[out.length - 1] += n;
    } else if (w in NUM) {
      const n = NUM[w];
      const prev = out.length > 0 ? out[out.length - 1] : null;
      if (prev !== null && prev >= 20 && prev % 10 === 0 && prev < 100 && n < 10 && words[i - 1] in NUM) out[out.length - 1] += n;
      else if (prev !== null && prev >= 100 && prev % 100 === 0 && words[i - 1] === 'hundred') out[out.length - 1] += n;
      else out.push(n);
    }
  }
  return out;
}

export interface GoldTime {
  /** Acceptable "HH:MM" readings (two when the annotation leaves am/pm open). */
  accept: string[];
}

const hhmm = (h: number, m: number) => `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`;

/** The gold time of an annotated row, or null when it has no readable time entity. */
export function goldTime(row: SlurpRow, now: DateTime): GoldTime | null {
  const ann = row.sentence_annotation ?? '';
  const m = /\[time : ([^\]]+)\]/.exec(ann);
  if (!m) return null;
  const phrase = m[1].toLowerCase().replace(/[^a-z0-9 ]/g, ' ').replace(/\s+/g, ' ').trim();
  const words = phrase.split(' ');
  const before = ann.slice(0, m.index).toLowerCase();
  const unit = /\b(minutes?|hours?)\b/.exec(phrase);
  const relative = /\bfrom now\b|\blater\b/.test(phrase) || (/\bin\s*$/.test(before) && unit !== null);
  if (relative && unit) {
    const n = numbers(words.filter((w) => w !== 'from' && w !== 'now'))[0] ?? 1;
    const at = now.plus(unit[1].startsWith('hour') ? { hours: n } : { minutes: n });
    return { accept: [hhmm(at.hour, at.minute)] };
  }
  let h: number;
  let min = 0;
  if (/\bnoon\b|\bmidday\b/.test(phrase)) return { accept: ['12:00'] };
  if (/\bmidnight\b/.test(phrase)) return { accept: ['00:00'] };
  const nums = numbers(words);
  if (nums.length === 0) return null;
  const past = /\b(half|quarter) past\b/.exec(phrase);
  const to = /\bquarter to\b/.test(phrase);
  if (past) {
    h = nums[nums.length - 1];
    min = past[1] === 'half' ? 30 : 15;
  } else if (to) {
    h = nums[nums.length - 1] - 1;
    min = 45;
  } else if (nums[0] >= 100) {
    h = Math.floor(nums[0] / 100);
    min = nums[0] % 100;
  } else {
    h = nums[0];
    min = nums[1] ?? 0;
  }
  if (h > 23 || min > 59) return null;
  const rest = `${phrase} ${/\[timeofday : ([^\]]+)\]/.exec(ann)?.[1] ?? ''} ${ann.slice(m.index + m[0].length, m.index + m[0].length + 30)}`;
  let mer: 'am' | 'pm' | null = null;
  if (/\bam\b|\ba m\b|\bmorning\b/.test(rest)) mer = 'am';
  else if (/\bpm\b|\bp m\b|\bevening\b|\bafternoon\b|\bnight\b|\btonight\b/.test(rest)) mer = 'pm';
  if (h === 0 || h > 12) return { accept: [hhmm(h, min)] };
  if (mer === 'am') return { accept: [hhmm(h === 12 ? 0 : h, min)] };
  if (mer === 'pm') return { accept: [hhmm(h === 12 ? 12 : h + 12, min)] };
  return { accept: [hhmm(h === 12 ? 12 : h, min), hhmm(h === 12 ? 0 : h + 12, min)] };
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i];
}
