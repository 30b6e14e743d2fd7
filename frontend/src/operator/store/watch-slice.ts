import { EMPTY_STREAM } from '../../store/sequencer';
import { sequence } from '../../store/sequencer';
import { foldSession } from '../../store/effects';
import { announcementOf } from './announce';
import type { OperatorSliceCreator } from './slice';
import type { ComposerState, WatchSlice } from './types';

const EMPTY_COMPOSER: ComposerState = { text: '', pendingId: null, sending: false, error: null };

export const createWatchSlice: OperatorSliceCreator<WatchSlice> = (set, get) => ({
  watch: null,
  action: { pending: null, error: null },
  composer: EMPTY_COMPOSER,
  announcement: null,

  openWatch: (chatId) => {
    if (get().watch?.chatId === chatId) return;
    set({ watch: { chatId, stream: EMPTY_STREAM, loading: true, error: null, playback: null }, action: { pending: null, error: null }, composer: EMPTY_COMPOSER });
  },

  closeWatch: () => set({ watch: null, action: { pending: null, error: null }, composer: EMPTY_COMPOSER }),

  setWatch: (patch) => set((s) => (s.watch ? { watch: { ...s.watch, ...patch } } : {})),

  applyWatchEvents: (chatId, events, { source, after }) => {
    const state = get();
    const watch = state.watch;
    if (!watch || watch.chatId !== chatId) return [];
    const result = sequence(watch.stream, events, after);
    if (result.stream === watch.stream) return [];
    const patch: Partial<WatchSlice & Pick<typeof state, 'chatsById' | 'chatList'>> = { watch: { ...watch, stream: result.stream } };

    // Session events carry the intent's state: keep the list's entry for this chat current.
    const chat = state.chatsById[chatId];
    if (chat) {
      let intent = chat.intent;
      for (const e of result.applied) if (e.type === 'session') intent = foldSession(intent, e);
      if (intent !== chat.intent) {
        const chatsById = { ...state.chatsById, [chatId]: { ...chat, intent } };
        patch.chatsById = chatsById;
        patch.chatList = state.chatList.map((c) => (c.chatId === chatId ? chatsById[chatId] : c));
      }
    }

    if (source === 'live') {
      const text = announcementOf(result.applied, state.auth?.userId ?? null);
      if (text) patch.announcement = { id: (state.announcement?.id ?? 0) + 1, text };
    }
    set(patch);
    return result.applied;
  },

  setAction: (patch) => set((s) => ({ action: { ...s.action, ...patch } })),
  setComposer: (patch) => set((s) => ({ composer: { ...s.composer, ...patch } })),
});
