import type { OutboxMessage } from '../store';
import type { OperatorItem, TurnItem, UserItem } from '../model/timeline';
import { useCommands } from '../transport/commands';
import { ThinkingTimeline } from './ThinkingTimeline';
import { BlockView, TypingIndicator } from './TurnBlocks';

/** `author` is what a screen reader says before the text: "You" to the person, "Person" to an operator. */
export function UserMessage({ item, author = 'You' }: { item: UserItem; author?: string }) {
  const { event } = item;
  return (
    <div className="msg msg--user" data-testid="user-message">
      <div className="bubble bubble--user">
        <span className="sr-only">{author}: </span>
        {event.text}
      </div>
      {event.via && event.via !== 'chat' && <span className="msg__meta">{event.via === 'form' ? 'Sent from the form' : 'Button'}</span>}
    </div>
  );
}

/** A message still in the outbox: shown at once, marked until the server has it. */
export function PendingMessage({ item }: { item: OutboxMessage }) {
  const commands = useCommands();
  return (
    <div className="msg msg--user msg--pending" data-testid="pending-message">
      <div className="bubble bubble--user">
        <span className="sr-only">You: </span>
        {item.text}
      </div>
      {item.status === 'failed' ? (
        <span className="msg__meta tone--danger">
          Not sent{item.error ? `: ${item.error}` : ''}.{' '}
          <button type="button" className="link-button" onClick={() => commands.retryOutbox(item.id)}>Retry</button>{' '}
          <button type="button" className="link-button" onClick={() => commands.discardOutbox(item.id)}>Discard</button>
        </span>
      ) : (
        <span className="msg__meta">
          <span className="clock" aria-hidden="true" /> {item.status === 'sending' ? 'Sending…' : 'Waiting to send'}
        </span>
      )}
    </div>
  );
}

export function AssistantTurn({ turn }: { turn: TurnItem }) {
  return (
    <div className="msg msg--assistant" aria-busy={turn.running || undefined}>
      <span className="sr-only">Assistant: </span>
      {turn.steps.length > 0 && <ThinkingTimeline turn={turn} />}
      {turn.blocks.map((b) => <BlockView key={b.key} block={b} />)}
      {turn.running && <TypingIndicator />}
    </div>
  );
}

/** An operator answering as a person ("Dana · operator"), or a takeover / hand-back as a system line. */
export function OperatorMessage({ item }: { item: OperatorItem }) {
  const { event } = item;
  if (event.kind !== 'message') {
    return (
      <p className="system-line" data-kind={event.kind}>
        <span className="system-line__text">{event.text}</span>
      </p>
    );
  }
  return (
    <div className="msg msg--operator">
      <span className="msg__author" aria-hidden="true">{event.operatorName} · operator</span>
      <div className="bubble bubble--operator">
        <span className="sr-only">{event.operatorName} (operator): </span>
        {event.text}
      </div>
    </div>
  );
}
