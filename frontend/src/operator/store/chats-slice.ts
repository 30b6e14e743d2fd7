import type { ChatActivity } from '@app/shared';
import type { OperatorSliceCreator } from './slice';
import type { ChatsSlice } from './types';

/** Newest activity first; ties keep a stable order by chat id. */
export function sortChats(chats: Iterable<ChatActivity>): ChatActivity[] {
  return [...chats].sort((a, b) => (a.updatedAt < b.updatedAt ? 1 : a.updatedAt > b.updatedAt ? -1 : a.chatId < b.chatId ? -1 : 1));
}

export const createChatsSlice: OperatorSliceCreator<ChatsSlice> = (set, get) => ({
  chatsById: {},
  chatList: [],
  chatsLoaded: false,

  setChats: (chats) => {
    const chatsById = Object.fromEntries(chats.map((c) => [c.chatId, c]));
    set({ chatsById, chatList: sortChats(Object.values(chatsById)), chatsLoaded: true });
  },

  upsertActivity: (activity) => {
    if (get().mergeActivity(activity)) return;
    const chatsById = { ...get().chatsById, [activity.chatId]: activity };
    set({ chatsById, chatList: sortChats(Object.values(chatsById)) });
  },

  mergeActivity: (update) => {
    const existing = get().chatsById[update.chatId];
    if (!existing) return false;
    const merged: ChatActivity = { ...existing };
    // An update about an older event (a refetched list overtook it) must not undo a newer message.
    const stale = update.lastSeq !== undefined && update.lastSeq < existing.lastSeq;
    for (const [key, value] of Object.entries(update)) {
      if (value === undefined || (stale && (key === 'lastMessage' || key === 'paused' || key === 'pausedBy'))) continue;
      (merged as unknown as Record<string, unknown>)[key] = value;
    }
    // Updates may cross in flight: never move a chat's log or delivery position backwards.
    merged.lastSeq = Math.max(existing.lastSeq, merged.lastSeq);
    merged.deliveredSeq = Math.max(existing.deliveredSeq, merged.deliveredSeq);
    if (existing.updatedAt > merged.updatedAt) merged.updatedAt = existing.updatedAt;
    const chatsById = { ...get().chatsById, [update.chatId]: merged };
    set({ chatsById, chatList: sortChats(Object.values(chatsById)) });
    return true;
  },
});
