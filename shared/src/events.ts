import { z } from 'zod';
import { ErrorCodeSchema } from './errors';
import { WidgetSchema } from './components';
import { IntentNameSchema, IntentParamsSchema, IntentStateSchema } from './intents';

/** Fields every server event carries. `seq` is gapless and strictly increasing per chat. */
const eventBase = {
  chatId: z.string(),
  seq: z.number().int().nonnegative(),
  /** ISO 8601 timestamp of when the server stored the event. */
  ts: z.string(),
  intentId: z.string().nullable().optional(),
  sessionId: z.string().nullable().optional(),
};

/** Stages of one turn, in pipeline order. */
export const StageSchema = z.enum([
  'session', 'message', 'intent', 'retry', 'fallback', 'params', 'followup', 'tool', 'reply',
]);
export type Stage = z.infer<typeof StageSchema>;

export const StepStatusSchema = z.enum(['started', 'done', 'failed']);
export type StepStatus = z.infer<typeof StepStatusSchema>;

/** What the person sent: typed text, or a form they submitted (`via: "form"`). */
export const UserEventSchema = z.object({
  ...eventBase,
  type: z.literal('user'),
  text: z.string(),
  clientMessageId: z.string().nullable(),
  via: z.enum(['chat', 'form', 'button']).optional(),
});

/** One thinking step; `started` then `done` (or `failed`) share a `stepId`. */
export const ThinkingEventSchema = z.object({
  ...eventBase,
  type: z.literal('thinking'),
  stepId: z.string(),
  stage: StageSchema,
  label: z.string(),
  status: StepStatusSchema,
  /** For example the recognised intent and its confidence. */
  detail: z.record(z.string(), z.unknown()).optional(),
  durationMs: z.number().nonnegative().optional(),
});

/** Assistant text. Deltas come with `final: false`; the last has `final: true` and the whole text. */
export const ResponseEventSchema = z.object({
  ...eventBase,
  type: z.literal('response'),
  responseId: z.string(),
  text: z.string(),
  final: z.boolean(),
  /** True on the reply that ends the intent (completed or cancelled). */
  isComplete: z.boolean().optional(),
});

/** A declarative UI spec; a later version of the same `componentId` replaces the earlier one. */
export const ComponentEventSchema = z.object({
  ...eventBase,
  type: z.literal('component'),
  componentId: z.string(),
  version: z.number().int().positive(),
  spec: WidgetSchema,
  /** True once the component can no longer be acted on (its intent ended). */
  closed: z.boolean().optional(),
});

export const ErrorEventSchema = z.object({
  ...eventBase,
  type: z.literal('error'),
  code: ErrorCodeSchema,
  message: z.string(),
  retryable: z.boolean(),
});

/** An intent/session state change. */
export const SessionEventSchema = z.object({
  ...eventBase,
  type: z.literal('session'),
  intentId: z.string(),
  sessionId: z.string().nullable(),
  intent: IntentNameSchema,
  state: IntentStateSchema,
  resumable: z.boolean(),
  params: IntentParamsSchema,
  missing: z.array(z.string()).optional(),
  reason: z.string().optional(),
});

/**
 * What an operator did in a chat: answered as a person (`message`), took the chat over from
 * the assistant (`takeover`) or handed it back (`handback`). Stored and replayed like every event.
 */
export const OperatorEventSchema = z.object({
  ...eventBase,
  type: z.literal('operator'),
  kind: z.enum(['message', 'takeover', 'handback']),
  text: z.string(),
  operatorId: z.string(),
  operatorName: z.string(),
});

/** Every event of a chat, discriminated by `type`; the Socket.IO event name equals `type`. */
export const ChatEventSchema = z.discriminatedUnion('type', [
  UserEventSchema,
  ThinkingEventSchema,
  ResponseEventSchema,
  ComponentEventSchema,
  ErrorEventSchema,
  SessionEventSchema,
  OperatorEventSchema,
]);

export type UserEvent = z.infer<typeof UserEventSchema>;
export type ThinkingEvent = z.infer<typeof ThinkingEventSchema>;
export type ResponseEvent = z.infer<typeof ResponseEventSchema>;
export type ComponentEvent = z.infer<typeof ComponentEventSchema>;
export type ErrorEvent = z.infer<typeof ErrorEventSchema>;
export type SessionEvent = z.infer<typeof SessionEventSchema>;
export type OperatorEvent = z.infer<typeof OperatorEventSchema>;
export type ChatEvent = z.infer<typeof ChatEventSchema>;
export type ChatEventType = ChatEvent['type'];
export const CHAT_EVENT_TYPES: readonly ChatEventType[] = ['user', 'thinking', 'response', 'component', 'error', 'session', 'operator'];

/** A chat event before the log has stored it: no seq, chat or timestamp yet. */
export type DraftEvent = ChatEvent extends infer E
  ? E extends ChatEvent ? Omit<E, 'chatId' | 'seq' | 'ts'> : never
  : never;

/** A stored event as `GET /api/chats/:chatId/history` returns it: the event plus its four IDs. */
export type HistoryRow = ChatEvent & {
  userChatId: string;
  socketConnectionId: string | null;
  userIntentId: string | null;
  sessionId: string | null;
  isComplete: boolean;
  abandoned: boolean;
};
