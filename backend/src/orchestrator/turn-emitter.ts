import { randomUUID } from 'node:crypto';
import type { ChatEvent, DraftEvent, ErrorCode, IntentSummary, Stage, Widget } from '@app/shared';
import type { ChatLog } from '../history/chat-log';
import type { EventIds } from '../history/history.repository';

/** A step whose `started` event was already stored (e.g. with the user's message, see firstStep). */
export interface StartedStep {
  stepId: string;
  startedAt: number;
  draft: DraftEvent & { type: 'thinking' };
}

/**
 * The orchestrator's voice for one turn: every thinking step, reply, form and state change
 * goes through here into the ChatLog (stored, then published). Steps are not awaited one by
 * one, so a burst of them is written in one statement; `settle()` waits for all of them and
 * surfaces the first storage failure.
 */
export class TurnEmitter {
  private readonly pending: Promise<ChatEvent>[] = [];
  readonly ids: EventIds;

  constructor(private readonly log: ChatLog, ids: EventIds) {
    this.ids = { ...ids };
  }

  /** Binds the intent and session the following events belong to. */
  bind(intentId: string | null, sessionId: string | null): void {
    this.ids.intentId = intentId;
    this.ids.sessionId = sessionId;
  }

  /**
   * The `started` event of a turn's first step, made before the turn exists, so that it can be
   * stored in the same statement as the person's message (ChatLog.appendUserMessage `then`);
   * pass it to `step` as `opts.started`, which then does not emit `started` again.
   */
  static firstStep(stage: Stage, label: string): StartedStep {
    const stepId = randomUUID();
    return { stepId, startedAt: performance.now(), draft: { type: 'thinking', stepId, stage, label, status: 'started' } };
  }

  /** Emits `started`, runs `work`, then `done` with its duration, or `failed` and rethrows. */
  async step<T>(stage: Stage, label: string, work: () => Promise<T> | T, detailOf?: (r: T) => Record<string, unknown>, opts: { started?: StartedStep } = {}): Promise<T> {
    const stepId = opts.started?.draft.stepId ?? randomUUID();
    const started = opts.started?.startedAt ?? performance.now();
    if (!opts.started) this.emit({ type: 'thinking', stepId, stage, label, status: 'started' });
    try {
      const result = await work();
      const durationMs = round(performance.now() - started);
      this.emit({ type: 'thinking', stepId, stage, label, status: 'done', durationMs, ...(detailOf ? { detail: detailOf(result) } : {}) });
      return result;
    } catch (err) {
      this.emit({ type: 'thinking', stepId, stage, label, status: 'failed', durationMs: round(performance.now() - started) });
      throw err;
    }
  }

  /** A step that is already known to be over (started and done at once), e.g. "Intent recognized: x". */
  instant(stage: Stage, label: string, detail?: Record<string, unknown>, status: 'done' | 'failed' = 'done'): void {
    const stepId = randomUUID();
    this.emit({ type: 'thinking', stepId, stage, label, status: 'started' });
    this.emit({ type: 'thinking', stepId, stage, label, status, durationMs: 0, ...(detail ? { detail } : {}) });
  }

  reply(text: string, opts: { isComplete?: boolean; responseId?: string } = {}): void {
    this.emit({ type: 'response', responseId: opts.responseId ?? randomUUID(), text, final: true, ...(opts.isComplete ? { isComplete: true } : {}) });
  }

  component(componentId: string, version: number, spec: Widget, closed = false): void {
    this.emit({ type: 'component', componentId, version, spec, ...(closed ? { closed: true } : {}) });
  }

  session(s: IntentSummary, reason?: string): void {
    this.emit({
      type: 'session', intentId: s.intentId, sessionId: s.sessionId, intent: s.intent, state: s.state,
      resumable: s.resumable, params: s.params, missing: s.missing, ...(reason ? { reason } : {}),
    }, { intentId: s.intentId, sessionId: s.sessionId });
  }

  error(code: ErrorCode, message: string, retryable: boolean): void {
    this.emit({ type: 'error', code, message, retryable });
  }

  /**
   * Marks the user message at `userSeq` as answered (markTurnComplete), bound to this turn's
   * intent and session unless `bind` is false; written together with the turn's last events
   * when they are still queued. Resolves once stored.
   */
  completeTurn(userSeq: number, bind = true): Promise<void> {
    return this.log.completeTurn(this.ids.chatId, userSeq, bind ? { intentId: this.ids.intentId, sessionId: this.ids.sessionId } : undefined);
  }

  /** Events of this turn stored elsewhere (its first step, stored with the message) count as its own in settle(). */
  include(events: ChatEvent[]): void {
    this.pending.unshift(...events.map((e) => Promise.resolve(e)));
  }

  /** Waits until every event of this turn is stored and published. */
  async settle(): Promise<ChatEvent[]> {
    return Promise.all(this.pending);
  }

  /** Emits an event as given (e.g. a retry step reported by the recogniser). */
  raw(draft: Parameters<ChatLog['append']>[1]): void {
    this.emit(draft);
  }

  private emit(draft: Parameters<ChatLog['append']>[1], ids?: Partial<EventIds>): void {
    const p = this.log.append({ ...this.ids, ...ids }, draft);
    // Observed in settle(); this keeps an early failure from being reported as unhandled.
    p.catch(() => undefined);
    this.pending.push(p);
  }
}

function round(ms: number): number {
  return Math.round(ms * 100) / 100;
}
