import type { Socket } from 'socket.io-client';
import type { ChatEvent } from '@app/shared';
import { toSendError } from '../transport/errors';
import type { KeyedTimers } from '../transport/keyed-timers';
import { EVENT_TYPES, type AppSocket, type Request } from '../transport/protocol';
import type { OperatorStore } from './store';

const WATCH_PAGE = 1000;

/**
 * Keeps the watched chat's stream complete: live events go straight in, and whatever the live
 * stream missed (the first open, a reconnect, a seq gap that does not fill) is read from the
 * log with `operator:watch`. Events for other chats are the store's to ignore.
 */
export class WatchSync {
  constructor(
    private readonly store: OperatorStore,
    private readonly request: Request,
    private readonly timers: KeyedTimers,
    private readonly gapWaitMs: number,
  ) {}

  private get state() {
    return this.store.getState();
  }

  listen(socket: AppSocket): void {
    // The typed `on` cannot take a union of event names, so the loop goes through the untyped socket.
    const raw = socket as unknown as Socket;
    for (const type of EVENT_TYPES) raw.on(type, (e: ChatEvent) => this.onChatEvent(e));
  }

  private onChatEvent(e: ChatEvent): void {
    if (!e || typeof e.chatId !== 'string' || typeof e.seq !== 'number') return;
    this.state.applyWatchEvents(e.chatId, [e], { source: 'live' });
    const watch = this.state.watch;
    if (watch?.chatId === e.chatId && Object.keys(watch.stream.pending).length) {
      // A gap: give the missing events a moment, then read the log from the last applied seq.
      this.timers.later(`gap:${e.chatId}`, this.gapWaitMs, () => {
        const now = this.state.watch;
        if (now?.chatId === e.chatId && Object.keys(now.stream.pending).length) void this.load(e.chatId, now.stream.lastSeq);
      });
    }
  }

  /** `operator:watch` page after page from `afterSeq`; the first load of a chat is a replay (no announcements). */
  async load(chatId: string, afterSeq: number): Promise<void> {
    const source = afterSeq === 0 ? 'replay' : 'live';
    try {
      for (let page = 0; page < 200; page++) {
        const result = await this.request('operator:watch', { chatId, afterSeq, limit: WATCH_PAGE });
        if (this.state.watch?.chatId !== chatId) return;
        if (!result.hasMore) this.state.upsertActivity(result.activity);
        this.state.applyWatchEvents(chatId, result.events, { source, after: afterSeq });
        const last = result.events.at(-1);
        if (!result.hasMore || !last) break;
        afterSeq = last.seq;
      }
      this.state.setWatch({ loading: false, error: null });
    } catch (err) {
      // A chat switched away from meanwhile must not show this one's error.
      if (this.state.watch?.chatId === chatId) this.state.setWatch({ loading: false, error: toSendError(err).message });
    }
  }
}
