/**
 * Timers by name. Rescheduling a key replaces the pending timer instead of stacking a second
 * one (a retry asked for twice still runs once), and stop() can cancel whatever is left.
 */
export class KeyedTimers {
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();

  has(key: string): boolean {
    return this.timers.has(key);
  }

  later(key: string, ms: number, fn: () => void): void {
    const existing = this.timers.get(key);
    if (existing) clearTimeout(existing);
    this.timers.set(key, setTimeout(() => { this.timers.delete(key); fn(); }, ms));
  }

  clear(): void {
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
  }
}
