import type { IntentParams } from '@app/shared';
import type { ConversationTurn, NluContext, Recognition } from '../nlu/nlu.types';

/** A step the recogniser wants shown (a retry, a fallback). */
export interface UnderstandingStep {
  stage: 'retry' | 'fallback';
  label: string;
  status: 'started' | 'done' | 'failed';
  detail?: Record<string, unknown>;
}

/**
 * What the orchestrator needs from NLU: recognise a message (reporting retries and
 * fallbacks as steps) and pull alarm parameters out of a follow-up answer.
 */
export interface Understanding {
  provider: 'local' | 'llm';
  recognize(text: string, ctx: NluContext, history: () => Promise<ConversationTurn[]>, onStep: (s: UnderstandingStep) => void): Promise<Recognition>;
  extractParams(text: string, ctx: NluContext, current?: IntentParams): { params: IntentParams; notes: string[] };
}
