import { act, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { IntentFunnel } from '@app/shared';
import { ChatActivityList } from './components/ChatActivityList';
import { FunnelPanel } from './components/FunnelPanel';
import { OperatorLive } from './components/OperatorStatus';
import { SignInForm } from './components/SignInForm';
import { WatchPane } from './components/WatchPane';
import { createOperatorStore } from './store';
import { activity, renderConsole } from './test-utils';
import { alarmForm, CHAT_ID, component, operatorEvent, response, session, thinking, user } from '../test/fixtures';

const sizes = { clientHeight: 800, clientWidth: 800, offsetHeight: 60, offsetWidth: 800 };
const saved: Array<[string, PropertyDescriptor | undefined]> = [];
beforeAll(() => {
  // jsdom does no layout: give elements a size so the virtualised transcript has a viewport.
  for (const [key, value] of Object.entries(sizes)) {
    saved.push([key, Object.getOwnPropertyDescriptor(HTMLElement.prototype, key)]);
    Object.defineProperty(HTMLElement.prototype, key, { configurable: true, get: () => value });
  }
});
afterAll(() => {
  for (const [key, desc] of saved) if (desc) Object.defineProperty(HTMLElement.prototype, key, desc);
});

const tick = () => act(async () => { await new Promise((r) => setTimeout(r, 20)); });

describe('sign-in form', () => {
  it('signs in with the typed name and password, and shows the error', async () => {
    const u = userEvent.setup();
    const store = createOperatorStore(null);
    const { commands } = renderConsole(<SignInForm />, { store });
    expect(screen.getByLabelText('Your name')).toHaveFocus();
    await u.type(screen.getByLabelText('Your name'), 'Dana');
    await u.type(screen.getByLabelText('Operator password'), 'secret{Enter}');
    expect(commands.signIn).toHaveBeenCalledWith('Dana', 'secret');
    act(() => store.getState().setSignIn({ error: 'Wrong operator password.' }));
    expect(screen.getByRole('alert')).toHaveTextContent('Wrong operator password.');
  });
});

describe('chat list', () => {
  it('shows person, title, last message, intent and its state, online and paused; opens a chat', async () => {
    const u = userEvent.setup();
    const { store, commands } = renderConsole(<ChatActivityList />);
    act(() => store.getState().setChats([
      activity('c1', {
        userId: 'guest-0f1e2d3c-aaaa-bbbb-cccc-111122223333', title: 'set an alarm', online: true, paused: true,
        lastMessage: { type: 'response', text: 'What time should the alarm ring?', ts: '2026-01-01T06:00:00.000Z' },
        intent: { intentId: 'i', sessionId: 's', intent: 'create_alarm', state: 'active', resumable: true, params: {}, missing: ['time'], componentId: null, createdAt: '', updatedAt: '' },
      }),
      activity('c2', { updatedAt: '2025-12-31T06:00:00.000Z' }),
    ]));
    const list = screen.getByRole('region', { name: /Live chats/ });
    expect(list).toHaveTextContent('2 · 1 online');
    const [first, second] = within(list).getAllByRole('button');
    expect(first).toHaveTextContent(/^Online, guest-0f1e2dPaused/);
    expect(first).toHaveTextContent('Assistant: What time should the alarm ring?');
    expect(first).toHaveTextContent('New alarm In progress needs time');
    expect(second).toHaveTextContent(/^Offline, guest-c2/);
    expect(second).toHaveTextContent('New chat');

    // Live: a partial update moves the chat and changes its line.
    act(() => { store.getState().mergeActivity({ chatId: 'c2', lastSeq: 1, updatedAt: '2026-01-02T00:00:00.000Z', lastMessage: { type: 'user', text: 'hello', ts: '2026-01-02T00:00:00.000Z' } }); });
    expect(within(list).getAllByRole('button')[0]).toHaveTextContent('Person: hello');
    await u.click(within(list).getAllByRole('button')[1]);
    expect(commands.openChat).toHaveBeenCalledWith('c1');
  });
});

describe('watched chat', () => {
  const events = [
    user(1, 'set an alarm'),
    thinking(2, 'a', 'started', 'Analyzing your request...'),
    thinking(3, 'a', 'done', 'Analyzing your request...', { durationMs: 80 }),
    response(4, 'What time should the alarm ring?'),
    component(5, alarmForm()),
    session(6, 'active', { missing: ['time'] }),
    operatorEvent(7, 'takeover', 'Dana joined the conversation.'),
    operatorEvent(8, 'message', 'Hi, Dana here.'),
  ];

  function watching(extra: Parameters<typeof activity>[1] = {}) {
    const store = createOperatorStore({ token: 't', userId: 'operator:Dana', name: 'Dana' });
    store.getState().setChats([activity(CHAT_ID, { title: 'set an alarm', online: false, deliveredSeq: 6, ...extra })]);
    store.getState().openWatch(CHAT_ID);
    store.getState().applyWatchEvents(CHAT_ID, events, { source: 'replay', after: 0 });
    store.getState().setWatch({ loading: false });
    return store;
  }

  it('renders the conversation read-only, marks what the person has not received, offers Take over', async () => {
    const u = userEvent.setup();
    const { commands } = renderConsole(<WatchPane />, { store: watching() });
    await tick();
    const transcript = screen.getByRole('region', { name: /Conversation with guest-chat-1/ });
    expect(within(transcript).getByText('set an alarm')).toBeInTheDocument();
    expect(within(transcript).getByRole('button', { name: /Thought for/ })).toBeInTheDocument();
    expect(within(transcript).getByRole('button', { name: 'Create alarm' })).toBeDisabled();
    // Seq 7 and 8 came after deliveredSeq 6.
    expect(within(transcript).getAllByText('Not received yet')).toHaveLength(2);
    expect(screen.getByText(/2 events have not reached the person yet \(offline\)/)).toBeInTheDocument();
    expect(screen.queryByRole('textbox', { name: 'Answer as Dana' })).not.toBeInTheDocument();
    expect(screen.getByText(/Take over to answer as Dana/)).toBeInTheDocument();
    await u.click(screen.getByRole('button', { name: 'Take over' }));
    expect(commands.takeover).toHaveBeenCalled();
    await u.click(screen.getByRole('button', { name: 'Replay from start' }));
    expect(commands.replay).toHaveBeenCalled();
  });

  it('while taken over: Hand back and a composer that sends with Enter', async () => {
    const u = userEvent.setup();
    const store = watching({ paused: true, pausedBy: 'operator:Dana', deliveredSeq: 8 });
    const { commands } = renderConsole(<WatchPane />, { store });
    await tick();
    expect(screen.getByText('Taken over by Dana')).toBeInTheDocument();
    expect(screen.queryByText('Not received yet')).not.toBeInTheDocument();
    const box = screen.getByRole('textbox', { name: 'Answer as Dana' });
    expect(box).toHaveFocus();
    commands.setComposerText.mockImplementation((text: string) => store.getState().setComposer({ text }));
    await u.type(box, 'At what time?{Enter}');
    expect(commands.send).toHaveBeenCalledWith('At what time?');
    act(() => store.getState().setComposer({ error: 'Take the chat over before answering as an operator.' }));
    expect(screen.getByRole('alert')).toHaveTextContent('Not sent: Take the chat over');
    await u.click(screen.getByRole('button', { name: 'Hand back' }));
    expect(commands.handback).toHaveBeenCalled();
  });

  it('replays: shows only the events played so far, with Skip to live', async () => {
    const u = userEvent.setup();
    const store = watching();
    const { commands } = renderConsole(<WatchPane />, { store });
    act(() => store.getState().setWatch({ playback: 1 }));
    await tick();
    expect(screen.getByRole('status')).toHaveTextContent('Replaying from the start · 1 of 8 events');
    expect(screen.queryByText('Hi, Dana here.')).not.toBeInTheDocument();
    await u.click(screen.getByRole('button', { name: 'Skip to live' }));
    expect(commands.skipToLive).toHaveBeenCalled();
  });

  it('reads new messages aloud in a polite live region', () => {
    const store = watching();
    renderConsole(<OperatorLive />, { store });
    act(() => { store.getState().applyWatchEvents(CHAT_ID, [user(9, 'are you there?')], { source: 'live' }); });
    const region = screen.getByTestId('operator-live');
    expect(region).toHaveAttribute('aria-live', 'polite');
    expect(region).toHaveTextContent('Person: are you there?');
  });
});

describe('intent funnel', () => {
  const funnel: IntentFunnel = {
    from: '2026-01-01T00:00:00.000Z', to: '2026-01-08T00:00:00.000Z', started: 10, completed: 6, cancelled: 1, abandoned: 2, active: 1,
    resumed: 3, completedAfterResume: 2, byIntent: { create_alarm: { started: 8, completed: 5, cancelled: 1, abandoned: 2 } },
    timeToCompleteMs: { p50: 4200, p90: 95_000, mean: 20_000 }, dropOffByMissing: { time: 2, '(nothing missing)': 1 },
    lowConfidence: [{ chatId: 'c9', seq: 4, text: 'alarm 7 tomorrow maybe', intent: 'create_alarm', confidence: 0.42, ts: '2026-01-03T10:00:00.000Z' }],
  };

  it('shows the numbers, drop-off and low-confidence messages; switches ranges; opens a chat', async () => {
    const u = userEvent.setup();
    const { store, commands } = renderConsole(<FunnelPanel />);
    act(() => store.getState().setFunnel({ data: funnel }));
    const stats = document.querySelector('.op-stats') as HTMLElement;
    expect(stats).toHaveTextContent('Started10');
    expect(stats).toHaveTextContent('Completed6 60%');
    expect(stats).toHaveTextContent('Abandoned2 20%');
    expect(stats).toHaveTextContent('Resumed3 30%');
    expect(stats).toHaveTextContent('Completed after resume2 67%');
    expect(stats).toHaveTextContent('4 s / 1.6 min');
    const drop = screen.getByRole('region', { name: 'Drop-off by missing parameter' });
    expect(within(drop).getAllByRole('listitem').map((li) => li.textContent)).toEqual(['time2', '(nothing missing)1']);
    expect(screen.getByRole('table')).toHaveTextContent('New alarm8512');
    const low = screen.getByRole('region', { name: 'Low-confidence messages' });
    expect(low).toHaveTextContent('alarm 7 tomorrow maybe');
    expect(low).toHaveTextContent('42%');
    await u.click(within(low).getByRole('button', { name: /Open chat/ }));
    expect(commands.showView).toHaveBeenCalledWith('chats');
    expect(commands.openChat).toHaveBeenCalledWith('c9');

    await u.click(screen.getByRole('radio', { name: 'Last 7 days' }));
    expect(commands.showFunnel).toHaveBeenCalledWith('7d', undefined);
    act(() => store.getState().setFunnel({ preset: 'custom' }));
    await u.click(screen.getByRole('button', { name: 'Apply' }));
    expect(commands.showFunnel).toHaveBeenLastCalledWith('custom', { from: expect.any(String), to: expect.any(String) });
  });
});
