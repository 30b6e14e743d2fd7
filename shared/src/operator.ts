import { z } from 'zod';
import { MAX_MESSAGE_LENGTH } from './client';
import type { IntentSummary } from './intents';

/** Ids are opaque strings (UUIDs) the server issued. */
const IdSchema = z.string().min(1).max(100);

/** `operator:watch`: watch one chat live (replaying from `afterSeq`). */
export const OperatorWatchSchema = z.object({ chatId: IdSchema, afterSeq: z.number().int().min(0).optional(), limit: z.number().int().min(1).max(5000).optional() }).strict();
export type OperatorWatch = z.infer<typeof OperatorWatchSchema>;

/** `operator:takeover` / `operator:handback`: pause the assistant for a chat, or give it back. */
export const OperatorChatRefSchema = z.object({ chatId: IdSchema }).strict();
export type OperatorChatRef = z.infer<typeof OperatorChatRefSchema>;

/** `operator:send`: an operator answers as a person (only while the chat is taken over). */
export const OperatorSendSchema = z
  .object({ chatId: IdSchema, clientMessageId: IdSchema, text: z.string().trim().min(1).max(MAX_MESSAGE_LENGTH) })
  .strict();
export type OperatorSend = z.infer<typeof OperatorSendSchema>;

/** `operator:subscribe`: receive `operator:activity` for every chat. */
export const OperatorSubscribeSchema = z.object({}).strict();

/** A chat as the operator console lists it. */
export interface ChatActivity {
  chatId: string;
  userId: string;
  title: string | null;
  lastSeq: number;
  /** The newest thing said in the chat. */
  lastMessage: { type: string; text: string; ts: string } | null;
  intent: IntentSummary | null;
  /** Whether the person has a live connection (on the node answering). */
  online: boolean;
  /** The highest seq the person is known to have received; later events wait for them. */
  deliveredSeq: number;
  /** True while an operator has taken over (the assistant is paused). */
  paused: boolean;
  pausedBy: string | null;
  updatedAt: string;
}

/** A live update for the console: the chat changed (a new event, a presence change). */
export type ChatActivityUpdate = Partial<ChatActivity> & { chatId: string };

/** The intent funnel of a time range (`GET /api/operator/funnel?from&to`). */
export interface IntentFunnel {
  from: string;
  to: string;
  started: number;
  completed: number;
  cancelled: number;
  abandoned: number;
  active: number;
  resumed: number;
  completedAfterResume: number;
  byIntent: Record<string, { started: number; completed: number; cancelled: number; abandoned: number }>;
  timeToCompleteMs: { p50: number | null; p90: number | null; mean: number | null };
  /** Where people drop off: abandoned/cancelled intents by the parameter still missing. */
  dropOffByMissing: Record<string, number>;
  /** Messages the recogniser was unsure about, newest first. */
  lowConfidence: Array<{ chatId: string; seq: number; text: string; intent: string; confidence: number; ts: string }>;
}
