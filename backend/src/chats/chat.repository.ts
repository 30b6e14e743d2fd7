import type { DbOrTrx } from '../db/database';
import type { UserChatRow } from '../db/schema';

export async function createChat(db: DbOrTrx, chat: { id: string; userId: string; title?: string | null }): Promise<UserChatRow> {
  return db
    .insertInto('user_chats')
    .values({ id: chat.id, user_id: chat.userId, title: chat.title ?? null, created_at: new Date(), updated_at: new Date() })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export function findChat(db: DbOrTrx, chatId: string): Promise<UserChatRow | undefined> {
  return db.selectFrom('user_chats').selectAll().where('id', '=', chatId).executeTakeFirst();
}

export function listChatsOfUser(db: DbOrTrx, userId: string, limit = 100): Promise<UserChatRow[]> {
  return db.selectFrom('user_chats').selectAll().where('user_id', '=', userId).orderBy('updated_at', 'desc').limit(limit).execute();
}

export function listAllChats(db: DbOrTrx, limit = 500): Promise<UserChatRow[]> {
  return db.selectFrom('user_chats').selectAll().orderBy('updated_at', 'desc').limit(limit).execute();
}

/** Names an untitled chat after its first message. */
export async function setTitleIfEmpty(db: DbOrTrx, chatId: string, title: string): Promise<void> {
  await db.updateTable('user_chats').set({ title }).where('id', '=', chatId).where('title', 'is', null).execute();
}
