import type { ChatActivity, ChatActivityUpdate, ChatEvent, IntentFunnel } from '@app/shared';
import type { ApplyOptions, ChatStream } from '../../store';

/* ---------- session: who is signed in, and the socket ---------- */

export interface OperatorAuth {
  token: string;
  /** "operator:<name>" */
  userId: string;
  name: string;
}

export type OperatorConnection = 'idle' | 'connecting' | 'connected' | 'reconnecting' | 'offline';

export interface SessionSlice {
  auth: OperatorAuth | null;
  signIn: { pending: boolean; error: string | null };
  connection: { status: OperatorConnection; error: string | null };
  setAuth(auth: OperatorAuth | null): void;
  setSignIn(patch: Partial<SessionSlice['signIn']>): void;
  setConnection(patch: Partial<SessionSlice['connection']>): void;
}

/* ---------- chats: every conversation, live ---------- */

export interface ChatsSlice {
  chatsById: Record<string, ChatActivity>;
  /** Most recently updated first. */
  chatList: ChatActivity[];
  chatsLoaded: boolean;
  setChats(chats: ChatActivity[]): void;
  /** Merges a partial update; false when the chat is not known yet (the caller refetches the list). */
  mergeActivity(update: ChatActivityUpdate): boolean;
  /** A whole activity (from an ack): replaces or adds the chat. */
  upsertActivity(activity: ChatActivity): void;
}

/* ---------- watch: the one conversation open ---------- */

export interface WatchState {
  chatId: string;
  stream: ChatStream;
  loading: boolean;
  error: string | null;
  /** Replaying from the start: how many events are shown so far; null shows everything (live). */
  playback: number | null;
}

export interface ComposerState {
  text: string;
  /** The clientMessageId of the message being sent; kept after a failure so a retry is not a duplicate. */
  pendingId: string | null;
  sending: boolean;
  error: string | null;
}

export interface WatchSlice {
  watch: WatchState | null;
  /** Takeover / hand-back in flight, and the last one's failure. */
  action: { pending: 'takeover' | 'handback' | null; error: string | null };
  composer: ComposerState;
  /** The latest line for the aria-live region; `id` changes so the same text is read again. */
  announcement: { id: number; text: string } | null;
  openWatch(chatId: string): void;
  closeWatch(): void;
  setWatch(patch: Partial<Omit<WatchState, 'chatId' | 'stream'>>): void;
  /** Applies the watched chat's events in seq order, once (the person's sequencer); returns what was applied. */
  applyWatchEvents(chatId: string, events: ChatEvent[], options: ApplyOptions): ChatEvent[];
  setAction(patch: Partial<WatchSlice['action']>): void;
  setComposer(patch: Partial<ComposerState>): void;
}

/* ---------- funnel ---------- */

export type FunnelPreset = '24h' | '7d' | 'custom';

export interface FunnelState {
  preset: FunnelPreset;
  /** ISO instants of the range asked for. */
  from: string;
  to: string;
  data: IntentFunnel | null;
  loading: boolean;
  error: string | null;
}

export interface FunnelSlice {
  funnel: FunnelState;
  setFunnel(patch: Partial<FunnelState>): void;
}

/* ---------- ui ---------- */

export type OperatorView = 'chats' | 'funnel';

export interface ViewSlice {
  view: OperatorView;
  setView(view: OperatorView): void;
}

export type OperatorState = SessionSlice & ChatsSlice & WatchSlice & FunnelSlice & ViewSlice;
