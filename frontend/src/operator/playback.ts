import type { ChatEvent } from '@app/shared';
import type { OperatorStore } from './store';

/** Pauses longer than this are shortened: a replay shows the flow, not the waiting. */
const MAX_STEP_MS = 900;
/** Even events stored in the same millisecond appear one after another. */
const MIN_STEP_MS = 40;

/** How long a replay waits before showing `events[index]`. */
export function stepDelay(events: readonly ChatEvent[], index: number): number {
  if (index <= 0) return 0;
  const gap = Date.parse(events[index].ts) - Date.parse(events[index - 1].ts);
  if (!Number.isFinite(gap)) return MIN_STEP_MS;
  return Math.min(MAX_STEP_MS, Math.max(MIN_STEP_MS, gap));
}

/**
 * Replays the watched chat from its first event: the store's `playback` counts the events shown,
 * advanced on a timer at the original pace (capped); live events keep arriving behind it, and at
 * the end (or on "skip to live") playback is null again and everything shows.
 */
export class Playback {
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(private readonly store: OperatorStore) {}

  start(): void {
    const watch = this.store.getState().watch;
    if (!watch) return;
    this.stop();
    this.store.getState().setWatch({ playback: 0 });
    this.schedule(watch.chatId);
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  skip(): void {
    this.stop();
    this.store.getState().setWatch({ playback: null });
  }

  private schedule(chatId: string): void {
    const watch = this.store.getState().watch;
    if (!watch || watch.chatId !== chatId || watch.playback === null) return this.stop();
    const shown = watch.playback;
    const events = watch.stream.events;
    if (shown >= events.length) return this.skip();
    this.timer = setTimeout(() => {
      this.timer = null;
      const now = this.store.getState().watch;
      if (!now || now.chatId !== chatId || now.playback === null) return;
      this.store.getState().setWatch({ playback: shown + 1 });
      this.schedule(chatId);
    }, stepDelay(events, shown));
  }
}
