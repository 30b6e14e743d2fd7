import type { ReactElement, ReactNode } from 'react';
import { render } from '@testing-library/react';
import { domAnimation, LazyMotion, MotionConfig } from 'framer-motion';
import type { ChatActivity } from '@app/shared';
import { createAppStore } from '../store';
import { StoreProvider } from '../store/context';
import { createOperatorStore, type OperatorStore } from './store';
import { OperatorStoreProvider } from './store/context';
import { NOOP_OPERATOR_COMMANDS, OperatorCommandsContext, type OperatorCommands } from './commands';

export type MockOperatorCommands = { [K in keyof OperatorCommands]: jest.Mock };

export function mockOperatorCommands(): MockOperatorCommands {
  const out = {} as MockOperatorCommands;
  for (const key of Object.keys(NOOP_OPERATOR_COMMANDS) as Array<keyof OperatorCommands>) out[key] = jest.fn(async () => undefined);
  return out;
}

export const DANA = { token: 'tok', userId: 'operator:Dana', name: 'Dana' };

/** A chat as the server lists it; tests override what matters. */
export function activity(chatId: string, extra: Partial<ChatActivity> = {}): ChatActivity {
  return {
    chatId, userId: `guest-${chatId}`, title: null, lastSeq: 0, lastMessage: null, intent: null, online: false,
    deliveredSeq: 0, paused: false, pausedBy: null, updatedAt: '2026-01-01T06:00:00.000Z', ...extra,
  };
}

/** Renders inside the console's providers with a fresh operator store (signed in as Dana) and recorded commands. */
export function renderConsole(ui: ReactElement, { store = createOperatorStore(DANA), commands = mockOperatorCommands() }: { store?: OperatorStore; commands?: MockOperatorCommands } = {}) {
  const viewer = createAppStore({ viewer: true });
  const Wrapper = ({ children }: { children: ReactNode }) => (
    <OperatorStoreProvider store={store}>
      <StoreProvider store={viewer}>
        <OperatorCommandsContext.Provider value={commands}>
          <LazyMotion features={domAnimation} strict>
            <MotionConfig transition={{ duration: 0 }}>{children}</MotionConfig>
          </LazyMotion>
        </OperatorCommandsContext.Provider>
      </StoreProvider>
    </OperatorStoreProvider>
  );
  return { ...render(ui, { wrapper: Wrapper }), store, commands, viewer };
}
