/**
 * The local recogniser: grammar rules for the intent, then parameters for that intent.
 * Synchronous and allocation-light; chrono-node only runs when a date word is present.
 */
import type { IntentParams } from '@app/shared';
import type { IntentRecognizer, NluContext, Recognition } from './nlu.types';
import { normalizeText } from './normalize';
import { classify, isBareTime, type TimeProbe } from './intent-rules';
import { paramsFor, scanText, slotParams, type Scan } from './params';

const ALARM_INTENTS = new Set(['create_alarm', 'list_alarms', 'delete_alarm', 'update_alarm', 'snooze_alarm']);

/** Recognises intent and parameters in one utterance. */
export function recognizeLocal(text: string, ctx: NluContext): Recognition {
  const norm = normalizeText(text);
  let scan: Scan | null = null;
  const getScan = (): Scan => (scan ??= scanText(norm, ctx));
  const probe: TimeProbe = {
    bareTime: () => {
      if (norm.split(' ').length > 8) return false;
      const s = getScan();
      if (s.times.clocks.length === 0 && s.times.relatives.length === 0) return false;
      return isBareTime(s.masked.split(' '));
    },
    hasWhen: () => {
      const s = getScan();
      return s.times.clocks.length + s.times.relatives.length + s.dates.dates.length + s.dates.repeats.length > 0;
    },
  };
  const guess = classify(norm, probe);
  if (guess.rule === 'bare-time') {
    // Only a time: not a request yet, but keep what it says for the clarifying question.
    const { params, notes } = paramsFor('create_alarm', getScan(), ctx);
    return { intent: 'none', confidence: guess.confidence, params, notes, provider: 'local' };
  }
  if (!ALARM_INTENTS.has(guess.intent)) {
    return { intent: guess.intent, confidence: guess.confidence, params: {}, notes: [], provider: 'local' };
  }
  const { params, notes } = paramsFor(guess.intent, getScan(), ctx);
  return { intent: guess.intent, confidence: guess.confidence, params, notes, provider: 'local' };
}

/**
 * Parameters from an answer to a question about a missing parameter ("at 7", "tomorrow",
 * "make it 7:15", "call it gym", "weekdays"). Returns only what the answer states.
 * `current` (optional) holds the parameters collected so far, so "at 7" is read against
 * the day already chosen.
 */
export function extractAlarmParams(
  text: string,
  ctx: NluContext,
  current?: IntentParams,
): { params: IntentParams; notes: string[] } {
  const norm = normalizeText(text);
  return slotParams(scanText(norm, ctx, true), ctx, current);
}

let warmed = false;
const WARM_UP = [
  'set an alarm for 7 am on december 3rd',
  'wake me up at half past six tomorrow',
  'change my 7 alarm to 8 in 3 days',
  'what alarms do i have on 12/24',
  'delete all alarms every monday and friday',
  'what is the weather like next week in paris',
];

/**
 * Runs one date through chrono-node so its first real use does not pay the one-off set-up
 * cost (tens of milliseconds). Called by LocalRecognizer's constructor and the scripts.
 */
export function warmUp(): void {
  if (warmed) return;
  warmed = true;
  const ctx = { now: new Date(0), timeZone: 'UTC' };
  for (const text of WARM_UP) recognizeLocal(text, ctx);
}

/** IntentRecognizer backed by recognizeLocal. */
export class LocalRecognizer implements IntentRecognizer {
  readonly name = 'local' as const;

  constructor() {
    warmUp();
  }

  async recognize(text: string, ctx: NluContext): Promise<Recognition> {
    return recognizeLocal(text, ctx);
  }
}
