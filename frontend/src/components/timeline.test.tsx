import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ChatEvent } from '@app/shared';
import { buildTimeline, type TurnItem } from '../model/timeline';
import { AssistantTurn } from './Messages';
import { renderApp } from '../test/render';
import { alarmForm, component, errorEvent, response, session, thinking, turnEvents, user } from '../test/fixtures';

const turnOf = (events: ChatEvent[]) => buildTimeline(events).items.find((i): i is TurnItem => i.kind === 'turn')!;

describe('thinking timeline', () => {
  it('shows steps in order, a spinner while started, a check with the duration when done, the intent with confidence', () => {
    const events = [
      user(1, 'wake me up at 6:30 tomorrow'),
      thinking(2, 'a', 'started', 'Analyzing your request...'),
      thinking(3, 'a', 'done', 'Analyzing your request...', { durationMs: 120 }),
      thinking(4, 'i', 'started', 'Recognizing intent...', { stage: 'intent' }),
      thinking(5, 'i', 'done', 'Intent recognized: create_alarm', { stage: 'intent', durationMs: 240, detail: { intent: 'create_alarm', confidence: 0.93 } }),
      thinking(6, 'p', 'started', 'Extracting parameters from your request...', { stage: 'params' }),
    ];
    renderApp(<AssistantTurn turn={turnOf(events)} />);
    const steps = within(screen.getByRole('list', { name: 'Thinking steps' })).getAllByRole('listitem');
    expect(steps.map((s) => s.querySelector('.step__label')!.textContent)).toEqual([
      'Analyzing your request...', 'Intent recognized: create_alarm', 'Extracting parameters from your request...',
    ]);
    expect(within(steps[0]).getByRole('img', { name: 'Done' })).toBeInTheDocument();
    expect(steps[0]).toHaveTextContent('120 ms');
    expect(steps[1]).toHaveTextContent('create_alarm');
    expect(steps[1]).toHaveTextContent('93% confident');
    expect(within(steps[2]).getByRole('img', { name: 'In progress' })).toBeInTheDocument();
    // Running: typing indicator, no collapse toggle yet.
    expect(document.querySelector('.typing')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /Thought for/ })).not.toBeInTheDocument();
  });

  it('names the recognised intent once: on the step that says so, highlighted, with its confidence', () => {
    const detail = { intent: 'create_alarm', confidence: 0.92 };
    const analyzing = [
      user(1, 'wake me up at 6:30'),
      thinking(2, 'a', 'started', 'Analyzing your request...', { stage: 'intent' }),
      thinking(3, 'a', 'done', 'Analyzing your request...', { stage: 'intent', durationMs: 600, detail }),
    ];
    // Until a later step names it, the analyzing step shows the intent and its confidence.
    const { rerender } = renderApp(<AssistantTurn turn={turnOf(analyzing)} />);
    let steps = within(screen.getByRole('list', { name: 'Thinking steps' })).getAllByRole('listitem');
    expect(steps[0]).toHaveTextContent('create_alarm');
    expect(steps[0]).toHaveTextContent('92% confident');
    rerender(<AssistantTurn turn={turnOf([
      ...analyzing,
      thinking(4, 'i', 'started', 'Intent recognized: create_alarm', { stage: 'intent' }),
      thinking(5, 'i', 'done', 'Intent recognized: create_alarm', { stage: 'intent', durationMs: 0, detail }),
    ])} />);
    steps = within(screen.getByRole('list', { name: 'Thinking steps' })).getAllByRole('listitem');
    expect(steps[0]).not.toHaveTextContent('create_alarm');
    expect(steps[0]).not.toHaveTextContent('confident');
    expect(steps[1].querySelector('.step__label')!.textContent).toBe('Intent recognized: create_alarm');
    expect(within(steps[1]).getByText('create_alarm')).toHaveClass('step__intent');
    expect(steps[1]).toHaveTextContent('92% confident');
    expect(screen.getAllByText(/% confident/)).toHaveLength(1);
  });

  it('marks a failed step with a cross', () => {
    renderApp(<AssistantTurn turn={turnOf([user(1), thinking(2, 't', 'started', 'Executing your request...'), thinking(3, 't', 'failed', 'Executing your request...', { durationMs: 50 })])} />);
    expect(screen.getByRole('img', { name: 'Failed' })).toHaveTextContent('✕');
  });

  it('collapses into "Thought for 0.4 s" once the final response arrived, and reopens', async () => {
    const u = userEvent.setup();
    renderApp(<AssistantTurn turn={turnOf(turnEvents(1))} />);
    const toggle = screen.getByRole('button', { name: /Thought for 0\.4 s/ });
    expect(toggle).toHaveAttribute('aria-expanded', 'false');
    expect(screen.queryByRole('list', { name: 'Thinking steps' })).not.toBeInTheDocument();
    expect(screen.getByText('Alarm set for 06:30 tomorrow.')).toBeInTheDocument();
    expect(document.querySelector('.typing')).not.toBeInTheDocument();

    await u.click(toggle);
    expect(toggle).toHaveAttribute('aria-expanded', 'true');
    const steps = within(screen.getByRole('list', { name: 'Thinking steps' })).getAllByRole('listitem');
    expect(steps.map((s) => s.querySelector('.step__label')!.textContent)).toEqual([
      'Analyzing your request...', 'Intent recognized: create_alarm', 'Extracting parameters from your request...',
      'Executing your request...', 'Generating final response...',
    ]);
    await u.click(toggle);
    await waitFor(() => expect(screen.queryByRole('list', { name: 'Thinking steps' })).not.toBeInTheDocument());
  });

  it('collapses live when the final response arrives', async () => {
    const events = turnEvents(1);
    const { rerender } = renderApp(<AssistantTurn turn={turnOf(events.slice(0, -1))} />);
    expect(screen.getByRole('list', { name: 'Thinking steps' })).toBeInTheDocument();
    rerender(<AssistantTurn turn={turnOf(events)} />);
    await waitFor(() => expect(screen.queryByRole('list', { name: 'Thinking steps' })).not.toBeInTheDocument());
    expect(screen.getByRole('button', { name: /Thought for/ })).toBeInTheDocument();
  });
});

