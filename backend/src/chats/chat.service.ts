import { randomUUID } from 'node:crypto';
import type { ChatSummary } from '@app/shared';
import type { Db } from '../db/database';
import type { UserChatRow } from '../db/schema';
import { AppError } from '../errors/app-error';
import { toIso } from '../history/history.mapper';
import { createChat, findChat, listAllChats, listChatsOfUser } from './chat.repository';

/** Who is asking: the verified token's subject and role. */
export interface Principal {
  userId: string;
  role: 'user' | 'admin';
}

export function toChatSummary(row: UserChatRow): ChatSummary {
  return { chatId: row.id, title: row.title, lastSeq: row.last_seq, createdAt: toIso(row.created_at), updatedAt: toIso(row.updated_at) };
}

/** Chats and who may see them. Another person's chat is `not_found`, never `forbidden`: no existence leak. */
export class ChatService {
  constructor(private readonly db: Db) {}

  create(owner: Principal, title?: string | null): Promise<UserChatRow> {
    return createChat(this.db, { id: randomUUID(), userId: owner.userId, title });
  }

  /** The chat if `who` may read and write it; admins may read every chat. */
  async getOwned(who: Principal, chatId: string, opts: { allowAdmin?: boolean } = {}): Promise<UserChatRow> {
    const chat = await findChat(this.db, chatId);
    if (!chat) throw AppError.notFound('Chat');
    if (chat.user_id !== who.userId && !(opts.allowAdmin && who.role === 'admin')) throw AppError.notFound('Chat');
    return chat;
  }

  list(who: Principal, opts: { all?: boolean } = {}): Promise<UserChatRow[]> {
    if (opts.all && who.role === 'admin') return listAllChats(this.db);
    return listChatsOfUser(this.db, who.userId);
  }
}
