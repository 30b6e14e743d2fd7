import { APIError } from 'openai';
import type { ConversationTurn, IntentRecognizer, NluContext, Recognition } from '../nlu.types';

/**
 * A thinking step to show the person. The caller turns each report into a `thinking`
 * event; `started` and the following `done`/`failed` with the same stage and label belong
 * to one step (reports of one call are strictly sequential).
 */
export type StepReport = {
  stage: 'retry' | 'fallback';
  label: string;
  status: 'started' | 'done' | 'failed';
  detail?: Record<string, unknown>;
};

/** Options of {@link recognizeWithFallback}. */
export interface FallbackOptions {
  /** Attempts of the primary in total, first one included. Default 3 (two retries). */
  maxAttempts?: number;
  /** Base backoff before the first retry; doubles each retry, with jitter. Default 200 ms. */
  backoffMs?: number;
  /** Receives each step; awaited, so steps reach the person before the work they announce. */
  onStep: (step: StepReport) => void | Promise<void>;
  /** Injected in tests to skip real waiting. */
  sleep?: (ms: number) => Promise<void>;
  /** Random source in [0, 1) for the jitter; injected in tests. */
  random?: () => number;
  /** Whether an error is worth another attempt. Default {@link isRetryableError}. */
  isRetryable?: (err: unknown) => boolean;
}

/** What {@link recognizeWithFallback} settled on, and how. */
export interface FallbackResult {
  recognition: Recognition;
  /** Attempts made with the primary. */
  attempts: number;
  /** True when the recognition came from the fallback. */
  fellBack: boolean;
  /** Message of the primary's last error, when it had any. */
  lastError?: string;
}

export const DEFAULT_MAX_ATTEMPTS = 3;
export const DEFAULT_BACKOFF_MS = 200;

/** The exact labels the person sees; part of the UI contract. */
export const retryLabel = (attempt: number) => `Retrying intent recognition (attempt ${attempt})...`;
export const FALLBACK_LABEL = 'Falling back to the local recogniser...';

/**
 * Default retry policy. Timeouts, connection errors, 408/409/429, 5xx and bad model output
 * (which is random, so a second sample often works) are retried. Other 4xx - a wrong API
 * key, an unknown model, a rejected request - fail the same way every time, so retrying
 * would only delay the fallback.
 */
export function isRetryableError(err: unknown): boolean {
  if (err instanceof APIError && typeof err.status === 'number') {
    return err.status === 408 || err.status === 409 || err.status === 429 || err.status >= 500;
  }
  return true;
}

/**
 * Delay before attempt `attempt` (2 = first retry): `base * 2^(attempt-2)`, with "equal
 * jitter" (half fixed, half random) so concurrent chats hitting the same outage do not
 * retry in lockstep, yet never wait close to zero.
 */
export function backoffDelay(attempt: number, baseMs: number, random: () => number = Math.random): number {
  const exp = baseMs * 2 ** Math.max(0, attempt - 2);
  return Math.round(exp / 2 + random() * (exp / 2));
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
const messageOf = (err: unknown) => (err instanceof Error ? err.message : String(err));

/**
 * Recognises with `primary`, retrying with backoff, and falls back to `fallback` when every
 * attempt failed (or an error is not retryable). Reports a `retry` step around each retry
 * and a `fallback` step around the fallback; the first attempt gets no step of its own
 * because the caller's `intent` step already covers it.
 *
 * Errors from `onStep` propagate; an error from the fallback is reported as a failed
 * `fallback` step and rethrown, since there is nothing left to fall back to.
 */
export async function recognizeWithFallback(
  primary: IntentRecognizer,
  fallback: IntentRecognizer,
  text: string,
  ctx: NluContext,
  history: ConversationTurn[] | undefined,
  opts: FallbackOptions,
): Promise<FallbackResult> {
  const maxAttempts = Math.max(1, opts.maxAttempts ?? DEFAULT_MAX_ATTEMPTS);
  const baseMs = opts.backoffMs ?? DEFAULT_BACKOFF_MS;
  const sleep = opts.sleep ?? defaultSleep;
  const isRetryable = opts.isRetryable ?? isRetryableError;

  let attempts = 1;
  let outcome = await attemptOnce(primary, text, ctx, history);
  if (outcome.ok) return { recognition: outcome.recognition, attempts, fellBack: false };
  let lastError: unknown = outcome.error;

  while (attempts < maxAttempts && isRetryable(lastError)) {
    const attempt = attempts + 1;
    const label = retryLabel(attempt);
    const delayMs = backoffDelay(attempt, baseMs, opts.random);
    // Announced before the wait so the person sees why nothing is happening.
    await opts.onStep({
      stage: 'retry',
      label,
      status: 'started',
      detail: { attempt, maxAttempts, delayMs, reason: messageOf(lastError) },
    });
    await sleep(delayMs);
    attempts = attempt;
    outcome = await attemptOnce(primary, text, ctx, history);
    if (outcome.ok) {
      await opts.onStep({ stage: 'retry', label, status: 'done', detail: { attempt } });
      return { recognition: outcome.recognition, attempts, fellBack: false, lastError: messageOf(lastError) };
    }
    lastError = outcome.error;
    await opts.onStep({ stage: 'retry', label, status: 'failed', detail: { attempt, error: messageOf(lastError) } });
  }

  const lastMessage = messageOf(lastError);
  await opts.onStep({
    stage: 'fallback',
    label: FALLBACK_LABEL,
    status: 'started',
    detail: { attempts, reason: lastMessage },
  });
  let recognition: Recognition;
  try {
    recognition = await fallback.recognize(text, ctx, history);
  } catch (err) {
    await opts.onStep({ stage: 'fallback', label: FALLBACK_LABEL, status: 'failed', detail: { error: messageOf(err) } });
    throw err;
  }
  await opts.onStep({
    stage: 'fallback',
    label: FALLBACK_LABEL,
    status: 'done',
    detail: { intent: recognition.intent, confidence: recognition.confidence },
  });
  return { recognition, attempts, fellBack: true, lastError: lastMessage };
}

/** One call to the primary; errors become values so `onStep` stays outside any try. */
async function attemptOnce(
  recognizer: IntentRecognizer,
  text: string,
  ctx: NluContext,
  history: ConversationTurn[] | undefined,
): Promise<{ ok: true; recognition: Recognition } | { ok: false; error: unknown }> {
  try {
    return { ok: true, recognition: await recognizer.recognize(text, ctx, history) };
  } catch (error) {
    return { ok: false, error };
  }
}
