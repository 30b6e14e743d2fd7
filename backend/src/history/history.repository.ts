import { sql } from 'kysely';
import type { DraftEvent } from '@app/shared';
import type { DbOrTrx } from '../db/database';
import type { ChatHistoryRow } from '../db/schema';
import { contentOf, messageTypeOf, payloadOf } from './history.mapper';

/** Who and what an event belongs to: the four IDs (chat, connection, intent, session) and the person. */
export interface EventIds {
  chatId: string;
  userId: string;
  connectionId: string | null;
  intentId: string | null;
  sessionId: string | null;
}

export interface PendingRow {
  ids: EventIds;
  draft: DraftEvent;
  clientMessageId?: string | null;
  isComplete?: boolean;
}

/** A user message whose turn is finished (see markTurnComplete), written with a batch. */
export interface TurnCompletion {
  seq: number;
  bind?: { intentId: string | null; sessionId: string | null };
}

export interface InsertedRow {
  seq: number;
  timestamp: Date;
}

/**
 * Stores a batch of events of one chat in ONE statement: the chat's `last_seq` is advanced by
 * the batch size (the row lock serialises writers, across processes and nodes, so seq stays
 * gapless) and every row is inserted with its seq. A failure stores nothing and reserves
 * nothing. Returns rows in batch order; an unknown chat returns [].
 *
 * `completions` marks finished turns (markTurnComplete) atomically with the batch, which saves
 * the turn's separate update and its commit.
 *
 * The rows travel as ONE json parameter, so the statement text is the same whatever the batch
 * size: the server parses and plans it once per connection (a prepared statement, see
 * database.ts), and only one row comes back (all rows of a statement share its timestamp).
 */
export async function insertBatch(db: DbOrTrx, chatId: string, rows: PendingRow[], completions: TurnCompletion[] = []): Promise<InsertedRow[]> {
  const n = rows.length;
  if (!n) return [];
  // markTurnComplete of the turns in `completions`, in the same statement (an empty list is a no-op).
  const done = JSON.stringify(completions.map((c) => ({ q: c.seq, b: !!c.bind?.intentId, i: c.bind?.intentId ?? null, s: c.bind?.sessionId ?? null })));
  const json = JSON.stringify(rows.map((r, i) => ({
    o: i + 1, u: r.ids.userId, c: r.ids.connectionId, s: r.ids.sessionId, i: r.ids.intentId, t: messageTypeOf(r.draft.type),
    x: contentOf(r.draft), p: payloadOf(r.draft), m: r.clientMessageId ?? null, d: r.isComplete ?? true,
  })));
  const result = await sql<{ last_seq: number | null; ts: Date; n: number }>`
    with s as (
      update user_chats set last_seq = last_seq + ${n}::int, updated_at = now() where id = ${chatId} returning last_seq
    ), ins as (
      insert into chat_history (user_chat_id, seq, user_id, socket_connection_id, session_id, user_intent_id,
        message_type, content, payload, client_message_id, is_complete)
      select ${chatId}, s.last_seq - ${n}::int + v.o, v.u, v.c, v.s, v.i, v.t, v.x, v.p, v.m, v.d
      from s cross join json_to_recordset(${json}::json) as v(o int, u text, c text, s text, i text, t text, x text, p jsonb, m text, d boolean)
      order by v.o
      returning 1
    ), done as (
      update chat_history h set is_complete = true,
        user_intent_id = case when d.b then d.i else h.user_intent_id end,
        session_id = case when d.b then d.s else h.session_id end
      from s cross join json_to_recordset(${done}::json) as d(q int, b boolean, i text, s text)
      where h.user_chat_id = ${chatId} and h.seq = d.q
      returning 1
    )
    select (select last_seq from s) as last_seq, now() as ts, (select count(*)::int from ins) as n`.execute(db);
  const row = result.rows[0];
  if (!row || row.last_seq === null || row.n !== n) return [];
  const first = row.last_seq - n + 1;
  const ts = row.ts instanceof Date ? row.ts : new Date(row.ts);
  return rows.map((_, i) => ({ seq: first + i, timestamp: ts }));
}

/** Events of a chat after `afterSeq`, in seq order, at most `limit`. */
export function listAfter(db: DbOrTrx, chatId: string, afterSeq: number, limit: number): Promise<ChatHistoryRow[]> {
  return db
    .selectFrom('chat_history')
    .selectAll()
    .where('user_chat_id', '=', chatId)
    .where('seq', '>', afterSeq)
    .orderBy('seq')
    .limit(limit)
    .execute();
}

/** The stored row of a client message id, if that message was already received. */
export function findByClientMessageId(db: DbOrTrx, chatId: string, clientMessageId: string) {
  return db
    .selectFrom('chat_history')
    .select(['seq', 'is_complete', 'user_intent_id'])
    .where('user_chat_id', '=', chatId)
    .where('client_message_id', '=', clientMessageId)
    .executeTakeFirst();
}

/**
 * Marks a user message's turn finished (crash recovery looks for unfinished ones) and binds
 * it to the intent and session the turn ended up serving.
 */
export async function markTurnComplete(db: DbOrTrx, chatId: string, seq: number, bind?: { intentId: string | null; sessionId: string | null }): Promise<void> {
  await db.updateTable('chat_history')
    .set({ is_complete: true, ...(bind?.intentId ? { user_intent_id: bind.intentId, session_id: bind.sessionId } : {}) })
    .where('user_chat_id', '=', chatId).where('seq', '=', seq).execute();
}

/** User turns that started and never finished, e.g. after `kill -9`. */
export function listIncompleteTurns(db: DbOrTrx, olderThan: Date) {
  return db
    .selectFrom('chat_history')
    .select(['user_chat_id', 'seq', 'user_id', 'user_intent_id', 'session_id', 'client_message_id'])
    .where('is_complete', '=', false)
    .where('timestamp', '<', olderThan)
    .orderBy('user_chat_id')
    .orderBy('seq')
    .execute();
}

/** Flags every event of an intent as belonging to an abandoned intent. */
export async function markIntentAbandoned(db: DbOrTrx, intentId: string): Promise<void> {
  await db.updateTable('chat_history').set({ abandoned: true }).where('user_intent_id', '=', intentId).execute();
}

export function isUniqueViolation(err: unknown): boolean {
  return (err as { code?: string } | null)?.code === '23505';
}

/** The last `limit` things said in a chat (person and assistant), oldest first: context for the LLM. */
export async function recentConversation(db: DbOrTrx, chatId: string, limit: number): Promise<Array<{ role: 'user' | 'assistant'; text: string }>> {
  const rows = await db.selectFrom('chat_history').select(['message_type', 'content'])
    .where('user_chat_id', '=', chatId).where('message_type', 'in', ['user', 'ai'])
    .orderBy('seq', 'desc').limit(limit).execute();
  return rows.reverse().map((r) => ({ role: r.message_type === 'user' ? 'user' as const : 'assistant' as const, text: r.content ?? '' }));
}
