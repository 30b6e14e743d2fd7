import { createContext, useContext } from 'react';
import type { FunnelPreset, OperatorView } from './store';

/** Everything the console's components may ask for; results come back through the operator store. */
export interface OperatorCommands {
  signIn(name: string, password: string): Promise<void>;
  signOut(): void;
  showView(view: OperatorView): void;
  openChat(chatId: string): Promise<void>;
  closeChat(): void;
  /** Plays the open chat back from its first event, at (capped) original pace. */
  replay(): void;
  skipToLive(): void;
  takeover(): Promise<void>;
  handback(): Promise<void>;
  send(text: string): Promise<void>;
  setComposerText(text: string): void;
  showFunnel(preset: FunnelPreset, range?: { from: string; to: string }): Promise<void>;
  retry(): void;
}

const noop = async () => undefined;

export const NOOP_OPERATOR_COMMANDS: OperatorCommands = {
  signIn: noop, signOut: () => undefined, showView: () => undefined, openChat: noop, closeChat: () => undefined,
  replay: () => undefined, skipToLive: () => undefined, takeover: noop, handback: noop, send: noop,
  setComposerText: () => undefined, showFunnel: noop, retry: () => undefined,
};

export const OperatorCommandsContext = createContext<OperatorCommands>(NOOP_OPERATOR_COMMANDS);

export function useOperatorCommands(): OperatorCommands {
  return useContext(OperatorCommandsContext);
}
