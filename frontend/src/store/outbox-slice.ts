import { newClientId } from '../lib/ids';
import type { OutboxAction, OutboxItem, OutboxMessage, OutboxSlice } from './types';
import type { SliceCreator } from './slice';

/**
 * Everything the person sends goes through the outbox, online or not: one path gives
 * "pending while offline, survives reload, sent once with the same id" for free.
 */
export const createOutboxSlice = (initial: OutboxItem[]): SliceCreator<OutboxSlice> => (set) => ({
  outbox: initial,

  enqueueMessage: (chatId, text, id = newClientId('msg')) => {
    const item: OutboxMessage = { kind: 'message', id, chatId, text, createdAt: new Date().toISOString(), status: 'pending', error: null };
    set((s) => ({ outbox: [...s.outbox, item] }));
    return item;
  },

  enqueueAction: (chatId, componentId, action, values, id = newClientId('act')) => {
    const item: OutboxAction = { kind: 'action', id, chatId, componentId, action, values, createdAt: new Date().toISOString(), status: 'pending', error: null };
    set((s) => ({ outbox: [...s.outbox, item] }));
    return item;
  },

  setOutboxStatus: (id, status, error = null) =>
    set((s) => ({ outbox: s.outbox.map((i) => (i.id === id ? { ...i, status, error } : i)) })),

  ackOutbox: (id) => set((s) => ({ outbox: s.outbox.filter((i) => i.id !== id) })),

  discardOutbox: (id) => set((s) => ({ outbox: s.outbox.filter((i) => i.id !== id) })),
});

/** After a reload nothing is in flight any more: a `sending` item is resent with its same id. */
export function reviveOutbox(items: unknown): OutboxItem[] {
  if (!Array.isArray(items)) return [];
  return items
    .filter((i): i is OutboxItem => !!i && typeof i === 'object' && typeof (i as OutboxItem).id === 'string' && typeof (i as OutboxItem).chatId === 'string' && ((i as OutboxItem).kind === 'message' || (i as OutboxItem).kind === 'action'))
    .map((i) => (i.status === 'sending' ? { ...i, status: 'pending' as const } : i));
}
