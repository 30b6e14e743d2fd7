import { randomUUID } from 'node:crypto';
import type { ChatActivity, ChatActivityUpdate, ChatEvent } from '@app/shared';
import type { Db } from '../db/database';
import type { UserChatRow } from '../db/schema';
import { AppError } from '../errors/app-error';
import type { ChatLog } from '../history/chat-log';
import { toIso } from '../history/history.mapper';
import type { IntentService } from '../intents/intent.service';
import type { Presence } from '../connection/presence';
import type { Principal } from '../chats/chat.service';

/** The operator's display name: the part of the id after "operator:" if any. */
export function operatorName(who: Principal): string {
  return who.userId.replace(/^operator:/, '') || 'Operator';
}

/** What an event says, in one line for the chat list. */
export function summarizeEvent(e: ChatEvent): ChatActivity['lastMessage'] {
  switch (e.type) {
    case 'user':
    case 'response':
    case 'operator':
      return { type: e.type, text: e.text, ts: e.ts };
    case 'error':
      return { type: e.type, text: e.message, ts: e.ts };
    default:
      return null;
  }
}

/**
 * The support desk: every chat's state for the console, and taking a chat over from the
 * assistant and handing it back. Every action is checked for the admin role by the caller
 * and stored in the chat's log with who did it.
 */
export class OperatorService {
  constructor(
    private readonly db: Db,
    private readonly log: ChatLog,
    private readonly intents: IntentService,
    private readonly presence: Presence,
  ) {}

  static assertOperator(who: Principal): void {
    if (who.role !== 'admin') throw new AppError('forbidden', 'This needs the operator (admin) role.');
  }

  async activity(chat: UserChatRow): Promise<ChatActivity> {
    const last = await this.db.selectFrom('chat_history').select(['message_type', 'content', 'timestamp'])
      .where('user_chat_id', '=', chat.id).where('message_type', 'in', ['user', 'ai', 'operator', 'error'])
      .orderBy('seq', 'desc').limit(1).executeTakeFirst();
    const kind: Record<string, string> = { user: 'user', ai: 'response', operator: 'operator', error: 'error' };
    return {
      chatId: chat.id,
      userId: chat.user_id,
      title: chat.title,
      lastSeq: chat.last_seq,
      lastMessage: last ? { type: kind[last.message_type] ?? last.message_type, text: last.content ?? '', ts: toIso(last.timestamp) } : null,
      intent: await this.intents.current(chat.id),
      online: this.presence.isChatOnline(chat.id),
      deliveredSeq: this.presence.deliveredSeq(chat.id),
      paused: chat.assistant_paused,
      pausedBy: chat.paused_by,
      updatedAt: toIso(chat.updated_at),
    };
  }

  async list(limit = 200): Promise<ChatActivity[]> {
    const chats = await this.db.selectFrom('user_chats').selectAll().orderBy('updated_at', 'desc').limit(limit).execute();
    return Promise.all(chats.map((c) => this.activity(c)));
  }

  async chat(chatId: string): Promise<UserChatRow> {
    const chat = await this.db.selectFrom('user_chats').selectAll().where('id', '=', chatId).executeTakeFirst();
    if (!chat) throw AppError.notFound('Chat');
    return chat;
  }

  /** Pauses the assistant for the chat; the person's messages wait for the operator. */
  async takeover(who: Principal, chatId: string): Promise<UserChatRow> {
    return this.setPaused(who, chatId, true);
  }

  /** Gives the chat back to the assistant; the intent is still where it was. */
  async handback(who: Principal, chatId: string): Promise<UserChatRow> {
    return this.setPaused(who, chatId, false);
  }

  /** An operator message, stored and delivered like every event. Only while taken over. */
  async send(who: Principal, chatId: string, clientMessageId: string, text: string): Promise<{ seq: number; duplicate: boolean }> {
    const chat = await this.chat(chatId);
    if (!chat.assistant_paused) throw new AppError('conflict', 'Take the chat over before answering as an operator.');
    const ids = await this.idsOf(chat);
    const stored = await this.log.appendUserMessage(
      ids,
      { type: 'operator', kind: 'message', text, operatorId: who.userId, operatorName: operatorName(who) },
      `operator:${clientMessageId}`,
    );
    await this.db.updateTable('chat_history').set({ is_complete: true }).where('user_chat_id', '=', chatId).where('seq', '=', stored.seq).execute();
    return { seq: stored.seq, duplicate: stored.duplicate };
  }

  private async setPaused(who: Principal, chatId: string, paused: boolean): Promise<UserChatRow> {
    const before = await this.chat(chatId);
    const updated = await this.db.updateTable('user_chats')
      .set({ assistant_paused: paused, paused_by: paused ? who.userId : null })
      .where('id', '=', chatId).where('assistant_paused', '=', !paused)
      .returningAll().executeTakeFirst();
    if (!updated) return before; // already in that state: nothing to record twice
    const name = operatorName(who);
    await this.log.append(await this.idsOf(updated), {
      type: 'operator',
      kind: paused ? 'takeover' : 'handback',
      text: paused ? `${name} joined the conversation.` : `${name} handed the conversation back to the assistant.`,
      operatorId: who.userId,
      operatorName: name,
    });
    return this.chat(chatId);
  }

  private async idsOf(chat: UserChatRow) {
    const current = await this.intents.current(chat.id);
    return { chatId: chat.id, userId: chat.user_id, connectionId: `operator-${randomUUID()}`, intentId: current?.intentId ?? null, sessionId: current?.sessionId ?? null };
  }
}

/** A console update derived from a stored event, without another query. */
export function activityFromEvent(e: ChatEvent, online: boolean, deliveredSeq: number): ChatActivityUpdate {
  const update: ChatActivityUpdate = { chatId: e.chatId, lastSeq: e.seq, online, deliveredSeq, updatedAt: e.ts };
  const summary = summarizeEvent(e);
  if (summary) update.lastMessage = summary;
  if (e.type === 'session') {
    update.intent = {
      intentId: e.intentId, sessionId: e.sessionId, intent: e.intent, state: e.state, resumable: e.resumable,
      params: e.params, missing: e.missing ?? [], componentId: null, createdAt: e.ts, updatedAt: e.ts,
    };
  }
  if (e.type === 'operator' && e.kind !== 'message') {
    update.paused = e.kind === 'takeover';
    update.pausedBy = e.kind === 'takeover' ? e.operatorId : null;
  }
  return update;
}
