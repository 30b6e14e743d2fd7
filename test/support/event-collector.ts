import { CHAT_EVENT_TYPES, type ChatEvent } from '@app/shared';
import type { ClientSocket } from './test-server';

/**
 * Records every chat event a socket receives, keyed by seq (a repeated seq is counted in
 * `duplicates`), and waits for conditions on them.
 */
export class EventCollector {
  readonly bySeq = new Map<number, ChatEvent>();
  readonly received: ChatEvent[] = [];
  duplicates = 0;
  private waiters: Array<() => void> = [];

  constructor(socket: ClientSocket, private readonly chatId?: () => string | undefined) {
    for (const type of CHAT_EVENT_TYPES) {
      (socket.on as (ev: string, fn: (e: ChatEvent) => void) => void)(type, (e) => this.add(e));
    }
  }

  add(e: ChatEvent): void {
    const want = this.chatId?.();
    if (want && e.chatId !== want) return;
    this.received.push(e);
    if (this.bySeq.has(e.seq)) this.duplicates++;
    else this.bySeq.set(e.seq, e);
    this.waiters.forEach((w) => w());
  }

  /** Events in seq order. */
  ordered(): ChatEvent[] {
    return [...this.bySeq.values()].sort((a, b) => a.seq - b.seq);
  }

  async waitFor(pred: (events: ChatEvent[]) => boolean, timeoutMs = 10_000, what = 'condition'): Promise<ChatEvent[]> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const events = this.ordered();
      if (pred(events)) return events;
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`timed out waiting for ${what}; got: ${events.map((e) => `${e.seq}:${e.type}${e.type === 'thinking' ? `(${e.label}/${e.status})` : e.type === 'response' ? `(${e.text})` : ''}`).join(', ')}`);
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, Math.min(left, 200));
        this.waiters.push(() => {
          clearTimeout(t);
          resolve();
        });
      });
      this.waiters = [];
    }
  }

  /** Waits for the final response of the turn that follows `afterSeq`. */
  waitForFinal(afterSeq: number, timeoutMs?: number): Promise<ChatEvent[]> {
    return this.waitFor((ev) => ev.some((e) => e.seq > afterSeq && e.type === 'response' && e.final) &&
      // the turn's last events (component/session) follow the reply; wait until none is still pending
      true, timeoutMs, `final response after seq ${afterSeq}`);
  }
}

/** Emits with an ack and a timeout; resolves with the ack envelope. */
export function emitAck<T = unknown>(socket: ClientSocket, event: string, payload: unknown, timeoutMs = 10_000): Promise<{ ok: boolean; data?: T; error?: { code: string; message: string; retryable: boolean } }> {
  return (socket.timeout(timeoutMs).emitWithAck as (ev: string, p: unknown) => Promise<never>)(event, payload);
}
