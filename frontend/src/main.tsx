import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { createAppStore } from './store';
import { ChatClient } from './transport/socket-client';
import './styles/theme.css';
import './styles/layout.css';
import './styles/chat.css';
import './styles/widgets.css';

const store = createAppStore();
const client = new ChatClient({ store });

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App store={store} commands={client} />
  </StrictMode>,
);

void client.start();
