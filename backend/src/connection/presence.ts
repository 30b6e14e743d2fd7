/**
 * Which people and chats have a live connection on this node, and since when a chat has
 * had none: the intent sweeper abandons an active intent once its chat has been without a
 * connection past the grace period. (Per node; with several nodes a chat counts as offline
 * only when its last seen connection was on this node and is gone, which the grace covers.)
 */
export class Presence {
  private readonly connections = new Map<string, { userId: string; chatId: string | null }>();
  private readonly offlineSince = new Map<string, number>();
  private readonly delivered = new Map<string, number>();

  /** Records that the chat's person received everything up to `seq` (live or by replay). */
  markDelivered(chatId: string, seq: number): void {
    if (seq > (this.delivered.get(chatId) ?? 0)) this.delivered.set(chatId, seq);
  }

  /** The highest seq this node knows the person received (0 when unknown). */
  deliveredSeq(chatId: string): number {
    return this.delivered.get(chatId) ?? 0;
  }

  connected(userId: string, connectionId: string): void {
    this.connections.set(connectionId, { userId, chatId: null });
  }

  joined(connectionId: string, chatId: string): void {
    const c = this.connections.get(connectionId);
    const previous = c?.chatId;
    if (c) c.chatId = chatId;
    this.offlineSince.delete(chatId);
    if (previous && previous !== chatId && !this.isChatOnline(previous)) this.offlineSince.set(previous, Date.now());
  }

  /** Forgets a connection; returns the chat it was in, if any. */
  disconnected(_userId: string, connectionId: string): string | null {
    const c = this.connections.get(connectionId);
    this.connections.delete(connectionId);
    if (c?.chatId && !this.isChatOnline(c.chatId)) this.offlineSince.set(c.chatId, Date.now());
    return c?.chatId ?? null;
  }

  isChatOnline(chatId: string): boolean {
    for (const c of this.connections.values()) if (c.chatId === chatId) return true;
    return false;
  }

  /** Chats offline for at least `graceMs`; each is reported once. */
  takeOfflineChats(graceMs: number, now = Date.now()): string[] {
    const out: string[] = [];
    for (const [chatId, since] of this.offlineSince) {
      if (now - since >= graceMs) {
        out.push(chatId);
        this.offlineSince.delete(chatId);
      }
    }
    return out;
  }

  get connectionCount(): number {
    return this.connections.size;
  }
}
