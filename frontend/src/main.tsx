import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { createAppStore } from './store';
import { ChatClient } from './transport/socket-client';
import './styles/theme.css';
import './styles/layout.css';
import './styles/chat.css';
import './styles/widgets.css';

const root = document.getElementById('root')!;

if (/^\/operator(\/|$)/.test(window.location.pathname)) {
  // The operator console: its own chunk, its own socket; no guest identity is created here.
  void import('./operator/start').then(({ startOperatorConsole }) => startOperatorConsole(root));
} else {
  const store = createAppStore();
  const client = new ChatClient({ store });

  createRoot(root).render(
    <StrictMode>
      <App store={store} commands={client} />
    </StrictMode>,
  );

  void client.start();
}
