import { createContext, useContext, type ReactNode } from 'react';
import { useStore } from 'zustand';
import type { OperatorStore } from './index';
import type { OperatorState } from './types';

const OperatorStoreContext = createContext<OperatorStore | null>(null);

export function OperatorStoreProvider({ store, children }: { store: OperatorStore; children: ReactNode }) {
  return <OperatorStoreContext.Provider value={store}>{children}</OperatorStoreContext.Provider>;
}

/** Selects from the operator store. Selectors must return stable values (no fresh arrays/objects). */
export function useOp<T>(selector: (s: OperatorState) => T): T {
  const store = useContext(OperatorStoreContext);
  if (!store) throw new Error('useOp outside <OperatorStoreProvider>');
  return useStore(store, selector);
}
