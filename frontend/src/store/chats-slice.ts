import type { ChatSummary } from '@app/shared';
import type { ChatsSlice } from './types';
import type { SliceCreator } from './slice';

const byUpdatedDesc = (a: ChatSummary, b: ChatSummary) => (a.updatedAt < b.updatedAt ? 1 : a.updatedAt > b.updatedAt ? -1 : 0);

export const createChatsSlice = (initialChatId: string | null): SliceCreator<ChatsSlice> => (set) => ({
  chats: [],
  currentChatId: initialChatId,
  setChats: (chats) =>
    set((s) => {
      // The server's list is authoritative, but a chat created a moment ago may not be in it yet.
      const known = new Set(chats.map((c) => c.chatId));
      const local = s.chats.filter((c) => !known.has(c.chatId) && c.chatId === s.currentChatId);
      return { chats: [...chats, ...local].sort(byUpdatedDesc) };
    }),
  upsertChat: (chat) =>
    set((s) => ({ chats: [chat, ...s.chats.filter((c) => c.chatId !== chat.chatId)].sort(byUpdatedDesc) })),
  selectChat: (chatId) => set({ currentChatId: chatId }),
});
