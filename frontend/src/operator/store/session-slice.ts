import type { OperatorSliceCreator } from './slice';
import type { OperatorAuth, SessionSlice } from './types';

export const createSessionSlice = (auth: OperatorAuth | null): OperatorSliceCreator<SessionSlice> => (set) => ({
  auth,
  signIn: { pending: false, error: null },
  connection: { status: 'idle', error: null },
  setAuth: (a) => set({ auth: a }),
  setSignIn: (patch) => set((s) => ({ signIn: { ...s.signIn, ...patch } })),
  setConnection: (patch) => set((s) => ({ connection: { ...s.connection, ...patch } })),
});
