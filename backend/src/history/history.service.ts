import type { ChatEvent, HistoryRow } from '@app/shared';
import type { Db } from '../db/database';
import { rowToEvent, rowToHistory } from './history.mapper';
import { listAfter } from './history.repository';

/** Reading a chat's stored events back, in pages. */
export class HistoryService {
  constructor(private readonly db: Db) {}

  /** Events after `afterSeq` (at most `limit`), whether more follow, and the chat's last seq. */
  async page(chatId: string, afterSeq: number, limit: number): Promise<{ events: ChatEvent[]; hasMore: boolean; lastSeq: number }> {
    const rows = await listAfter(this.db, chatId, afterSeq, limit + 1);
    const hasMore = rows.length > limit;
    const events = rows.slice(0, limit).map(rowToEvent);
    const chat = await this.db.selectFrom('user_chats').select('last_seq').where('id', '=', chatId).executeTakeFirst();
    return { events, hasMore, lastSeq: chat?.last_seq ?? 0 };
  }

  /** REST history rows: events plus their four IDs. */
  async rows(chatId: string, afterSeq: number, limit: number): Promise<{ events: HistoryRow[]; hasMore: boolean }> {
    const rows = await listAfter(this.db, chatId, afterSeq, limit + 1);
    return { events: rows.slice(0, limit).map(rowToHistory), hasMore: rows.length > limit };
  }
}
