import { useEffect, useRef } from 'react';
import { domAnimation, LazyMotion, MotionConfig } from 'framer-motion';
import type { AppStore } from '../store';
import { StoreProvider, useApp } from '../store/context';
import { CommandsContext, type ChatCommands } from '../transport/commands';
import { applyTheme } from '../lib/theme';
import { cls } from '../lib/cls';
import { ChatList } from '../components/ChatList';
import { Composer } from '../components/Composer';
import { ConnectionIndicator } from '../components/ConnectionIndicator';
import { IntentBar } from '../components/IntentBar';
import { MessageList } from '../components/MessageList';
import { LiveRegion, Notice } from '../components/Announcer';
import { ThemeToggle } from '../components/ThemeToggle';

export function App({ store, commands }: { store: AppStore; commands: ChatCommands }) {
  return (
    <StoreProvider store={store}>
      <CommandsContext.Provider value={commands}>
        {/* LazyMotion + `m`: only the DOM animation features are bundled. "user": animations
            follow prefers-reduced-motion (transforms off, fades kept). */}
        <LazyMotion features={domAnimation} strict>
          <MotionConfig reducedMotion="user">
            <Shell />
          </MotionConfig>
        </LazyMotion>
      </CommandsContext.Provider>
    </StoreProvider>
  );
}

function Shell() {
  const theme = useApp((s) => s.theme);
  const branding = useApp((s) => s.branding);
  const sidebarOpen = useApp((s) => s.sidebarOpen);
  const setSidebarOpen = useApp((s) => s.setSidebarOpen);
  const chatTitle = useApp((s) => s.chats.find((c) => c.chatId === s.currentChatId)?.title ?? 'New chat');
  const menuRef = useRef<HTMLButtonElement>(null);
  const sidebarRef = useRef<HTMLElement>(null);

  useEffect(() => applyTheme(theme, branding), [theme, branding]);

  // On a phone the chat list is a drawer: focus goes into it, Escape closes it and returns focus.
  useEffect(() => {
    if (!sidebarOpen) return;
    sidebarRef.current?.querySelector<HTMLElement>('button')?.focus();
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape') return;
      setSidebarOpen(false);
      menuRef.current?.focus();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [sidebarOpen, setSidebarOpen]);

  return (
    <div className={cls('app', sidebarOpen && 'app--sidebar-open')}>
      <a className="skip-link" href="#composer-input">Skip to the message box</a>
      <aside id="sidebar" ref={sidebarRef} className="sidebar">
        <div className="sidebar__brand" aria-hidden="true">
          <span className="brand-mark" /> {branding.name}
        </div>
        <ChatList />
      </aside>
      {sidebarOpen && <div className="backdrop" aria-hidden="true" onClick={() => setSidebarOpen(false)} />}
      <main className="main">
        <header className="topbar">
          <button
            ref={menuRef}
            type="button"
            className="btn btn--ghost btn--small menu-button"
            aria-expanded={sidebarOpen}
            aria-controls="sidebar"
            aria-label="Chats"
            onClick={() => setSidebarOpen(!sidebarOpen)}
          >
            <span aria-hidden="true">☰</span>
          </button>
          <h1 className="topbar__title">
            <span className="brand-mark" aria-hidden="true" />
            {branding.name}
          </h1>
          <ConnectionIndicator />
          <ThemeToggle />
        </header>
        <h2 className="sr-only">{chatTitle}</h2>
        <IntentBar />
        <MessageList />
        <Composer />
      </main>
      <LiveRegion />
      <Notice />
    </div>
  );
}
