import type { ChatEvent, ChatSummary, HistoryRow } from '@app/shared';
import type { AppStore, OutboxMessage } from '../store';
import type { Http } from './http';
import { toSendError } from './errors';

export interface FallbackOptions {
  http: Http;
  store: AppStore;
  /** Told after every poll whether REST answered: drives "polling" vs "offline". */
  onHealth(ok: boolean, error?: string): void;
  intervalMs: number;
}

/**
 * When the socket cannot connect, the chat keeps working over REST: the open chat's history
 * is polled every few seconds and messages are POSTed. It only runs while the socket is down.
 */
export class RestFallback {
  private timer: ReturnType<typeof setTimeout> | null = null;
  private running = false;
  private polling = false;
  /** Did the last poll succeed? Sends go over REST only then. */
  healthy = false;

  constructor(private readonly opts: FallbackOptions) {}

  get active(): boolean {
    return this.running;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    void this.tick();
  }

  stop(): void {
    this.running = false;
    this.healthy = false;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  /** Poll at once (Retry button, a seq gap, a chat switch) instead of waiting for the timer. */
  pollNow(): void {
    if (!this.running) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    void this.tick();
  }

  async sendMessage(item: OutboxMessage): Promise<void> {
    const answer = await this.opts.http.post<{ events?: ChatEvent[] }>(
      `/api/chats/${encodeURIComponent(item.chatId)}/messages`,
      { clientMessageId: item.id, text: item.text },
    );
    // The answer holds the turn's events; they go through the same seq ordering as everything.
    if (Array.isArray(answer?.events)) {
      const { store } = this.opts;
      store.getState().openStream(item.chatId);
      store.getState().applyEvents(item.chatId, answer.events, { source: 'live' });
    }
  }

  private async tick(): Promise<void> {
    if (this.polling) return;
    this.polling = true;
    let next = this.opts.intervalMs;
    try {
      const more = await this.pollOnce();
      this.healthy = true;
      this.opts.onHealth(true);
      // The history is paged: fetch the next page at once rather than in a few seconds.
      if (more) next = 0;
    } catch (err) {
      this.healthy = false;
      this.opts.onHealth(false, toSendError(err).message);
    } finally {
      this.polling = false;
      if (this.running) this.timer = setTimeout(() => void this.tick(), next);
    }
  }

  /** Applies what is new in the open chat; true when the server has more pages. */
  private async pollOnce(): Promise<boolean> {
    const { http, store } = this.opts;
    let chatId = store.getState().currentChatId;
    if (!chatId) {
      // Nothing open yet (first visit while the socket is down): open the most recent chat,
      // or start one, as `chat:join` without a chatId would.
      const { chats } = await http.get<{ chats: ChatSummary[] }>('/api/chats');
      store.getState().setChats(chats ?? []);
      chatId = store.getState().chats[0]?.chatId ?? null;
      if (!chatId) {
        const created = await http.post<ChatSummary>('/api/chats', {});
        store.getState().upsertChat(created);
        chatId = created.chatId;
      }
      store.getState().selectChat(chatId);
    }
    store.getState().openStream(chatId);
    const afterSeq = store.getState().streams[chatId]?.lastSeq ?? 0;
    const { events, hasMore } = await http.get<{ events: HistoryRow[]; hasMore?: boolean }>(
      `/api/chats/${encodeURIComponent(chatId)}/history?afterSeq=${afterSeq}`,
    );
    if (!Array.isArray(events) || events.length === 0) return false;
    // HistoryRow is a ChatEvent plus bookkeeping ids; the extra fields are harmless to keep.
    const applied = store.getState().applyEvents(chatId, events as ChatEvent[], {
      source: afterSeq === 0 ? 'replay' : 'live',
      after: afterSeq,
    });
    return hasMore === true && applied.length > 0;
  }
}
