import type { StoreApi } from 'zustand';
import { readJson, STORAGE_KEYS, writeJson } from '../lib/storage';
import { reviveOutbox } from './outbox-slice';
import type { AppState, OutboxItem, ThemeChoice } from './types';

/** What survives a reload: the outbox, the open chat and the theme. Events are replayed instead. */
export interface PersistedState {
  outbox: OutboxItem[];
  currentChatId: string | null;
  theme: ThemeChoice;
}

export function loadPersisted(): PersistedState {
  const theme = readJson<string>(STORAGE_KEYS.theme, 'system');
  const chat = readJson<unknown>(STORAGE_KEYS.currentChat, null);
  return {
    outbox: reviveOutbox(readJson<unknown>(STORAGE_KEYS.outbox, [])),
    currentChatId: typeof chat === 'string' ? chat : null,
    theme: theme === 'light' || theme === 'dark' ? theme : 'system',
  };
}

/** Writes each persisted field when (and only when) it changes. */
export function persistStore(store: StoreApi<AppState>): () => void {
  return store.subscribe((s, prev) => {
    if (s.outbox !== prev.outbox) writeJson(STORAGE_KEYS.outbox, s.outbox);
    if (s.currentChatId !== prev.currentChatId) writeJson(STORAGE_KEYS.currentChat, s.currentChatId);
    if (s.theme !== prev.theme) writeJson(STORAGE_KEYS.theme, s.theme);
  });
}
