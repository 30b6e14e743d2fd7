import OpenAI from 'openai';
import type { ChatCompletionMessageParam } from 'openai/resources/chat/completions';
import type { ConversationTurn, IntentRecognizer, NluContext, Recognition } from '../nlu.types';
import { buildTools, isToolName, parseToolArgs } from './tool-schemas';

/** Options of {@link LlmRecognizer}. */
export interface LlmRecognizerOptions {
  apiKey: string;
  /** An OpenAI-compatible endpoint, e.g. a local proxy or the test fake. Default: OpenAI. */
  baseURL?: string;
  /** Default `gpt-4o-mini`: cheap and fast enough for one tool call per message. */
  model?: string;
  /** Per-request timeout. Default 8000 ms. */
  timeoutMs?: number;
  /** Sampling temperature; default 0 because classification should be repeatable. */
  temperature?: number;
}

export const DEFAULT_LLM_MODEL = 'gpt-4o-mini';
export const DEFAULT_LLM_TIMEOUT_MS = 8000;
/** Confidence when the model leaves out its optional `confidence` argument. */
export const DEFAULT_LLM_CONFIDENCE = 0.9;
/** How many recent turns go to the model: enough for follow-ups, cheap in tokens. */
export const MAX_HISTORY_TURNS = 6;

/** Why the model's output could not be used. */
export type LlmOutputErrorReason = 'no_tool_call' | 'unknown_tool' | 'invalid_json' | 'invalid_arguments';

/**
 * The model answered, but not with a usable tool call. Distinct from transport errors
 * (the SDK's `APIError`, timeouts) so callers and logs can tell "the model misbehaved"
 * from "the API is down"; both are worth a retry.
 */
export class LlmOutputError extends Error {
  override readonly name = 'LlmOutputError';
  constructor(
    readonly reason: LlmOutputErrorReason,
    message: string,
    readonly toolName?: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** The person's local date, weekday and time, computed in their zone (not the server's). */
export function localClock(now: Date, timeZone: string): { date: string; time: string; weekday: string } {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    weekday: 'long',
  }).formatToParts(now);
  const get = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  return { date: `${get('year')}-${get('month')}-${get('day')}`, time: `${get('hour')}:${get('minute')}`, weekday: get('weekday') };
}

/** The system prompt: the task, the person's clock, and the value formats we accept. */
export function buildSystemPrompt(ctx: NluContext): string {
  const { date, time, weekday } = localClock(ctx.now, ctx.timeZone);
  return [
    'You are the intent recogniser of a smart-home alarm assistant.',
    'Call exactly one tool that matches what the person wants in their LAST message; use earlier turns only to resolve follow-ups such as "make it 7 instead".',
    `The person's current local date and time is ${weekday} ${date} ${time}, time zone ${ctx.timeZone}.`,
    'Normalise values: times as 24-hour "HH:MM", dates as "YYYY-MM-DD" in that time zone; resolve relative dates ("tomorrow", "next friday") from the current date.',
    'When a time is ambiguous (e.g. "at 7"), pick the most plausible reading given the current time and say so in `notes`.',
    'Only fill parameters the person actually gave; leave the others out. Do not invent alarm ids.',
    'Set `confidence` (0..1) to how sure you are. Anything not about alarms is out_of_scope.',
  ].join('\n');
}

/** The messages for one recognition: system prompt, recent history, then the text. */
export function buildMessages(text: string, ctx: NluContext, history: ConversationTurn[] = []): ChatCompletionMessageParam[] {
  const recent = history.slice(-MAX_HISTORY_TURNS);
  return [
    { role: 'system', content: buildSystemPrompt(ctx) },
    ...recent.map((t): ChatCompletionMessageParam => ({ role: t.role, content: t.text })),
    { role: 'user', content: text },
  ];
}

/**
 * Recognises intents with an OpenAI-compatible chat model and function calling. One
 * request per call and no retries of its own: {@link recognizeWithFallback} owns retries,
 * backoff and the fallback, so the SDK's `maxRetries` is 0 (otherwise retries would
 * multiply and the person would wait without seeing a "Retrying..." step).
 */
export class LlmRecognizer implements IntentRecognizer {
  readonly name = 'llm' as const;
  /** The SDK client, exposed so replies can be streamed over the same connection settings. */
  readonly client: OpenAI;
  readonly model: string;
  private readonly temperature: number;
  // Built once: the schemas never change at run time.
  private readonly tools = buildTools();

  constructor(opts: LlmRecognizerOptions) {
    this.model = opts.model ?? DEFAULT_LLM_MODEL;
    this.temperature = opts.temperature ?? 0;
    this.client = new OpenAI({
      apiKey: opts.apiKey,
      baseURL: opts.baseURL,
      maxRetries: 0,
      timeout: opts.timeoutMs ?? DEFAULT_LLM_TIMEOUT_MS,
    });
  }

  /**
   * Asks the model for one tool call and maps it to a {@link Recognition}.
   * @throws {LlmOutputError} when the answer has no usable tool call.
   * @throws the SDK's `APIError` / `APIConnectionTimeoutError` on HTTP errors and timeouts.
   */
  async recognize(text: string, ctx: NluContext, history?: ConversationTurn[]): Promise<Recognition> {
    const completion = await this.client.chat.completions.create({
      model: this.model,
      messages: buildMessages(text, ctx, history),
      tools: this.tools,
      tool_choice: 'required',
      // One message, one intent: several calls would have to be reconciled by guessing.
      parallel_tool_calls: false,
      temperature: this.temperature,
    });

    const call = completion.choices[0]?.message?.tool_calls?.find((c) => c.type === 'function');
    if (!call || call.type !== 'function') {
      throw new LlmOutputError('no_tool_call', 'The model answered without calling a tool.');
    }
    const { name, arguments: rawArgs } = call.function;
    if (!isToolName(name)) {
      throw new LlmOutputError('unknown_tool', `The model called an unknown tool "${name}".`, name);
    }

    let args: unknown;
    try {
      // Some servers send "" for a tool without arguments; that means {}.
      args = rawArgs.trim() === '' ? {} : JSON.parse(rawArgs);
    } catch (err) {
      throw new LlmOutputError('invalid_json', `The arguments of "${name}" are not JSON.`, name, { cause: err });
    }

    let parsed;
    try {
      parsed = parseToolArgs(name, args);
    } catch (err) {
      const detail = err instanceof Error ? err.message : String(err);
      throw new LlmOutputError('invalid_arguments', `The arguments of "${name}" are invalid: ${detail}`, name, { cause: err });
    }

    return {
      intent: parsed.intent,
      confidence: parsed.confidence ?? DEFAULT_LLM_CONFIDENCE,
      params: parsed.params,
      notes: parsed.notes ?? [],
      provider: 'llm',
    };
  }
}
