import type OpenAI from 'openai';
import type { ChatCompletionMessageParam } from 'openai/resources/chat/completions';
import { DEFAULT_LLM_MODEL } from './llm-recognizer';

/** Options of {@link streamReply}. */
export interface StreamReplyOptions {
  /** Default `gpt-4o-mini`. */
  model?: string;
  /** Aborts the stream, e.g. when the person disconnects or sends a new message. */
  signal?: AbortSignal;
}

/**
 * Streams the model's answer to `messages`, calling `onDelta` with each non-empty piece
 * of text in order, and resolves with the whole text (what the final `response` event
 * carries). `onDelta` is awaited before the next piece is read, so a slow consumer
 * (a socket emit that persists the event first) can never see pieces out of order.
 */
export async function streamReply(
  client: OpenAI,
  messages: ChatCompletionMessageParam[],
  onDelta: (delta: string) => void | Promise<void>,
  opts: StreamReplyOptions = {},
): Promise<string> {
  const stream = await client.chat.completions.create(
    { model: opts.model ?? DEFAULT_LLM_MODEL, messages, stream: true },
    { signal: opts.signal },
  );
  let text = '';
  for await (const chunk of stream) {
    const delta = chunk.choices[0]?.delta?.content;
    // Role-only and finish chunks carry no content; an empty delta is noise for the UI.
    if (!delta) continue;
    text += delta;
    await onDelta(delta);
  }
  return text;
}
