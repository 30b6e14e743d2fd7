import { createContext, useContext } from 'react';

/**
 * True where a conversation is shown to someone who may not act in it (the operator console):
 * forms render disabled, nothing takes the focus, no Resume links.
 */
export const ReadOnlyContext = createContext(false);

export function useReadOnly(): boolean {
  return useContext(ReadOnlyContext);
}
