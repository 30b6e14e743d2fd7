import type { IntentsSlice } from './types';
import type { SliceCreator } from './slice';

export const createIntentsSlice: SliceCreator<IntentsSlice> = (set) => ({
  intents: {},
  setIntent: (chatId, intent) => set((s) => ({ intents: { ...s.intents, [chatId]: intent } })),
});
