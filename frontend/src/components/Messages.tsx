import type { OutboxMessage } from '../store';
import type { TurnItem, UserItem } from '../model/timeline';
import { useCommands } from '../transport/commands';
import { ThinkingTimeline } from './ThinkingTimeline';
import { BlockView, TypingIndicator } from './TurnBlocks';

export function UserMessage({ item }: { item: UserItem }) {
  const { event } = item;
  return (
    <div className="msg msg--user">
      <div className="bubble bubble--user">
        <span className="sr-only">You: </span>
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
    <div className="msg msg--user msg--pending">
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
