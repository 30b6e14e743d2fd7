import { TOOL_INTENTS, type IntentParams } from '@app/shared';
import type { DbOrTrx } from '../db/database';
import type { BackendSessionRow, UserIntentRow, UserIntentUpdate } from '../db/schema';

export async function insertIntent(
  db: DbOrTrx,
  row: { id: string; chatId: string; userId: string; intent: string; params: IntentParams; missing: string[]; status?: 'active' | 'completed' },
): Promise<UserIntentRow> {
  const now = new Date();
  return db
    .insertInto('user_intents')
    .values({
      id: row.id, user_chat_id: row.chatId, user_id: row.userId, intent: row.intent,
      params: JSON.stringify(row.params), missing: JSON.stringify(row.missing), status: row.status ?? 'active',
      created_at: now, updated_at: now, last_activity_at: now, ended_at: row.status === 'completed' ? now : null,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/**
 * insertIntent and its first backend session in ONE statement (the session row is fully
 * given here, so it is built from what was inserted instead of being read back).
 */
export async function insertIntentWithSession(
  db: DbOrTrx,
  row: Parameters<typeof insertIntent>[1] & { result?: Record<string, unknown> | null; createdAt?: Date },
  session: { id: string; ttlMs: number; state?: BackendSessionRow['state'] },
): Promise<{ row: UserIntentRow; session: BackendSessionRow }> {
  const now = row.createdAt ?? new Date();
  const sessionRow: BackendSessionRow = {
    id: session.id, user_intent_id: row.id, state: session.state ?? 'active',
    expires_at: new Date(now.getTime() + session.ttlMs), created_at: now, last_seen_at: now,
  };
  const inserted = await db
    .with('i', (q) => q.insertInto('user_intents').values({
      id: row.id, user_chat_id: row.chatId, user_id: row.userId, intent: row.intent,
      params: JSON.stringify(row.params), missing: JSON.stringify(row.missing), status: row.status ?? 'active',
      created_at: now, updated_at: now, last_activity_at: now, ended_at: row.status === 'completed' ? now : null,
      ...(row.result ? { result: JSON.stringify(row.result) } : {}),
    }).returningAll())
    .with('s', (q) => q.insertInto('backend_sessions').values(sessionRow).returning('id'))
    .selectFrom('i').selectAll()
    .executeTakeFirstOrThrow();
  return { row: inserted as UserIntentRow, session: sessionRow };
}

export function findIntent(db: DbOrTrx, intentId: string): Promise<UserIntentRow | undefined> {
  return db.selectFrom('user_intents').selectAll().where('id', '=', intentId).executeTakeFirst();
}

/** The chat's newest tool intent, whatever its state (requests that needed no tool are skipped). */
export function findLatestIntent(db: DbOrTrx, chatId: string): Promise<UserIntentRow | undefined> {
  return db.selectFrom('user_intents').selectAll().where('user_chat_id', '=', chatId).where('intent', 'in', [...TOOL_INTENTS])
    .orderBy('created_at', 'desc').orderBy('id', 'desc').limit(1).executeTakeFirst();
}

export function findActiveIntent(db: DbOrTrx, chatId: string): Promise<UserIntentRow | undefined> {
  return db.selectFrom('user_intents').selectAll().where('user_chat_id', '=', chatId).where('status', '=', 'active')
    .orderBy('created_at', 'desc').limit(1).executeTakeFirst();
}

/** Who owns a chat, whether its assistant is paused, its title: what a new message needs to know of it. */
export interface ChatForMessage {
  userId: string;
  assistantPaused: boolean;
  title: string | null;
}

/**
 * The chat (see ChatForMessage) and its active intent in ONE statement: a message's first
 * database round trip. Undefined when the chat does not exist.
 */
export async function findChatWithActiveIntent(db: DbOrTrx, chatId: string): Promise<{ chat: ChatForMessage; intent: UserIntentRow | undefined } | undefined> {
  const row = await db.selectFrom('user_chats as c')
    .leftJoin('user_intents as i', (j) => j.onRef('i.user_chat_id', '=', 'c.id').on('i.status', '=', 'active'))
    .select(['c.user_id as chat_user_id', 'c.assistant_paused as chat_paused', 'c.title as chat_title'])
    .selectAll('i')
    .where('c.id', '=', chatId)
    .orderBy('i.created_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (!row) return undefined;
  const { chat_user_id: userId, chat_paused: assistantPaused, chat_title: title, ...intent } = row;
  return { chat: { userId, assistantPaused, title }, intent: intent.id === null ? undefined : (intent as UserIntentRow) };
}

/** The newest abandoned intent that can still be resumed. */
export function findResumableIntent(db: DbOrTrx, chatId: string): Promise<UserIntentRow | undefined> {
  return db.selectFrom('user_intents').selectAll().where('user_chat_id', '=', chatId)
    .where('status', '=', 'abandoned').where('resumable', '=', true)
    .orderBy('updated_at', 'desc').limit(1).executeTakeFirst();
}

export function listIntentsOfChat(db: DbOrTrx, chatId: string): Promise<UserIntentRow[]> {
  return db.selectFrom('user_intents').selectAll().where('user_chat_id', '=', chatId).orderBy('created_at').execute();
}

export async function updateIntent(db: DbOrTrx, intentId: string, patch: UserIntentUpdate): Promise<UserIntentRow | undefined> {
  return db.updateTable('user_intents').set({ ...patch, updated_at: new Date() }).where('id', '=', intentId).returningAll().executeTakeFirst();
}

/**
 * Moves an intent from `from` to `to` only if it is still in `from`: the compare-and-set that
 * makes a double-clicked submit or a retried action execute once.
 */
export async function transitionIntent(
  db: DbOrTrx, intentId: string, from: UserIntentRow['status'], patch: UserIntentUpdate,
): Promise<UserIntentRow | undefined> {
  return db.updateTable('user_intents').set({ ...patch, updated_at: new Date() })
    .where('id', '=', intentId).where('status', '=', from).returningAll().executeTakeFirst();
}

/**
 * transitionIntent that also closes the intent's active backend sessions when (and only when)
 * the transition happened, in one statement.
 */
export async function transitionIntentClosingSessions(
  db: DbOrTrx, intentId: string, from: UserIntentRow['status'], patch: UserIntentUpdate,
): Promise<UserIntentRow | undefined> {
  return db
    .with('t', (q) => q.updateTable('user_intents').set({ ...patch, updated_at: new Date() })
      .where('id', '=', intentId).where('status', '=', from).returningAll())
    .with('c', (q) => q.updateTable('backend_sessions').set({ state: 'closed' })
      .where('user_intent_id', 'in', q.selectFrom('t').select('t.id')).where('state', '=', 'active').returning('id'))
    .selectFrom('t').selectAll()
    .executeTakeFirst() as Promise<UserIntentRow | undefined>;
}

/** Active intents idle since before `before` (for the abandonment sweep). */
export function listIdleActiveIntents(db: DbOrTrx, before: Date, limit = 100): Promise<UserIntentRow[]> {
  return db.selectFrom('user_intents').selectAll().where('status', '=', 'active').where('last_activity_at', '<', before).limit(limit).execute();
}

export async function deleteIntentsOfChat(db: DbOrTrx, chatId: string): Promise<number> {
  const res = await db.deleteFrom('user_intents').where('user_chat_id', '=', chatId).executeTakeFirst();
  return Number(res.numDeletedRows ?? 0);
}
