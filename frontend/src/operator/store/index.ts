import { createStore, type StoreApi } from 'zustand/vanilla';
import { createSessionSlice } from './session-slice';
import { createChatsSlice } from './chats-slice';
import { createWatchSlice } from './watch-slice';
import { createFunnelSlice } from './funnel-slice';
import type { OperatorAuth, OperatorState } from './types';

export type OperatorStore = StoreApi<OperatorState>;
export type * from './types';

/** The operator console's own store: session, every chat's activity, the watched chat, the funnel. */
export function createOperatorStore(auth: OperatorAuth | null = null): OperatorStore {
  return createStore<OperatorState>()((...a) => ({
    ...createSessionSlice(auth)(...a),
    ...createChatsSlice(...a),
    ...createWatchSlice(...a),
    ...createFunnelSlice(...a),
    view: 'chats',
    setView: (view) => a[0]({ view }),
  }));
}
