import { randomUUID } from 'node:crypto';
import type { IntentName, IntentParams, IntentSummary } from '@app/shared';
import type { Db, DbOrTrx } from '../db/database';
import type { BackendSessionRow, UserIntentRow } from '../db/schema';
import { toIso } from '../history/history.mapper';
import { markIntentAbandoned } from '../history/history.repository';
import {
  findActiveIntent, findIntent, findLatestIntent, findResumableIntent, insertIntentWithSession, transitionIntent,
  transitionIntentClosingSessions, updateIntent,
} from './intent.repository';
import { findLatestSessionOfIntent, insertSession, setSessionState, touchSession } from '../sessions/session.repository';

/** Ids reserved at the start of a turn so that its first events already carry them. */
export interface ReservedIds {
  intentId: string;
  sessionId: string;
}

export function reserveIds(): ReservedIds {
  return { intentId: randomUUID(), sessionId: randomUUID() };
}

export interface LiveIntent {
  row: UserIntentRow;
  session: BackendSessionRow;
  /**
   * Not stored yet (see IntentService.draft): `persist` stores it. A request complete in one
   * message is then stored once, already finished, inside the tool's transaction.
   */
  unsaved?: boolean;
}

export function toIntentSummary(row: UserIntentRow, sessionId: string | null): IntentSummary {
  return {
    intentId: row.id,
    sessionId,
    intent: row.intent as IntentName,
    state: row.status,
    resumable: row.status === 'abandoned' && row.resumable,
    params: row.params as IntentParams,
    missing: row.missing as string[],
    componentId: row.component_id,
    createdAt: toIso(row.created_at),
    updatedAt: toIso(row.updated_at),
  };
}

/**
 * The lifecycle of user intents and their backend sessions, all in the database so that
 * any node can pick a chat up. State changes are compare-and-set on `status`, which is what
 * makes a double submit or a retried action run once.
 */
export class IntentService {
  constructor(private readonly db: Db, private readonly sessionTtlMs: number) {}

  async summaryOf(row: UserIntentRow, db: DbOrTrx = this.db): Promise<IntentSummary> {
    const session = await findLatestSessionOfIntent(db, row.id);
    return toIntentSummary(row, session?.id ?? null);
  }

  /** The chat's newest intent with its state, for `chat:join`. */
  async current(chatId: string): Promise<IntentSummary | null> {
    const row = await findLatestIntent(this.db, chatId);
    return row ? this.summaryOf(row) : null;
  }

  get(intentId: string): Promise<UserIntentRow | undefined> {
    return findIntent(this.db, intentId);
  }

  /** The chat's active intent with a live session (renewed, or a new one if it expired). */
  async active(chatId: string): Promise<LiveIntent | undefined> {
    return this.live(await findActiveIntent(this.db, chatId));
  }

  /** An active intent row with a live session (renewed, or a new one if it expired). */
  async live(row: UserIntentRow | undefined): Promise<LiveIntent | undefined> {
    if (!row) return undefined;
    return { row, session: (await this.ensureSession(row.id)).session };
  }

  resumable(chatId: string): Promise<UserIntentRow | undefined> {
    return findResumableIntent(this.db, chatId);
  }

  /** A new active intent and its first backend session (ids may be reserved earlier in the turn). */
  async start(chatId: string, userId: string, intent: IntentName, params: IntentParams, ids: Partial<ReservedIds> = {}): Promise<LiveIntent> {
    return insertIntentWithSession(this.db, { id: ids.intentId ?? randomUUID(), chatId, userId, intent, params, missing: [] },
      { id: ids.sessionId ?? randomUUID(), ttlMs: this.sessionTtlMs });
  }

  /**
   * A new active intent and its session as they will be stored, without storing them: the
   * turn's events can carry their ids at once, and a request that completes in this turn
   * costs one insert (see persist) instead of an insert and an update.
   */
  draft(chatId: string, userId: string, intent: IntentName, ids: Partial<ReservedIds> = {}): LiveIntent {
    const now = new Date();
    const id = ids.intentId ?? randomUUID();
    return {
      unsaved: true,
      row: {
        id, user_chat_id: chatId, user_id: userId, intent, params: {}, missing: [], status: 'active', resumable: false,
        component_id: null, component_version: 0, abandon_reason: null, resumed_count: 0, result: null,
        created_at: now, updated_at: now, last_activity_at: now, ended_at: null,
      },
      session: { id: ids.sessionId ?? randomUUID(), user_intent_id: id, state: 'active', expires_at: new Date(now.getTime() + this.sessionTtlMs), created_at: now, last_seen_at: now },
    };
  }

