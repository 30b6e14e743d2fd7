import type { DbOrTrx } from '../db/database';
import type { BackendSessionRow } from '../db/schema';

export async function insertSession(db: DbOrTrx, s: { id: string; intentId: string; ttlMs: number }): Promise<BackendSessionRow> {
  const now = new Date();
  return db.insertInto('backend_sessions')
    .values({ id: s.id, user_intent_id: s.intentId, state: 'active', expires_at: new Date(now.getTime() + s.ttlMs), created_at: now, last_seen_at: now })
    .returningAll().executeTakeFirstOrThrow();
}

export function findSession(db: DbOrTrx, sessionId: string): Promise<BackendSessionRow | undefined> {
  return db.selectFrom('backend_sessions').selectAll().where('id', '=', sessionId).executeTakeFirst();
}

/** The intent's newest session. */
export function findLatestSessionOfIntent(db: DbOrTrx, intentId: string): Promise<BackendSessionRow | undefined> {
  return db.selectFrom('backend_sessions').selectAll().where('user_intent_id', '=', intentId)
    .orderBy('created_at', 'desc').limit(1).executeTakeFirst();
}

/** Extends a live session; returns undefined when it already expired. */
export async function touchSession(db: DbOrTrx, sessionId: string, ttlMs: number): Promise<BackendSessionRow | undefined> {
  const now = new Date();
  return db.updateTable('backend_sessions')
    .set({ last_seen_at: now, expires_at: new Date(now.getTime() + ttlMs) })
    .where('id', '=', sessionId).where('state', '=', 'active').where('expires_at', '>', now)
    .returningAll().executeTakeFirst();
}

export async function setSessionState(db: DbOrTrx, sessionId: string, state: BackendSessionRow['state']): Promise<void> {
  await db.updateTable('backend_sessions').set({ state }).where('id', '=', sessionId).execute();
}

/** Marks sessions past their expiry as expired; returns how many. */
export async function expireSessions(db: DbOrTrx, now = new Date()): Promise<number> {
  const res = await db.updateTable('backend_sessions').set({ state: 'expired' })
    .where('state', '=', 'active').where('expires_at', '<=', now).executeTakeFirst();
  return Number(res.numUpdatedRows ?? 0);
}
