import type { ChatEvent, IntentSummary } from '@app/shared';
import type { Logger } from '../logging/logger';
import type { ChatLog } from '../history/chat-log';
import { markTurnComplete, recentConversation, type EventIds } from '../history/history.repository';
import { reserveIds, toIntentSummary, type LiveIntent, type ReservedIds } from '../intents/intent.service';
import type { Recognition } from '../nlu/nlu.types';
import { readConfirmation } from '../nlu/confirmation';
import type { IntentParams } from '@app/shared';
import { CAPABILITIES, decide } from './dialogue';
import { advance, cancelIntent, resumeIntent, supersede, type FlowDeps } from './intent-flow';
import { TurnEmitter, type StartedStep } from './turn-emitter';
import type { Understanding, UnderstandingStep } from './understanding';
import { handleComponentAction, type ActionInput } from './component-actions';
import { AppError, toAppError } from '../errors/app-error';
import { findActiveIntent, findChatWithActiveIntent, type ChatForMessage } from '../intents/intent.repository';
import { randomUUID } from 'node:crypto';
import { setTitleIfEmpty } from '../chats/chat.repository';

/** What acceptMessage already did for a turn: its reserved ids, its first step (stored with the message) and the intent it read. */
interface TurnOpening {
  reserved: ReservedIds;
  first: StartedStep;
  firstEvents: ChatEvent[];
  /** The chat's live intent as read by acceptMessage, when nothing can have changed it since; null: read it again. */
  active: { live: LiveIntent | undefined } | null;
}

/** Who sent something, from which connection, in which zone. */
export interface Actor {
  chatId: string;
  userId: string;
  connectionId: string | null;
  timeZone: string;
}

export interface OrchestratorDeps extends FlowDeps {
  log: ChatLog;
  understanding: Understanding;
  minConfidence: number;
  logger: Logger;
  now?: () => Date;
  /** Observes each finished turn (metrics). */
  onTurn?: (info: { ok: boolean; ms: number }) => void;
}

/**
 * The intent orchestrator. It never touches a transport: everything it says goes through
 * a TurnEmitter into the ChatLog, which stores each event and then publishes it.
 * Turns of one chat run one after another on a node (a per-chat chain), so two tabs
 * sending at once cannot interleave one intent's state changes.
 */
export class Orchestrator {
  private readonly chains = new Map<string, Promise<unknown>>();
  private readonly running = new Set<Promise<unknown>>();
  /** Counts finished serialized work of every chat (see acceptMessage). */
  private finishedWork = 0;

  constructor(private readonly deps: OrchestratorDeps) {}

  private now(): Date {
    return this.deps.now?.() ?? new Date();
  }

  /**
   * Stores the person's message (idempotent by clientMessageId) and starts its turn. Resolves
   * as soon as the message is stored; `turn` settles when the turn's last event is stored.
   */
  async acceptMessage(
    actor: Actor, clientMessageId: string, text: string, opts: { chat?: ChatForMessage; onOwned?: () => Promise<void> | void } = {},
  ): Promise<{ seq: number; duplicate: boolean; turn: Promise<ChatEvent[]> }> {
    // The message belongs to the waiting intent, or to the one it is about to start: its ids
    // are reserved now so the message and the first steps already carry all four IDs.
    const idleAtRead = !this.chains.has(actor.chatId);
    const finishedAtRead = this.finishedWork;
    const read = opts.chat ? { chat: opts.chat, intent: await findActiveIntent(this.deps.db, actor.chatId) } : await findChatWithActiveIntent(this.deps.db, actor.chatId);
    // Someone else's chat does not exist for this person (no hint that it does).
    if (!read || read.chat.userId !== actor.userId) throw AppError.notFound('Chat');
    // e.g. join the chat's room: only once it is known to be theirs, and before anything is published.
    await opts.onOwned?.();
    const paused = read.chat.assistantPaused;
    const active = await this.deps.intents.live(read.intent);
    const reserved = reserveIds();
    const ids: EventIds = { ...this.idsOf(actor), intentId: active?.row.id ?? reserved.intentId, sessionId: active?.session.id ?? reserved.sessionId };
    // The turn's first step is stored in the same statement as the message: the person sees
    // the server at work one database round trip after sending (not two).
    const first = paused ? undefined : TurnEmitter.firstStep('session', 'Initializing session...');
    const stored = await this.deps.log.appendUserMessage(ids, { type: 'user', text, clientMessageId, via: 'chat' }, clientMessageId,
      first ? { then: [{ ids, draft: first.draft }] } : {});
    if (stored.duplicate) return { seq: stored.seq, duplicate: true, turn: Promise.resolve([]) };
    if (paused) {
      // An operator has taken the chat over: the message is theirs to answer, the assistant stays quiet.
      await markTurnComplete(this.deps.db, actor.chatId, stored.seq);
      return { seq: stored.seq, duplicate: false, turn: Promise.resolve(stored.event ? [stored.event] : []) };
    }
    if (read.chat.title === null) void setTitleIfEmpty(this.deps.db, actor.chatId, text.slice(0, 60)).catch(() => undefined);
    // `active` is still current when this chat was idle then and now, and no work of any chat
    // finished in between (so none of this one started and finished either); else re-read it.
    const current = idleAtRead && !this.chains.has(actor.chatId) && this.finishedWork === finishedAtRead;
    const opening: TurnOpening = { reserved, first: first!, firstEvents: stored.then, active: current ? { live: active } : null };
    const turn = this.serialize(actor.chatId, () => this.runTurn(actor, text, stored.seq, opening));
    return { seq: stored.seq, duplicate: false, turn };
  }

