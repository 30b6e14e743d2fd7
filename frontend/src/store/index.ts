import { createStore, type StoreApi } from 'zustand/vanilla';
import { createConnectionSlice } from './connection-slice';
import { createChatsSlice } from './chats-slice';
import { createEventsSlice } from './events-slice';
import { createIntentsSlice } from './intents-slice';
import { createOutboxSlice } from './outbox-slice';
import { createUiSlice } from './ui-slice';
import { loadPersisted, persistStore } from './persist';
import { STORAGE_KEYS, writeJson } from '../lib/storage';
import type { AppState } from './types';

export type AppStore = StoreApi<AppState>;
export type * from './types';
export { EMPTY_STREAM } from './sequencer';

/**
 * One store, six slices. A factory rather than a module singleton so tests (and a second tab
 * of the same code) get isolated state; the app creates exactly one in main.tsx.
 * `viewer`: a store that only renders someone else's conversation (the operator console): it
 * starts without the person's outbox and open chat, and keeps only the theme choice.
 */
export function createAppStore({ viewer = false }: { viewer?: boolean } = {}): AppStore {
  const loaded = loadPersisted();
  const persisted = viewer ? { ...loaded, outbox: [], currentChatId: null } : loaded;
  const store = createStore<AppState>()((...a) => ({
    ...createConnectionSlice(...a),
    ...createChatsSlice(persisted.currentChatId)(...a),
    ...createEventsSlice(...a),
    ...createIntentsSlice(...a),
    ...createOutboxSlice(persisted.outbox)(...a),
    ...createUiSlice(persisted.theme)(...a),
  }));
  if (!viewer) persistStore(store);
  else store.subscribe((s, prev) => { if (s.theme !== prev.theme) writeJson(STORAGE_KEYS.theme, s.theme); });
  return store;
}
