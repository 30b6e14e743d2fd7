import type { IntentName, IntentParams } from '@app/shared';

/** What a recogniser needs besides the text: the person's clock and zone. */
export interface NluContext {
  /** The current instant. */
  now: Date;
  /** The person's IANA time zone, e.g. "Europe/Berlin". */
  timeZone: string;
}

/**
 * One recognition: the intent, how sure the recogniser is (0..1), and the parameters it
 * found. `params` uses the same names as the tools (`time` "HH:MM", `date` "YYYY-MM-DD",
 * `repeat`, `label`, plus selectors such as `targetTime` for update/delete).
 */
export interface Recognition {
  intent: IntentName;
  confidence: number;
  params: IntentParams;
  /**
   * Human sentences about how an ambiguous expression was resolved, to be stated in the
   * reply (e.g. "I took 7 as 7 PM since it's evening.").
   */
  notes: string[];
  /** Which provider produced it. */
  provider: 'local' | 'llm';
}

/** A recogniser. The local one is synchronous in practice; the LLM one is not. */
export interface IntentRecognizer {
  readonly name: 'local' | 'llm';
  recognize(text: string, ctx: NluContext, history?: ConversationTurn[]): Promise<Recognition>;
}

/** Short context passed to the LLM so it can resolve follow-ups ("at 7"). */
export interface ConversationTurn {
  role: 'user' | 'assistant';
  text: string;
}
