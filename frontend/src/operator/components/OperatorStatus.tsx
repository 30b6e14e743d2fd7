import { cls } from '../../lib/cls';
import { useOp } from '../store/context';
import { useOperatorCommands } from '../commands';
import type { OperatorConnection as Status } from '../store';

const LABELS: Record<Status, string> = {
  idle: 'Not connected', connecting: 'Connecting…', connected: 'Live', reconnecting: 'Reconnecting…', offline: 'Offline',
};

/** Live / reconnecting / offline, with Retry; the same look as the person's indicator. */
export function OperatorConnection() {
  const { status, error } = useOp((s) => s.connection);
  const commands = useOperatorCommands();
  const css = status === 'idle' ? 'offline' : status;
  return (
    <div className={cls('conn', `conn--${css}`)}>
      <span className="conn__dot" aria-hidden="true" />
      <span role="status" className="conn__label" title={error ?? undefined}>{LABELS[status]}</span>
      {(status === 'reconnecting' || status === 'offline') && (
        <button type="button" className="btn btn--small btn--secondary" onClick={() => commands.retry()}>Retry</button>
      )}
    </div>
  );
}

/** The polite live region: new messages of the watched chat (never the replayed history). */
export function OperatorLive() {
  const announcement = useOp((s) => s.announcement);
  return (
    <div className="sr-only" aria-live="polite" aria-atomic="true" data-testid="operator-live">
      {announcement && <span key={announcement.id}>{announcement.text}</span>}
    </div>
  );
}
