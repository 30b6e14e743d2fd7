import type { Db } from '../db/database';
import type { ChatLog } from '../history/chat-log';
import { listIncompleteTurns, markTurnComplete } from '../history/history.repository';
import { findActiveIntent, findIntent, listIdleActiveIntents } from '../intents/intent.repository';
import { toIntentSummary, type IntentService } from '../intents/intent.service';
import type { Logger } from '../logging/logger';
import type { Presence } from '../connection/presence';
import { describeIntent } from '../orchestrator/intent-flow';
import { TurnEmitter } from '../orchestrator/turn-emitter';
import { expireSessions, findLatestSessionOfIntent } from './session.repository';

export interface SweeperOptions {
  intervalMs: number;
  disconnectGraceMs: number;
  intentIdleTimeoutMs: number;
  /** A turn not finished after this long is considered interrupted (its process died). */
  staleTurnMs: number;
  /** Whether the chat's person has a connection on any node (via the Socket.IO adapter). */
  isOnlineElsewhere?: (chatId: string, userId: string) => Promise<boolean>;
}

/**
 * The housekeeping that makes the lifecycle true without anyone online: expires backend
 * sessions, abandons intents whose person left (past the grace) or went idle, and finds
 * turns that started and never finished (a crashed process) so the person can retry.
 * Every change is a compare-and-set in the database, so several nodes may sweep at once.
 */
export class SessionSweeper {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;

  constructor(
    private readonly db: Db,
    private readonly log: ChatLog,
    private readonly intents: IntentService,
    private readonly presence: Presence,
    private readonly logger: Logger,
    private readonly opts: SweeperOptions,
  ) {}

  start(): void {
    if (this.timer || this.opts.intervalMs <= 0) return;
    this.timer = setInterval(() => void this.sweep(), this.opts.intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.running;
  }

  /** One pass; overlapping calls share the running one. */
  sweep(now = new Date()): Promise<void> {
    this.running ??= this.pass(now)
      .catch((err) => this.logger.warn({ err }, 'session sweep failed'))
      .finally(() => (this.running = undefined));
    return this.running;
  }

  private async pass(now: Date): Promise<void> {
    await expireSessions(this.db, now);
    for (const chatId of this.presence.takeOfflineChats(this.opts.disconnectGraceMs, now.getTime())) {
      if (this.presence.isChatOnline(chatId)) continue;
      const row = await findActiveIntent(this.db, chatId);
      // The person may have moved to another node: ask the cluster before abandoning.
      if (row && !(await this.opts.isOnlineElsewhere?.(chatId, row.user_id))) await this.abandon(row.id, 'disconnected');
    }
    const idle = await listIdleActiveIntents(this.db, new Date(now.getTime() - this.opts.intentIdleTimeoutMs));
    for (const row of idle) await this.abandon(row.id, 'idle');
    await this.recoverInterruptedTurns(now);
  }

  private async abandon(intentId: string, reason: 'disconnected' | 'idle'): Promise<void> {
    const row = await this.intents.abandon(intentId, reason);
    if (!row) return;
    const session = await findLatestSessionOfIntent(this.db, row.id);
    const em = new TurnEmitter(this.log, { chatId: row.user_chat_id, userId: row.user_id, connectionId: null, intentId: row.id, sessionId: session?.id ?? null });
    em.session(toIntentSummary(row, session?.id ?? null), reason);
    em.reply(`I've kept your ${describeIntent(row)}. Say "resume" to finish it.`);
    await em.settle();
  }

  private async recoverInterruptedTurns(now: Date): Promise<void> {
    const stale = await listIncompleteTurns(this.db, new Date(now.getTime() - this.opts.staleTurnMs));
    for (const turn of stale) {
      const intent = turn.user_intent_id ? await findIntent(this.db, turn.user_intent_id) : undefined;
      const em = new TurnEmitter(this.log, {
        chatId: turn.user_chat_id, userId: turn.user_id, connectionId: null, intentId: turn.user_intent_id, sessionId: turn.session_id,
      });
      const doneAlready = intent?.status === 'completed' && intent.result;
      em.error('unavailable', doneAlready
        ? 'Your last request was interrupted by a server restart after it was carried out; it is done, nothing needs repeating.'
        : 'Your last message was interrupted by a server restart before it finished. Please send it again.', !doneAlready);
      if (intent?.status === 'active') em.session(await this.intents.summaryOf(intent));
      await em.settle();
      await markTurnComplete(this.db, turn.user_chat_id, turn.seq);
      this.logger.warn({ chatId: turn.user_chat_id, seq: turn.seq }, 'marked an interrupted turn for retry');
    }
  }
}