  /** A form submitted or a button pressed: straight to the tool layer, no intent recognition. */
  async action(actor: Actor, input: ActionInput): Promise<{ seq: number | null; duplicate: boolean; turn: Promise<ChatEvent[]> }> {
    return handleComponentAction(this.deps, actor, input, (fn) => this.serialize(actor.chatId, fn), () => this.now());
  }

  /** `intent:cancel`. */
  cancel(actor: Actor): Promise<IntentSummary | null> {
    return this.serialize(actor.chatId, async () => {
      const em = new TurnEmitter(this.deps.log, this.idsOf(actor));
      await cancelIntent(this.deps, em, await this.deps.intents.active(actor.chatId));
      await em.settle();
      return this.deps.intents.current(actor.chatId);
    });
  }

  /** `intent:resume`. */
  resume(actor: Actor, intentId?: string): Promise<IntentSummary | null> {
    return this.serialize(actor.chatId, async () => {
      const em = new TurnEmitter(this.deps.log, this.idsOf(actor));
      await resumeIntent(this.deps, em, actor.chatId, await this.deps.intents.active(actor.chatId), this.ctxOf(actor), intentId);
      await em.settle();
      return this.deps.intents.current(actor.chatId);
    });
  }

  /** Resolves when every running turn has finished (graceful shutdown). */
  async drain(): Promise<void> {
    while (this.running.size) await Promise.allSettled([...this.running]);
  }

  private idsOf(actor: Actor): EventIds {
    return { chatId: actor.chatId, userId: actor.userId, connectionId: actor.connectionId, intentId: null, sessionId: null };
  }

  private ctxOf(actor: Actor) {
    return { userId: actor.userId, timeZone: actor.timeZone, now: this.now() };
  }

  private serialize<T>(chatId: string, fn: () => Promise<T>): Promise<T> {
    const prev = this.chains.get(chatId) ?? Promise.resolve();
    const run = prev.then(fn, fn);
    const tail = run.catch(() => undefined);
    this.chains.set(chatId, tail);
    this.running.add(tail);
    void tail.finally(() => {
      this.finishedWork++;
      this.running.delete(tail);
      if (this.chains.get(chatId) === tail) this.chains.delete(chatId);
    });
    return run;
  }

