import type { ConnectionSlice } from './types';
import type { SliceCreator } from './slice';

export const createConnectionSlice: SliceCreator<ConnectionSlice> = (set) => ({
  connection: { status: 'connecting', attempt: 0, error: null, userId: null },
  setConnection: (patch) => set((s) => ({ connection: { ...s.connection, ...patch } })),
});
