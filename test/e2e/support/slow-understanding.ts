import { createUnderstanding } from '../../../backend/src/server/understanding';
import type { Understanding } from '../../../backend/src/orchestrator/understanding';

/**
 * The real local NLU, but recognising takes `delayMs`: a turn's "Analyzing your request..."
 * stays in progress long enough to be seen (and asserted) in the browser, as it would with an LLM.
 */
export function slowUnderstanding(delayMs: number): Understanding {
  const local = createUnderstanding({ openai: undefined });
  return {
    ...local,
    async recognize(...args) {
      await new Promise((r) => setTimeout(r, delayMs));
      return local.recognize(...args);
    },
  };
}