  private async runTurn(actor: Actor, text: string, userSeq: number, opening: TurnOpening): Promise<ChatEvent[]> {
    const started = performance.now();
    const { deps } = this;
    const { reserved } = opening;
    const em = new TurnEmitter(deps.log, { ...this.idsOf(actor), ...reserved });
    em.include(opening.firstEvents);
    const ctx = this.ctxOf(actor);
    let ok = true;
    let drafted: LiveIntent | undefined;
    try {
      const live = await em.step('session', 'Initializing session...', () => (opening.active ? opening.active.live : deps.intents.active(actor.chatId)),
        (l) => (l ? { intentId: l.row.id, sessionId: l.session.id, intent: l.row.intent } : { intentId: null }), { started: opening.first });
      if (live) em.bind(live.row.id, live.session.id);
      const closeWithoutTool = (intent: Recognition['intent']) => (live ? Promise.resolve() : deps.intents.recordClosed(actor.chatId, actor.userId, intent, reserved));
      const message = await em.step('message', 'Processing your message...', () => text.replace(/\s+/g, ' ').trim(), (m) => ({ length: m.length }));
      const rec = await em.step('intent', 'Analyzing your request...',
        () => deps.understanding.recognize(message, ctx, () => recentConversation(deps.db, actor.chatId, 7).then((t) => t.slice(0, -1)), stepReporter(em)),
        (r) => ({ intent: r.intent, confidence: r.confidence, provider: r.provider }));
      // A follow-up answer is read against what the waiting intent already has ("at 9" on the chosen day).
      const extracted = live ? deps.understanding.extractParams(message, ctx, live.row.params as IntentParams) : { params: {}, notes: [] };
      const confirmation = live && (live.row.missing as string[]).includes('confirmed') ? readConfirmation(message) : null;
      if (confirmation !== null) extracted.params = { ...extracted.params, confirmed: confirmation };
      const decision = decide(rec, live?.row, extracted.params, deps.minConfidence);
      const shownIntent = decision.kind === 'fill' && live ? live.row.intent : rec.intent;
      em.instant('intent', `Intent recognized: ${shownIntent}`, { intent: shownIntent, confidence: rec.confidence, provider: rec.provider, decision: decision.kind });

      switch (decision.kind) {
        case 'cancel':
          if (!live) await closeWithoutTool('cancel');
          await cancelIntent(deps, em, live);
          break;
        case 'resume':
          await resumeIntent(deps, em, actor.chatId, live, ctx);
          break;
        case 'fill':
          if (confirmation === false) {
            await cancelIntent(deps, em, live);
            break;
          }
          // The recogniser's notes describe its own reading; state them only when that reading was used.
          await advance(deps, em, live!, decision.params, ctx, { notes: (rec.intent === live!.row.intent ? [...rec.notes, ...extracted.notes] : extracted.notes).filter(uniq) });
          break;
        case 'start': {
          const preface = decision.supersedes && live ? await supersede(deps, em, live) : null;
          // Stored by advance: at once if it needs more, else finished, in the tool's transaction.
          const started = deps.intents.draft(actor.chatId, actor.userId, decision.intent, live ? {} : reserved);
          drafted = started;
          em.bind(started.row.id, started.session.id);
          em.session(toIntentSummary(started.row, started.session.id), 'started');
          await advance(deps, em, started, decision.params, ctx, { notes: rec.notes, preface: preface ?? undefined });
          break;
        }
        case 'out_of_scope':
          await closeWithoutTool('none');
          em.reply(`That's outside what I can do. ${CAPABILITIES}${decision.pending ? ' Your alarm request is still open: answer the question above, or say "cancel".' : ''}`);
          break;
        case 'clarify':
          await closeWithoutTool('none');
          em.reply(decision.pending
            ? "Sorry, I didn't catch that. Could you answer the question above, or say \"cancel\" to stop?"
            : `Sorry, I'm not sure what you'd like. ${CAPABILITIES}`);
          break;
      }
      await em.completeTurn(userSeq);
      return await em.settle();
    } catch (err) {
      ok = false;
      // The turn's events already carry a drafted intent's id: it must exist (active, to retry or resume).
      if (drafted?.unsaved) await deps.intents.persist(drafted, { status: 'active', params: {} }).catch(() => undefined);
      const appErr = toAppError(err);
      deps.logger.error({ err, chatId: actor.chatId }, 'turn failed');
      em.error(appErr.code, appErr.code === 'internal' ? 'Something went wrong while handling your message. Your request is kept; please try again.' : appErr.message, appErr.code === 'internal' ? true : appErr.retryable);
      try {
        await em.completeTurn(userSeq, false);
        return await em.settle();
      } catch (storeErr) {
        deps.logger.error({ err: storeErr, chatId: actor.chatId }, 'could not store the turn failure');
        return [];
      }
    } finally {
      deps.onTurn?.({ ok, ms: performance.now() - started });
    }
  }
}

/** Maps the recogniser's retry/fallback reports onto thinking steps sharing one stepId per label. */
function stepReporter(em: TurnEmitter): (s: UnderstandingStep) => void {
  const ids = new Map<string, string>();
  return (s) => {
    const stepId = ids.get(s.label) ?? randomUUID();
    ids.set(s.label, stepId);
    em.raw({ type: 'thinking', stepId, stage: s.stage, label: s.label, status: s.status, ...(s.detail ? { detail: s.detail } : {}) });
  };
}

function uniq<T>(v: T, i: number, a: T[]): boolean {
  return a.indexOf(v) === i;
}
