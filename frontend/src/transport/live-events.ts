import type { Socket } from 'socket.io-client';
import type { ChatEvent } from '@app/shared';
import type { AppStore } from '../store';
import type { KeyedTimers } from './keyed-timers';
import { EVENT_TYPES, type AppSocket } from './protocol';

/**
 * Feeds the store from the socket's event stream. Events may cross in flight, so a seq gap is
 * given a moment to fill by itself before `refill` re-reads the chat; how it is re-read (join
 * or REST poll) depends on the connection, which the client decides.
 */
export class LiveEvents {
  constructor(
    private readonly store: AppStore,
    private readonly timers: KeyedTimers,
    private readonly gapWaitMs: number,
    private readonly refill: (chatId: string) => void,
  ) {}

  private get state() {
    return this.store.getState();
  }

  listen(socket: AppSocket): void {
    // The typed `on` cannot take a union of event names, so the loop goes through the untyped socket.
    const raw = socket as unknown as Socket;
    for (const type of EVENT_TYPES) raw.on(type, (e: ChatEvent) => this.onServerEvent(e));
  }

  private onServerEvent(e: ChatEvent): void {
    if (!e || typeof e.chatId !== 'string' || typeof e.seq !== 'number') return;
    this.state.applyEvents(e.chatId, [e], { source: 'live' });
    if (this.state.hasGap(e.chatId)) this.watchGap(e.chatId);
  }

  private watchGap(chatId: string): void {
    if (this.timers.has(`gap:${chatId}`)) return;
    this.timers.later(`gap:${chatId}`, this.gapWaitMs, () => {
      if (this.state.hasGap(chatId)) this.refill(chatId);
    });
  }
}
