import { useEffect } from 'react';
import { domAnimation, LazyMotion, MotionConfig } from 'framer-motion';
import type { AppStore } from '../../store';
import { StoreProvider, useApp } from '../../store/context';
import { applyTheme } from '../../lib/theme';
import { ThemeToggle } from '../../components/ThemeToggle';
import type { OperatorStore } from '../store';
import { OperatorStoreProvider, useOp } from '../store/context';
import { OperatorCommandsContext, useOperatorCommands, type OperatorCommands } from '../commands';
import { ChatActivityList } from './ChatActivityList';
import { FunnelPanel } from './FunnelPanel';
import { OperatorConnection, OperatorLive } from './OperatorStatus';
import { SignInForm } from './SignInForm';
import { WatchPane } from './WatchPane';

/**
 * The console at /operator. `viewer` is a store of the person's shape that only holds what the
 * reused conversation components need (theme, branding, open thinking timelines).
 */
export function OperatorApp({ store, viewer, commands }: { store: OperatorStore; viewer: AppStore; commands: OperatorCommands }) {
  return (
    <OperatorStoreProvider store={store}>
      <StoreProvider store={viewer}>
        <OperatorCommandsContext.Provider value={commands}>
          <LazyMotion features={domAnimation} strict>
            <MotionConfig reducedMotion="user">
              <Console />
            </MotionConfig>
          </LazyMotion>
        </OperatorCommandsContext.Provider>
      </StoreProvider>
    </OperatorStoreProvider>
  );
}

function Console() {
  const theme = useApp((s) => s.theme);
  const branding = useApp((s) => s.branding);
  const signedIn = useOp((s) => s.auth !== null);
  useEffect(() => {
    applyTheme(theme, branding);
    document.title = `Operator · ${branding.name}`;
  }, [theme, branding]);
  return signedIn ? <Desk /> : <SignInForm />;
}

function Desk() {
  const view = useOp((s) => s.view);
  const watching = useOp((s) => s.watch !== null);
  const name = useOp((s) => s.auth?.name ?? '');
  const brand = useApp((s) => s.branding.name);
  const commands = useOperatorCommands();
  return (
    <div className="op" data-view={view} data-watching={watching || undefined}>
      <header className="topbar op-topbar">
        <h1 className="topbar__title">
          <span className="brand-mark" aria-hidden="true" />
          {brand} <span className="op-topbar__role">Operator</span>
        </h1>
        <nav className="op-tabs" aria-label="Console">
          <button type="button" className="op-tab" aria-current={view === 'chats' ? 'page' : undefined} onClick={() => commands.showView('chats')}>Live chats</button>
          <button type="button" className="op-tab" aria-current={view === 'funnel' ? 'page' : undefined} onClick={() => commands.showView('funnel')}>Intent funnel</button>
        </nav>
        <OperatorConnection />
        <ThemeToggle />
        <span className="op-topbar__who">Signed in as <strong>{name}</strong></span>
        <button type="button" className="btn btn--small btn--ghost" onClick={() => commands.signOut()}>Sign out</button>
      </header>
      {view === 'chats' ? (
        <div className="op-desk">
          <ChatActivityList />
          <WatchPane />
        </div>
      ) : (
        <main className="op-main"><FunnelPanel /></main>
      )}
      <OperatorLive />
    </div>
  );
}