  /**
   * Stores a drafted intent (no-op when already stored): active with its parameters so far, or
   * completed with the tool's result (its session closed). Updates `live` in place.
   */
  async persist(live: LiveIntent, state: { status: 'active' | 'completed'; params: IntentParams; result?: Record<string, unknown> }, db: DbOrTrx = this.db): Promise<LiveIntent> {
    if (!live.unsaved) return live;
    const stored = await insertIntentWithSession(db, {
      id: live.row.id, chatId: live.row.user_chat_id, userId: live.row.user_id, intent: live.row.intent, params: state.params,
      missing: [], status: state.status, result: state.result ?? null, createdAt: live.row.created_at,
    }, { id: live.session.id, ttlMs: this.sessionTtlMs, state: state.status === 'completed' ? 'closed' : 'active' });
    return stored;
  }

  /** persist() as part of a transaction that may still roll back: apply its result with `adopt` after the commit. */
  adopt(live: LiveIntent, stored: LiveIntent): void {
    live.row = stored.row;
    live.session = stored.session;
    live.unsaved = false;
  }

  /**
   * Records a request that needed no tool (out of scope, a question back, "cancel" with
   * nothing to cancel) as an intent that is already over, so its events still carry an
   * intent and a session like every other event.
   */
  async recordClosed(chatId: string, userId: string, intent: IntentName, ids: ReservedIds): Promise<void> {
    await insertIntentWithSession(this.db, { id: ids.intentId, chatId, userId, intent, params: {}, missing: [], status: 'completed' },
      { id: ids.sessionId, ttlMs: 0, state: 'closed' });
  }

  /** Keeps the intent's session alive, or opens a new one when it expired. */
  async ensureSession(intentId: string): Promise<{ session: BackendSessionRow; reopened: boolean }> {
    const latest = await findLatestSessionOfIntent(this.db, intentId);
    if (latest) {
      const touched = await touchSession(this.db, latest.id, this.sessionTtlMs);
      if (touched) return { session: touched, reopened: false };
      await setSessionState(this.db, latest.id, 'expired');
    }
    const session = await insertSession(this.db, { id: randomUUID(), intentId, ttlMs: this.sessionTtlMs });
    return { session, reopened: true };
  }

  async saveProgress(
    intentId: string,
    patch: { params?: IntentParams; missing?: string[]; componentId?: string | null; componentVersion?: number },
  ): Promise<UserIntentRow> {
    const row = await updateIntent(this.db, intentId, {
      ...(patch.params ? { params: JSON.stringify(patch.params) } : {}),
      ...(patch.missing ? { missing: JSON.stringify(patch.missing) } : {}),
      ...(patch.componentId !== undefined ? { component_id: patch.componentId } : {}),
      ...(patch.componentVersion !== undefined ? { component_version: patch.componentVersion } : {}),
      last_activity_at: new Date(),
    });
    if (!row) throw new Error(`intent ${intentId} vanished`);
    return row;
  }

  /** active -> completed | cancelled. Undefined when it was no longer active (someone else finished it). */
  async finish(intentId: string, status: 'completed' | 'cancelled', result?: Record<string, unknown>, db: DbOrTrx = this.db) {
    return transitionIntentClosingSessions(db, intentId, 'active', {
      status, ended_at: new Date(), resumable: false, missing: JSON.stringify([]),
      ...(result ? { result: JSON.stringify(result) } : {}),
    });
  }

  /** active -> abandoned (resumable); its events are flagged `abandoned` in chat_history. */
  async abandon(intentId: string, reason: string, db: DbOrTrx = this.db): Promise<UserIntentRow | undefined> {
    const row = await transitionIntent(db, intentId, 'active', { status: 'abandoned', resumable: true, abandon_reason: reason, ended_at: new Date() });
    if (row) await markIntentAbandoned(db, intentId);
    return row;
  }

  /** abandoned -> active again, with a live session (the old one if alive, else a new one). */
  async resume(intentId: string): Promise<(LiveIntent & { reopened: boolean }) | undefined> {
    const row = await transitionIntent(this.db, intentId, 'abandoned', { status: 'active', resumable: false, abandon_reason: null, ended_at: null, last_activity_at: new Date() });
    if (!row) return undefined;
    await updateIntent(this.db, intentId, { resumed_count: row.resumed_count + 1 });
    const { session, reopened } = await this.ensureSession(intentId);
    return { row: { ...row, resumed_count: row.resumed_count + 1 }, session, reopened };
  }
}
