import type { AppStore, OutboxItem } from '../store';
import { toSendError } from './errors';

/** Delivers one item; resolves once the server acknowledged it, throws a SendError otherwise. */
export type Deliver = (item: OutboxItem) => Promise<void>;

/**
 * Sends the outbox oldest first, one at a time, so messages arrive in the order typed.
 * An item is `sending` while in flight and a single flush runs at a time, so nothing is ever
 * sent twice concurrently; after a lost ack it is resent with the same id and the server dedupes.
 */
export class OutboxFlusher {
  private running = false;
  private again = false;

  constructor(
    private readonly store: AppStore,
    /** The route for an item right now, or null when it has to wait (e.g. no connection). */
    private readonly route: (item: OutboxItem) => Deliver | null,
    /** Called when a send failed in a way worth retrying later. */
    private readonly onRetryLater: () => void,
  ) {}

  async flush(): Promise<void> {
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = true;
    try {
      do {
        this.again = false;
        const blocked = await this.pass();
        if (blocked) {
          this.onRetryLater();
          return;
        }
      } while (this.again);
    } finally {
      this.running = false;
    }
  }

  /** One pass over the outbox; true when it stopped at a retryable failure. */
  private async pass(): Promise<boolean> {
    const ids = this.store.getState().outbox.map((i) => i.id);
    for (const id of ids) {
      const item = this.store.getState().outbox.find((i) => i.id === id);
      if (!item || item.status !== 'pending') continue; // delivered by an echo meanwhile, or failed
      const deliver = this.route(item);
      if (!deliver) continue;
      this.store.getState().setOutboxStatus(id, 'sending');
      try {
        await deliver(item);
        this.store.getState().ackOutbox(id);
      } catch (err) {
        const e = toSendError(err);
        if (!this.store.getState().outbox.some((i) => i.id === id)) continue; // its echo arrived anyway
        if (e.retryable) {
          this.store.getState().setOutboxStatus(id, 'pending');
          return true; // keep the order: later items wait for this one
        }
        this.store.getState().setOutboxStatus(id, 'failed', e.message);
      }
    }
    return false;
  }
}
