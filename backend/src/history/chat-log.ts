import type { ChatEvent, DraftEvent } from '@app/shared';
import type { Db } from '../db/database';
import { AppError } from '../errors/app-error';
import { findByClientMessageId, insertBatch, isUniqueViolation, markTurnComplete, type EventIds, type PendingRow, type TurnCompletion } from './history.repository';
import { payloadOf } from './history.mapper';

/** Where stored events go next: the Socket.IO room, an SSE response, a JSON collector. */
export type EventPublisher = (event: ChatEvent) => void;

interface Waiting extends PendingRow {
  resolve: (event: ChatEvent) => void;
  reject: (err: unknown) => void;
}

interface WaitingCompletion extends TurnCompletion {
  resolve: () => void;
  reject: (err: unknown) => void;
}

/**
 * The one sink of the orchestrator: it assigns each event the chat's next seq, stores it in
 * chat_history with its four IDs, and only then hands it to the publisher. Events of one
 * chat that arrive while a write is in flight are written together in the next statement
 * (group commit), so a turn's steps cost one round trip per burst, not one per event.
 */
export class ChatLog {
  private readonly queues = new Map<string, Waiting[]>();
  private readonly completions = new Map<string, WaitingCompletion[]>();
  private readonly flushing = new Set<string>();
  private readonly idle = new Map<string, Array<() => void>>();

  constructor(private readonly db: Db, private readonly publish: EventPublisher) {}

  /** Stores and publishes one event; resolves with the stored event (seq assigned). */
  append(ids: EventIds, draft: DraftEvent, opts: { isComplete?: boolean } = {}): Promise<ChatEvent> {
    return new Promise<ChatEvent>((resolve, reject) => {
      const queue = this.queues.get(ids.chatId) ?? [];
      queue.push({ ids, draft, isComplete: opts.isComplete, resolve, reject });
      this.queues.set(ids.chatId, queue);
      if (!this.flushing.has(ids.chatId)) void this.flush(ids.chatId);
    });
  }

  /**
   * Stores a user message keyed by its clientMessageId. A key already stored is not stored
   * again: the original seq comes back with `duplicate: true` (the database's unique index
   * decides, so this holds across processes and nodes).
   */
  async appendUserMessage(
    ids: EventIds,
    draft: DraftEvent & { type: 'user' | 'operator' },
    clientMessageId: string,
    opts: { then?: Array<{ ids: EventIds; draft: DraftEvent }> } = {},
  ): Promise<{ event: ChatEvent | null; seq: number; duplicate: boolean; isComplete: boolean; then: ChatEvent[] }> {
    await this.whenIdle(ids.chatId);
    const then = opts.then ?? [];
    try {
      // `then`: events that follow the message at once (the turn's first step), stored in the
      // same statement and published right after it; a duplicate stores none of them.
      const rows = await insertBatch(this.db, ids.chatId, [
        { ids, draft, clientMessageId, isComplete: false },
        ...then.map((t) => ({ ids: t.ids, draft: t.draft })),
      ]);
      if (!rows.length) throw AppError.notFound('Chat');
      const event = this.toEvent(ids, draft, rows[0].seq, rows[0].timestamp);
      this.publish(event);
      const followers = then.map((t, i) => this.toEvent(t.ids, t.draft, rows[i + 1].seq, rows[i + 1].timestamp));
      followers.forEach((e) => this.publish(e));
      return { event, seq: rows[0].seq, duplicate: false, isComplete: false, then: followers };
    } catch (err) {
      if (!isUniqueViolation(err)) throw err;
      const existing = await findByClientMessageId(this.db, ids.chatId, clientMessageId);
      if (!existing) throw err;
      return { event: null, seq: existing.seq, duplicate: true, isComplete: existing.is_complete, then: [] };
    }
  }

  /**
   * Marks a user message's turn finished (markTurnComplete: crash recovery looks for
   * unfinished ones) and binds it to `bind`'s intent and session. While the chat has events
   * queued or being written, this rides along with the next batch (one statement and one
   * commit fewer per turn, and atomic with the turn's last events); otherwise it is written
   * on its own. Resolves once stored.
   */
  completeTurn(chatId: string, seq: number, bind?: TurnCompletion['bind']): Promise<void> {
    if (!this.flushing.has(chatId) && !(this.queues.get(chatId)?.length)) return markTurnComplete(this.db, chatId, seq, bind);
    return new Promise<void>((resolve, reject) => {
      const list = this.completions.get(chatId) ?? [];
      list.push({ seq, bind, resolve, reject });
      this.completions.set(chatId, list);
    });
  }

  /** Resolves once every event queued so far for this chat is stored and published. */
  whenIdle(chatId: string): Promise<void> {
    if (!this.flushing.has(chatId) && !(this.queues.get(chatId)?.length)) return Promise.resolve();
    return new Promise((resolve) => {
      const list = this.idle.get(chatId) ?? [];
      list.push(resolve);
      this.idle.set(chatId, list);
    });
  }

  private async flush(chatId: string): Promise<void> {
    this.flushing.add(chatId);
    try {
      // What the orchestrator says in one go (a step's `done`, the reply, the form, the session
      // state and the turn's completion come within microtasks of each other) goes into one
      // statement: wait for the current macrotask to end before taking the first batch.
      await new Promise<void>((resolve) => setImmediate(resolve));
      for (;;) {
        const batch = this.queues.get(chatId) ?? [];
        const completions = this.completions.get(chatId) ?? [];
        if (!batch.length && !completions.length) break;
        this.queues.delete(chatId);
        this.completions.delete(chatId);
        if (batch.length) await this.writeBatch(chatId, batch, completions);
        else await this.writeCompletions(chatId, completions);
      }
    } finally {
      this.flushing.delete(chatId);
      this.queues.delete(chatId);
      this.completions.get(chatId)?.forEach((c) => c.reject(new Error('chat log flush ended')));
      this.completions.delete(chatId);
      const waiters = this.idle.get(chatId);
      this.idle.delete(chatId);
      waiters?.forEach((w) => w());
    }
  }

  private async writeBatch(chatId: string, batch: Waiting[], completions: WaitingCompletion[]): Promise<void> {
    let rows;
    try {
      rows = await insertBatch(this.db, chatId, batch, completions);
      if (rows.length !== batch.length) throw AppError.notFound('Chat');
    } catch (err) {
      batch.forEach((w) => w.reject(err));
      completions.forEach((c) => c.reject(err));
      return;
    }
    batch.forEach((w, i) => {
      const event = this.toEvent(w.ids, w.draft, rows[i].seq, rows[i].timestamp);
      this.publish(event);
      w.resolve(event);
    });
    completions.forEach((c) => c.resolve());
  }

  private async writeCompletions(chatId: string, completions: WaitingCompletion[]): Promise<void> {
    for (const c of completions) {
      try {
        await markTurnComplete(this.db, chatId, c.seq, c.bind);
        c.resolve();
      } catch (err) {
        c.reject(err);
      }
    }
  }

  private toEvent(ids: EventIds, draft: DraftEvent, seq: number, ts: Date): ChatEvent {
    return {
      ...payloadOf(draft),
      chatId: ids.chatId,
      seq,
      ts: ts.toISOString(),
      intentId: ids.intentId,
      sessionId: ids.sessionId,
    } as ChatEvent;
  }
}
