import { act, screen, within } from '@testing-library/react';
import type { ChatEvent } from '@app/shared';
import { buildTimeline, itemSeq } from '../model/timeline';
import { MessageList } from './MessageList';
import { LiveRegion } from './Announcer';
import { AssistantTurn } from './Messages';
import { ReadOnlyContext } from './readonly';
import { renderApp } from '../test/render';
import { alarmForm, CHAT_ID, component, operatorEvent, response, session, thinking, turnEvents, user } from '../test/fixtures';

/** A takeover, an operator answer and a hand-back in the middle of a create_alarm. */
const conversation = (): ChatEvent[] => [
  user(1, 'set an alarm'),
  thinking(2, 'a', 'started', 'Analyzing your request...'),
  thinking(3, 'a', 'done', 'Analyzing your request...'),
  response(4, 'What time should the alarm ring?'),
  session(5, 'active', { missing: ['time'] }),
  operatorEvent(6, 'takeover', 'Dana joined the conversation.'),
  user(7, 'can a human help me?'),
  operatorEvent(8, 'message', 'Hi, Dana here. What time?'),
  operatorEvent(9, 'handback', 'Dana handed the conversation back to the assistant.'),
  ...turnEvents(10, 'at 7am'),
];

describe('operator events in the timeline model', () => {
  it('makes operator events their own items and starts a new turn after them', () => {
    const { items } = buildTimeline(conversation());
    expect(items.map((i) => i.kind)).toEqual(['user', 'turn', 'operator', 'user', 'operator', 'operator', 'user', 'turn']);
    expect(items.map(itemSeq)).toEqual([1, 5, 6, 7, 8, 9, 10, 21]);
  });

  it('skips an event type it does not know instead of breaking', () => {
    const odd = { chatId: CHAT_ID, seq: 2, ts: '2026-01-01T00:00:00Z', type: 'future-thing' } as unknown as ChatEvent;
    expect(buildTimeline([user(1), odd, response(3, 'ok')]).items.map((i) => i.kind)).toEqual(['user', 'turn']);
  });
});

describe("the person's chat with an operator", () => {
  const sizes = { clientHeight: 800, clientWidth: 800, offsetHeight: 60, offsetWidth: 800 };
  const saved: Array<[string, PropertyDescriptor | undefined]> = [];
  beforeAll(() => {
    for (const [key, value] of Object.entries(sizes)) {
      saved.push([key, Object.getOwnPropertyDescriptor(HTMLElement.prototype, key)]);
      Object.defineProperty(HTMLElement.prototype, key, { configurable: true, get: () => value });
    }
  });
  afterAll(() => {
    for (const [key, desc] of saved) if (desc) Object.defineProperty(HTMLElement.prototype, key, desc);
  });

  it("shows the operator's message as a named bubble and takeover / hand-back as system lines", async () => {
    const { store } = renderApp(<MessageList />);
    act(() => { store.getState().applyEvents(CHAT_ID, conversation(), { source: 'replay', after: 0 }); });
    await act(async () => { await new Promise((r) => setTimeout(r, 20)); });
    expect(screen.getByText('Dana · operator')).toBeInTheDocument();
    const bubble = screen.getByText('Hi, Dana here. What time?');
    expect(bubble).toHaveClass('bubble--operator');
    expect(bubble).toHaveTextContent('Dana (operator): Hi, Dana here. What time?');
    expect(screen.getByText('Dana joined the conversation.').closest('.system-line')).toBeInTheDocument();
    expect(screen.getByText('Dana handed the conversation back to the assistant.').closest('.system-line')).toBeInTheDocument();
    expect(screen.getByText('Alarm set for 06:30 tomorrow.')).toBeInTheDocument();
  });

  it('announces what the operator says and does, live', () => {
    const { store } = renderApp(<LiveRegion />);
    act(() => { store.getState().applyEvents(CHAT_ID, conversation().slice(0, 6), { source: 'live' }); });
    const region = screen.getByTestId('live-region');
    expect(region).toHaveTextContent('Dana joined the conversation.');
    act(() => { store.getState().applyEvents(CHAT_ID, conversation().slice(6, 8), { source: 'live' }); });
    expect(region).toHaveTextContent('Dana (operator): Hi, Dana here. What time?');
    // The chat list still moves the chat up on an operator event.
    expect(store.getState().chats[0]).toMatchObject({ chatId: CHAT_ID, lastSeq: 8 });
  });
});

describe('read-only conversations (operator console)', () => {
  it('shows forms disabled, never takes the focus and offers no Resume', () => {
    const events = [user(1, 'set an alarm'), response(2, 'What time?'), component(3, alarmForm()), session(4, 'abandoned')];
    const turn = buildTimeline(events).items[1];
    if (turn.kind !== 'turn') throw new Error('expected a turn');
    const { store } = renderApp(
      <ReadOnlyContext.Provider value>
        <AssistantTurn turn={turn} />
      </ReadOnlyContext.Provider>,
    );
    act(() => store.getState().requestFocus({ kind: 'component', componentId: 'form-1' }));
    const form = document.querySelector('fieldset')!;
    expect(form).toBeDisabled();
    expect(within(form).getByRole('button', { name: 'Create alarm' })).toBeDisabled();
    expect(document.activeElement).toBe(document.body);
    expect(screen.getByText('Alarm draft kept')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /Resume/ })).not.toBeInTheDocument();
  });
});