describe('turn contents', () => {
  it('streams response deltas (latest text) and then shows the final text', () => {
    const base = [user(1), thinking(2, 'r', 'started', 'Generating final response...')];
    const { rerender } = renderApp(<AssistantTurn turn={turnOf([...base, response(3, 'Your alarm', false)])} />);
    expect(screen.getByText('Your alarm')).toHaveClass('response--streaming');
    rerender(<AssistantTurn turn={turnOf([...base, response(3, 'Your alarm', false), response(4, 'Your alarm is set', false)])} />);
    expect(screen.getByText('Your alarm is set')).toBeInTheDocument();
    rerender(<AssistantTurn turn={turnOf([...base, response(3, 'Your alarm', false), response(4, 'Your alarm is set for 06:30.', true)])} />);
    expect(screen.getByText('Your alarm is set for 06:30.')).not.toHaveClass('response--streaming');
  });

  it('a later version of a component replaces the earlier in place', () => {
    const events = [
      user(1), response(2, 'What time?'), component(3, alarmForm({ timeMissing: true })),
      user(4, 'at 7'), component(5, alarmForm({ timeMissing: false }), { version: 2, closed: true }), response(6, 'Done.'),
    ];
    const timeline = buildTimeline(events);
    const blocks = timeline.items.flatMap((i) => (i.kind === 'turn' ? i.blocks : []));
    const components = blocks.filter((b) => b.kind === 'component');
    expect(components).toHaveLength(1);
    expect(components[0].kind === 'component' && components[0].event).toMatchObject({ version: 2, closed: true });
    expect(timeline.componentItem.get('form-1')).toBe(1); // still in the first turn
  });

  it('shows error events inline and session lines with Resume', async () => {
    const u = userEvent.setup();
    const { commands, rerender } = renderApp(
      <AssistantTurn turn={turnOf([user(1), errorEvent(2, 'The alarm service is busy.'), session(3, 'abandoned', { reason: 'new_intent' })])} />,
    );
    expect(screen.getByText('The alarm service is busy.')).toBeInTheDocument();
    expect(screen.getByText('You can try again.', { exact: false })).toBeInTheDocument();
    expect(screen.getByText('Alarm draft kept')).toBeInTheDocument();
    await u.click(screen.getByRole('button', { name: /Resume/ }));
    expect(commands.resumeIntent).toHaveBeenCalledWith('intent-1');
    // Once the log shows the draft resumed, the old line no longer offers it.
    rerender(<AssistantTurn turn={turnOf([user(1), session(3, 'abandoned'), session(4, 'active', { reason: 'resumed' })])} />);
    expect(screen.getByText('Alarm draft kept')).toBeInTheDocument();
    expect(screen.getByText('Alarm draft resumed')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /Resume/ })).not.toBeInTheDocument();
  });
});
