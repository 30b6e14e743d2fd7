import type { Ack } from './errors';
import type {
  ChatEvent, ComponentEvent, ErrorEvent, OperatorEvent, ResponseEvent, SessionEvent, ThinkingEvent, UserEvent,
} from './events';
import type { ChatJoin, ChatNew, ComponentAction, IntentRef, MessageSend } from './client';
import type { IntentSummary } from './intents';
import type { ChatActivity, ChatActivityUpdate, OperatorChatRef, OperatorSend, OperatorWatch } from './operator';

/** A chat as lists show it. */
export interface ChatSummary {
  chatId: string;
  title: string | null;
  lastSeq: number;
  createdAt: string;
  updatedAt: string;
  /** The latest intent of the chat, if any. */
  intent?: IntentSummary | null;
}

/** Ack data of `chat:join`. */
export interface ChatJoinResult {
  chatId: string;
  /** Events with seq > afterSeq, in seq order (at most `limit`). */
  events: ChatEvent[];
  /** The chat's last stored seq. */
  lastSeq: number;
  /** True when more events follow the returned page: join again with the last seq. */
  hasMore: boolean;
  /** The chat's current (latest) intent, if any. */
  intent: IntentSummary | null;
}

export interface MessageSendResult {
  /** The seq of the stored user message. */
  seq: number;
  /** True when this clientMessageId was already stored; it is not processed again. */
  duplicate: boolean;
}

export interface ComponentActionResult {
  /** Seq of the event that records what the person did, when one was stored. */
  seq: number | null;
  duplicate: boolean;
}

export interface IntentResult {
  intent: IntentSummary | null;
}

type AckFn<T> = (ack: Ack<T>) => void;

/** Events the client emits; each takes an acknowledgement callback. */
export interface ClientToServerEvents {
  'chat:join': (payload: ChatJoin, ack: AckFn<ChatJoinResult>) => void;
  'chat:new': (payload: ChatNew, ack: AckFn<ChatSummary>) => void;
  'message:send': (payload: MessageSend, ack: AckFn<MessageSendResult>) => void;
  'component:action': (payload: ComponentAction, ack: AckFn<ComponentActionResult>) => void;
  'intent:cancel': (payload: IntentRef, ack: AckFn<IntentResult>) => void;
  'intent:resume': (payload: IntentRef, ack: AckFn<IntentResult>) => void;
  /** Operator console (admin role only; anyone else gets `forbidden`). */
  'operator:subscribe': (payload: Record<string, never>, ack: AckFn<{ chats: ChatActivity[] }>) => void;
  'operator:watch': (payload: OperatorWatch, ack: AckFn<ChatJoinResult & { activity: ChatActivity }>) => void;
  'operator:unwatch': (payload: OperatorChatRef, ack: AckFn<Record<string, never>>) => void;
  'operator:takeover': (payload: OperatorChatRef, ack: AckFn<{ activity: ChatActivity }>) => void;
  'operator:handback': (payload: OperatorChatRef, ack: AckFn<{ activity: ChatActivity }>) => void;
  'operator:send': (payload: OperatorSend, ack: AckFn<MessageSendResult>) => void;
}

/** Events the server emits; the event name equals the ChatEvent `type`. */
export interface ServerToClientEvents {
  user: (event: UserEvent) => void;
  thinking: (event: ThinkingEvent) => void;
  response: (event: ResponseEvent) => void;
  component: (event: ComponentEvent) => void;
  error: (event: ErrorEvent) => void;
  session: (event: SessionEvent) => void;
  operator: (event: OperatorEvent) => void;
  /** Operator console only: a chat changed. */
  'operator:activity': (update: ChatActivityUpdate) => void;
}

/** Server-to-server events (none yet; the Redis adapter only fans out room broadcasts). */
export type InterServerEvents = Record<string, never>;

/** What the server keeps on each socket after the handshake. */
export interface SocketData {
  userId: string;
  role: 'user' | 'admin';
  timeZone: string;
  connectionId: string;
}
