import type { EventsSlice } from './types';
import type { SliceCreator } from './slice';
import { EMPTY_STREAM, sequence, streamHasGap } from './sequencer';
import { reactToEvents } from './effects';

export const createEventsSlice: SliceCreator<EventsSlice> = (set, get) => ({
  streams: {},

  openStream: (chatId) => {
    if (!get().streams[chatId]) set((s) => ({ streams: { ...s.streams, [chatId]: EMPTY_STREAM } }));
  },

  applyEvents: (chatId, events, { source, after }) => {
    const state = get();
    const stream = state.streams[chatId];
    if (!stream) return [];
    const result = sequence(stream, events, after);
    if (result.stream === stream) return [];
    const streams = { ...state.streams, [chatId]: result.stream };
    set({ streams, ...reactToEvents({ ...state, streams }, chatId, result.applied, source) });
    return result.applied;
  },

  applyJoinPage: (result, afterSeq, source) => {
    get().openStream(result.chatId);
    const applied = get().applyEvents(result.chatId, result.events, { source, after: afterSeq });
    // The ack's intent is the server's current view, newer than any session event of the page;
    // on a later page it is only taken from the last one (the earlier ones are snapshots too).
    if (!result.hasMore) get().setIntent(result.chatId, result.intent);
    return applied;
  },

  hasGap: (chatId) => streamHasGap(get().streams[chatId]),
});
