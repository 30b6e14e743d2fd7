import type { AppStore } from '../store';
import { toSendError } from './errors';
import type { Request } from './protocol';

const MAX_JOIN_PAGES = 200;

/**
 * Replays a chat over the socket: `chat:join` from the last applied seq, page after page,
 * after every (re)connect, chat switch and unfilled seq gap.
 */
export class ChatSync {
  constructor(
    private readonly store: AppStore,
    private readonly request: Request,
    private readonly loadChats: () => Promise<void>,
  ) {}

  private get state() {
    return this.store.getState();
  }

  /** Opens the remembered chat, else the most recent one, else a new one. */
  async openCurrentChat(): Promise<void> {
    let chatId = this.state.currentChatId;
    if (!chatId) {
      await this.loadChats();
      chatId = this.state.chats[0]?.chatId ?? null;
      if (chatId) this.state.selectChat(chatId);
    }
    await this.join(chatId);
  }

  /** Joins `chatId` (null asks the server for a new chat) and applies everything after lastSeq. */
  async join(chatId: string | null): Promise<void> {
    if (chatId) this.state.openStream(chatId);
    let afterSeq = chatId ? this.state.streams[chatId]?.lastSeq ?? 0 : 0;
    // Opening a chat from scratch is a replay: no announcements, no focus moves.
    const source = afterSeq === 0 ? 'replay' : 'live';
    for (let page = 0; page < MAX_JOIN_PAGES; page++) {
      let result;
      try {
        result = await this.request('chat:join', chatId ? { chatId, afterSeq } : {});
      } catch (err) {
        const e = toSendError(err);
        if (chatId && page === 0 && (e.code === 'not_found' || e.code === 'forbidden') && chatId === this.state.currentChatId) {
          this.state.selectChat(null); // a chat of an older guest identity, or deleted: start afresh
          return this.join(null);
        }
        throw e;
      }
      if (!chatId) {
        chatId = result.chatId;
        const now = new Date().toISOString();
        this.state.upsertChat({ chatId, title: null, lastSeq: result.lastSeq, createdAt: now, updatedAt: now, intent: result.intent });
        this.state.selectChat(chatId);
      }
      this.state.applyJoinPage(result, afterSeq, source);
      const last = result.events[result.events.length - 1];
      if (!result.hasMore || !last) return;
      afterSeq = last.seq;
    }
  }
}
