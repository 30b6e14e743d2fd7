import type { ErrorEvent, SessionEvent } from '@app/shared';
import type { Block } from '../model/timeline';
import { intentDraft, intentTitle } from '../lib/format';
import { cls } from '../lib/cls';
import { useCommands } from '../transport/commands';
import { ComponentBlock } from './widgets/ComponentBlock';
import { useReadOnly } from './readonly';

export function BlockView({ block }: { block: Block }) {
  switch (block.kind) {
    case 'response':
      return <p className={cls('response', !block.final && 'response--streaming')}>{block.text}</p>;
    case 'component':
      return <ComponentBlock event={block.event} />;
    case 'error':
      return <ErrorNotice event={block.event} />;
    case 'session':
      return <SessionLine event={block.event} latest={block.latest} />;
  }
}

export function ErrorNotice({ event }: { event: ErrorEvent }) {
  return (
    <div className="notice notice--error">
      <span className="notice__icon" aria-hidden="true">!</span>
      <span>
        <span className="sr-only">Error: </span>
        {event.message}
        {event.retryable && <span className="notice__hint"> You can try again.</span>}
      </span>
    </div>
  );
}

/** What a session change means to a person; null when the intent bar already says enough. */
export function describeSession(e: SessionEvent): string | null {
  switch (e.state) {
    case 'abandoned':
      return `${intentDraft(e.intent)} kept`;
    case 'cancelled':
      return `${intentDraft(e.intent)} cancelled`;
    case 'active':
      return e.reason && /resum/i.test(e.reason) ? `${intentDraft(e.intent)} resumed` : null;
    case 'completed':
      return null;
  }
}

/**
 * "Alarm draft kept — Resume": Resume only while the log still has that draft paused (no later
 * session event of the same intent), even if another intent has run since.
 */
export function SessionLine({ event, latest }: { event: SessionEvent; latest: boolean }) {
  const text = describeSession(event);
  const commands = useCommands();
  const readOnly = useReadOnly();
  if (!text) return null;
  const resumable = !readOnly && latest && event.resumable && (event.state === 'abandoned' || event.state === 'cancelled');
  return (
    <p className="session-line">
      <span>{text}</span>
      {resumable && (
        <>
          {' — '}
          <button type="button" className="link-button" onClick={() => void commands.resumeIntent(event.intentId)}>
            Resume<span className="sr-only"> {intentTitle(event.intent).toLowerCase()}</span>
          </button>
        </>
      )}
    </p>
  );
}

/** Visual only: the live region already says what is happening. */
export function TypingIndicator() {
  return (
    <div className="typing" aria-hidden="true">
      <span /><span /><span />
    </div>
  );
}
