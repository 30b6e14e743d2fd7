import { isToolIntent, type IntentParams, type ToolIntentName } from '@app/shared';
import type { Recognition } from '../nlu/nlu.types';

/** What the orchestrator will do with a message, decided from the recognition and the chat's state. */
export type Decision =
  | { kind: 'cancel' }
  | { kind: 'resume' }
  | { kind: 'start'; intent: ToolIntentName; params: IntentParams; supersedes: boolean }
  | { kind: 'fill'; params: IntentParams }
  | { kind: 'out_of_scope'; pending: boolean }
  | { kind: 'clarify'; pending: boolean };

function hasAnyParam(p: IntentParams): boolean {
  return Object.values(p).some((v) => v !== undefined && v !== null && !(Array.isArray(v) && v.length === 0));
}

/**
 * The dialogue policy, kept pure so it is easy to test:
 * - "cancel" / "resume" act on the chat's intents;
 * - while an intent waits for parameters, a message that carries parameters fills it
 *   ("at 7", "actually make it 7:15"), unless it clearly asks for something else;
 * - a confident new tool intent starts (superseding a waiting one);
 * - below the confidence threshold we ask rather than guess.
 */
export function decide(
  rec: Recognition,
  active: { intent: string } | undefined,
  extracted: IntentParams,
  minConfidence: number,
): Decision {
  const confident = rec.confidence >= minConfidence;
  if (rec.intent === 'cancel' && confident) return { kind: 'cancel' };
  if (rec.intent === 'resume' && confident) return { kind: 'resume' };
  if (active) {
    const same = rec.intent === active.intent;
    const other = isToolIntent(rec.intent) && !same && confident;
    if (!other && (same || hasAnyParam(extracted))) {
      return { kind: 'fill', params: same ? { ...extracted, ...definedOnly(rec.params) } : extracted };
    }
    if (other && isToolIntent(rec.intent)) return { kind: 'start', intent: rec.intent, params: rec.params, supersedes: true };
    return confident && rec.intent === 'none' ? { kind: 'out_of_scope', pending: true } : { kind: 'clarify', pending: true };
  }
  if (isToolIntent(rec.intent) && confident) return { kind: 'start', intent: rec.intent, params: rec.params, supersedes: false };
  if (rec.intent === 'none' && confident) return { kind: 'out_of_scope', pending: false };
  return { kind: 'clarify', pending: false };
}

function definedOnly(p: IntentParams): IntentParams {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(p)) if (v !== undefined && v !== null) out[k] = v;
  return out as IntentParams;
}

export const CAPABILITIES =
  'I can set alarms ("wake me up at 6:30 tomorrow"), list them, change or turn them off, snooze, and delete them.';
