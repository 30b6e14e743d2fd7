import { createStore, type StoreApi } from 'zustand/vanilla';
import { createConnectionSlice } from './connection-slice';
import { createChatsSlice } from './chats-slice';
import { createEventsSlice } from './events-slice';
import { createIntentsSlice } from './intents-slice';
import { createOutboxSlice } from './outbox-slice';
import { createUiSlice } from './ui-slice';
import { loadPersisted, persistStore } from './persist';
import type { AppState } from './types';

export type AppStore = StoreApi<AppState>;
export type * from './types';
export { EMPTY_STREAM } from './sequencer';

/**
 * One store, six slices. A factory rather than a module singleton so tests (and a second tab
 * of the same code) get isolated state; the app creates exactly one in main.tsx.
 */
export function createAppStore(): AppStore {
  const persisted = loadPersisted();
  const store = createStore<AppState>()((...a) => ({
    ...createConnectionSlice(...a),
    ...createChatsSlice(persisted.currentChatId)(...a),
    ...createEventsSlice(...a),
    ...createIntentsSlice(...a),
    ...createOutboxSlice(persisted.outbox)(...a),
    ...createUiSlice(persisted.theme)(...a),
  }));
  persistStore(store);
  return store;
}
