import { act, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ChatEvent } from '@app/shared';
import { MessageList } from './MessageList';
import { Composer } from './Composer';
import { IntentBar } from './IntentBar';
import { ConnectionIndicator } from './ConnectionIndicator';
import { LiveRegion } from './Announcer';
import { renderApp } from '../test/render';
import { CHAT_ID, session, turnEvents } from '../test/fixtures';

describe('message list', () => {
  const sizes = { clientHeight: 600, clientWidth: 800, offsetHeight: 60, offsetWidth: 800 };
  const saved: Array<[string, PropertyDescriptor | undefined]> = [];
  beforeAll(() => {
    // jsdom does no layout: give elements a size so the virtualiser has a viewport.
    const getters: Record<string, (this: HTMLElement) => number> = {
      ...Object.fromEntries(Object.entries(sizes).map(([k, v]) => [k, () => v])),
      // The scroller's content is as tall as the virtualiser's inner box says.
      scrollHeight(this: HTMLElement) { return parseFloat((this.firstElementChild as HTMLElement | null)?.style.height ?? '') || 0; },
    };
    for (const [key, get] of Object.entries(getters)) {
      saved.push([key, Object.getOwnPropertyDescriptor(HTMLElement.prototype, key)]);
      Object.defineProperty(HTMLElement.prototype, key, { configurable: true, get });
    }
  });
  afterAll(() => {
    for (const [key, desc] of saved) if (desc) Object.defineProperty(HTMLElement.prototype, key, desc);
  });

  it('virtualises: 2,000 events render only the rows near the viewport', async () => {
    const events: ChatEvent[] = [];
    while (events.length < 2000) events.push(...turnEvents(events.length + 1, `message ${events.length + 1}`));
    const { store } = renderApp(<MessageList />);
    act(() => { store.getState().applyEvents(CHAT_ID, events, { source: 'replay', after: 0 }); });
    await act(async () => { await new Promise((r) => setTimeout(r, 20)); });
    const rows = screen.getAllByRole('listitem').filter((el) => el.classList.contains('messages__row'));
    const total = Number(rows[0].getAttribute('aria-setsize'));
    expect(total).toBeGreaterThan(300);
    expect(rows.length).toBeLessThan(40);
    // It opens at the newest messages.
    expect(rows.some((r) => Number(r.getAttribute('aria-posinset')) === total)).toBe(true);
  });

  it('shows a message from the outbox as pending until the server has it', () => {
    const { store } = renderApp(<MessageList />);
    act(() => { store.getState().enqueueMessage(CHAT_ID, 'set an alarm at 7'); });
    expect(screen.getByText('set an alarm at 7')).toBeInTheDocument();
    expect(screen.getByText('Waiting to send')).toBeInTheDocument();
  });

  it('shows the greeting in an empty chat', () => {
    const { store } = renderApp(<MessageList />);
    act(() => store.getState().setBranding({ greeting: 'Good morning!' }));
    expect(screen.getByText('Good morning!')).toBeInTheDocument();
  });
});

describe('composer', () => {
  it('sends with Enter, keeps Shift+Enter for new lines, and clears', async () => {
    const u = userEvent.setup();
    const { commands } = renderApp(<Composer />);
    const box = screen.getByRole('textbox', { name: 'Message' });
    await u.type(box, 'wake me up{Shift>}{Enter}{/Shift}at 6:30{Enter}');
    expect(commands.sendMessage).toHaveBeenCalledWith('wake me up\nat 6:30');
    expect(box).toHaveValue('');
  });

  it('takes the focus back when asked (after a form submit)', () => {
    const { store } = renderApp(<Composer />);
    act(() => store.getState().requestFocus({ kind: 'composer' }));
    expect(screen.getByRole('textbox', { name: 'Message' })).toHaveFocus();
  });
});

describe('intent bar and connection', () => {
  it('shows the current intent with Cancel while active and Resume when abandoned', async () => {
    const u = userEvent.setup();
    const { store, commands } = renderApp(<IntentBar />);
    act(() => { store.getState().applyEvents(CHAT_ID, [session(1, 'active', { missing: ['time'] })], { source: 'live' }); });
    const bar = screen.getByRole('region', { name: 'Current request' });
    expect(bar).toHaveTextContent('New alarm');
    expect(bar).toHaveTextContent('In progress');
    expect(bar).toHaveTextContent('Needs time');
    await u.click(within(bar).getByRole('button', { name: 'Cancel' }));
    expect(commands.cancelIntent).toHaveBeenCalledWith('intent-1');

    act(() => { store.getState().applyEvents(CHAT_ID, [session(2, 'abandoned')], { source: 'live' }); });
    await u.click(within(bar).getByRole('button', { name: 'Resume' }));
    expect(commands.resumeIntent).toHaveBeenCalledWith('intent-1');
  });

  it('shows connected / reconnecting (attempt n) / polling / offline, with Retry', async () => {
    const u = userEvent.setup();
    const { store, commands } = renderApp(<ConnectionIndicator />);
    act(() => store.getState().setConnection({ status: 'connected' }));
    expect(screen.getByRole('status')).toHaveTextContent('Connected');
    expect(screen.queryByRole('button', { name: 'Retry' })).not.toBeInTheDocument();
    act(() => store.getState().setConnection({ status: 'reconnecting', attempt: 3 }));
    expect(screen.getByRole('status')).toHaveTextContent('Reconnecting (attempt 3)');
    act(() => store.getState().setConnection({ status: 'polling' }));
    expect(screen.getByRole('status')).toHaveTextContent('Polling');
    act(() => store.getState().setConnection({ status: 'offline' }));
    expect(screen.getByRole('status')).toHaveTextContent('Offline');
    await u.click(screen.getByRole('button', { name: 'Retry' }));
    expect(commands.retry).toHaveBeenCalled();
  });

  it('announces live steps and replies in a polite live region', () => {
    const { store } = renderApp(<LiveRegion />);
    act(() => { store.getState().applyEvents(CHAT_ID, turnEvents(1), { source: 'live' }); });
    const region = screen.getByTestId('live-region');
    expect(region).toHaveAttribute('aria-live', 'polite');
    expect(region).toHaveTextContent('Alarm set for 06:30 tomorrow.');
  });
});
