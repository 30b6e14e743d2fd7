import type { ChatEvent, ChatJoinResult, ChatSummary, IntentSummary } from '@app/shared';

/* ---------- connection ---------- */

/** `polling`: the socket is down but the REST fallback answers. `offline`: nothing answers. */
export type ConnectionStatus = 'connecting' | 'connected' | 'reconnecting' | 'polling' | 'offline';

export interface ConnectionState {
  status: ConnectionStatus;
  /** Reconnect attempt of the socket (1, 2, ...); 0 while connected. */
  attempt: number;
  error: string | null;
  userId: string | null;
}

export interface ConnectionSlice {
  connection: ConnectionState;
  setConnection(patch: Partial<ConnectionState>): void;
}

/* ---------- chats ---------- */

export interface ChatsSlice {
  /** Most recently updated first. */
  chats: ChatSummary[];
  /** Survives reload (localStorage). */
  currentChatId: string | null;
  setChats(chats: ChatSummary[]): void;
  upsertChat(chat: ChatSummary): void;
  selectChat(chatId: string | null): void;
}

/* ---------- events ---------- */

/**
 * One chat's event log as far as it was applied. `events` is ordered by seq and holds every
 * seq up to `lastSeq` exactly once; `pending` holds events that arrived after a gap.
 */
export interface ChatStream {
  events: ChatEvent[];
  lastSeq: number;
  pending: Record<number, ChatEvent>;
}

/** `replay`: history being opened (no announcements, no focus moves). `live`: it just happened. */
export type EventSource = 'live' | 'replay';

export interface ApplyOptions {
  source: EventSource;
  /**
   * Set for a page the server answered to "everything after N" (chat:join, history): when N
   * equals the stream's lastSeq the page is the log itself, so it is applied as contiguous.
   */
  after?: number;
}

export interface EventsSlice {
  streams: Record<string, ChatStream>;
  /** Starts tracking a chat: live events of chats never opened are ignored (the join replays them). */
  openStream(chatId: string): void;
  /** Applies what is new, in seq order, once; returns the events that were applied. */
  applyEvents(chatId: string, events: ChatEvent[], options: ApplyOptions): ChatEvent[];
  /** Applies one page of a `chat:join` ack (events, then the chat's current intent). */
  applyJoinPage(result: ChatJoinResult, afterSeq: number, source: EventSource): ChatEvent[];
  hasGap(chatId: string): boolean;
}

/* ---------- intents ---------- */

export interface IntentsSlice {
  /** The current (latest) intent of each chat, from join acks, session events and intent acks. */
  intents: Record<string, IntentSummary | null>;
  setIntent(chatId: string, intent: IntentSummary | null): void;
}

/* ---------- outbox ---------- */

export type OutboxStatus = 'pending' | 'sending' | 'failed';

interface OutboxBase {
  /** The idempotency key: clientMessageId or clientActionId. Never changes across retries. */
  id: string;
  chatId: string;
  createdAt: string;
  status: OutboxStatus;
  error: string | null;
}

export interface OutboxMessage extends OutboxBase {
  kind: 'message';
  text: string;
}

export interface OutboxAction extends OutboxBase {
  kind: 'action';
  componentId: string;
  action: string;
  values: Record<string, unknown>;
}

export type OutboxItem = OutboxMessage | OutboxAction;

export interface OutboxSlice {
  /** Oldest first: sent in this order. Persisted. */
  outbox: OutboxItem[];
  enqueueMessage(chatId: string, text: string, id?: string): OutboxMessage;
  enqueueAction(chatId: string, componentId: string, action: string, values: Record<string, unknown>, id?: string): OutboxAction;
  setOutboxStatus(id: string, status: OutboxStatus, error?: string | null): void;
  /** The server acknowledged it (or echoed it back): it is delivered. */
  ackOutbox(id: string): void;
  discardOutbox(id: string): void;
}

/* ---------- ui ---------- */

export type ThemeChoice = 'system' | 'light' | 'dark';

export interface Branding {
  name: string;
  color: string;
  greeting: string;
}

/** A form field's value as `component:action` sends it. */
export type FieldValue = string | string[] | boolean | null;

export type FocusTarget = { kind: 'component'; componentId: string } | { kind: 'composer' } | null;

export interface UiSlice {
  theme: ThemeChoice;
  setTheme(theme: ThemeChoice): void;
  branding: Branding;
  setBranding(branding: Partial<Branding>): void;
  /** Explicit open/closed choice per thinking timeline (turn key); absent means the default. */
  turnOpen: Record<string, boolean>;
  setTurnOpen(turnKey: string, open: boolean): void;
  /** What the person typed into component fields, per component version, by field name. */
  drafts: Record<string, Record<string, FieldValue>>;
  setDraft(draftKey: string, name: string, value: FieldValue): void;
  composerText: string;
  setComposerText(text: string): void;
  /** The latest line for the aria-live region; `id` changes so a repeated text is read again. */
  announcement: { id: number; text: string } | null;
  announce(text: string): void;
  focusTarget: FocusTarget;
  requestFocus(target: FocusTarget): void;
  sidebarOpen: boolean;
  setSidebarOpen(open: boolean): void;
  /** A transient message about something the person tried (e.g. "you're offline"). */
  notice: { id: number; text: string } | null;
  showNotice(text: string): void;
  dismissNotice(): void;
}

export type AppState = ConnectionSlice & ChatsSlice & EventsSlice & IntentsSlice & OutboxSlice & UiSlice;
