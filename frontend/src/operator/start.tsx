import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createAppStore } from '../store';
import { createOperatorStore } from './store';
import { OperatorClient } from './operator-client';
import { OperatorApp } from './components/OperatorApp';
import './operator.css';

/** Boots the console at /operator: its own store, its own socket (operator token), no guest identity. */
export function startOperatorConsole(root: HTMLElement): void {
  const store = createOperatorStore();
  const viewer = createAppStore({ viewer: true });
  const client = new OperatorClient({ store, viewer });
  createRoot(root).render(
    <StrictMode>
      <OperatorApp store={store} viewer={viewer} commands={client} />
    </StrictMode>,
  );
  client.start();
}
