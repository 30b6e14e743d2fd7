import { createContext, useContext } from 'react';

/**
 * Everything a component can ask for. Components never talk to the socket or the store's
 * write side directly: they call these, and the result comes back through the event stream.
 */
export interface ChatCommands {
  sendMessage(text: string): void;
  sendAction(componentId: string, action: string, values: Record<string, unknown>): void;
  newChat(): Promise<void>;
  openChat(chatId: string): Promise<void>;
  resumeIntent(intentId: string): Promise<void>;
  cancelIntent(intentId: string): Promise<void>;
  /** Reconnect now instead of waiting for the backoff. */
  retry(): void;
  retryOutbox(id: string): void;
  discardOutbox(id: string): void;
}

const noop = async () => undefined;

/** Inert default so a component rendered without a client (e.g. in a story) does not crash. */
export const NOOP_COMMANDS: ChatCommands = {
  sendMessage: () => undefined,
  sendAction: () => undefined,
  newChat: noop,
  openChat: noop,
  resumeIntent: noop,
  cancelIntent: noop,
  retry: () => undefined,
  retryOutbox: () => undefined,
  discardOutbox: () => undefined,
};

export const CommandsContext = createContext<ChatCommands>(NOOP_COMMANDS);

export function useCommands(): ChatCommands {
  return useContext(CommandsContext);
}
