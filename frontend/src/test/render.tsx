import type { ReactElement, ReactNode } from 'react';
import { render } from '@testing-library/react';
import { domAnimation, LazyMotion, MotionConfig } from 'framer-motion';
import { createAppStore, type AppStore } from '../store';
import { StoreProvider } from '../store/context';
import { CommandsContext, NOOP_COMMANDS, type ChatCommands } from '../transport/commands';
import { CHAT_ID } from './fixtures';

export type MockCommands = { [K in keyof ChatCommands]: jest.Mock };

export function mockCommands(): MockCommands {
  const out = {} as MockCommands;
  for (const key of Object.keys(NOOP_COMMANDS) as Array<keyof ChatCommands>) out[key] = jest.fn(async () => undefined);
  return out;
}

/** Renders with a fresh store (current chat opened) and recorded commands; animations instant. */
export function renderApp(ui: ReactElement, { store = createAppStore(), commands = mockCommands() }: { store?: AppStore; commands?: MockCommands } = {}) {
  if (!store.getState().currentChatId) store.getState().selectChat(CHAT_ID);
  store.getState().openStream(CHAT_ID);
  // A wrapper (not a wrapped element) so rerender() keeps the providers.
  const Wrapper = ({ children }: { children: ReactNode }) => (
    <StoreProvider store={store}>
      <CommandsContext.Provider value={commands}>
        <LazyMotion features={domAnimation} strict>
          <MotionConfig transition={{ duration: 0 }}>{children}</MotionConfig>
        </LazyMotion>
      </CommandsContext.Provider>
    </StoreProvider>
  );
  return { ...render(ui, { wrapper: Wrapper }), store, commands };
}
