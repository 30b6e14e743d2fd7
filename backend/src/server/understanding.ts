import type { Config } from '../config/config';
import { extractAlarmParams, LocalRecognizer } from '../nlu';
import { LlmRecognizer } from '../nlu/llm/llm-recognizer';
import { recognizeWithFallback } from '../nlu/llm/resilient-recognizer';
import type { Understanding } from '../orchestrator/understanding';

/**
 * The NLU the orchestrator uses: the local recogniser by default; with an OpenAI key, the
 * LLM with retries (shown as steps) and the local recogniser as the fallback.
 */
export function createUnderstanding(config: Pick<Config, 'openai'>, onFallback?: () => void): Understanding {
  const local = new LocalRecognizer();
  const extractParams = extractAlarmParams;
  if (!config.openai) {
    return { provider: 'local', recognize: (text, ctx) => local.recognize(text, ctx), extractParams };
  }
  const llm = new LlmRecognizer({ apiKey: config.openai.apiKey, baseURL: config.openai.baseURL, model: config.openai.model, timeoutMs: config.openai.timeoutMs });
  return {
    provider: 'llm',
    extractParams,
    async recognize(text, ctx, history, onStep) {
      const result = await recognizeWithFallback(llm, local, text, ctx, await history(), { onStep, maxAttempts: 2, backoffMs: 150 });
      if (result.fellBack) onFallback?.();
      return result.recognition;
    },
  };
}
