import { useApp } from '../store/context';
import { useCommands } from '../transport/commands';
import type { ConnectionState } from '../store';
import { cls } from '../lib/cls';

export function connectionLabel({ status, attempt }: Pick<ConnectionState, 'status' | 'attempt'>): string {
  switch (status) {
    case 'connecting': return 'Connecting…';
    case 'connected': return 'Connected';
    case 'reconnecting': return attempt > 0 ? `Reconnecting (attempt ${attempt})…` : 'Reconnecting…';
    case 'polling': return 'Polling';
    case 'offline': return 'Offline';
  }
}

/** Connected / reconnecting (attempt n) / offline / polling, with Retry when not connected. */
export function ConnectionIndicator() {
  const connection = useApp((s) => s.connection);
  const commands = useCommands();
  const { status, error } = connection;
  const canRetry = status !== 'connected' && status !== 'connecting';
  return (
    <div className={cls('conn', `conn--${status}`)}>
      <span className="conn__dot" aria-hidden="true" />
      <span role="status" className="conn__label" title={error ?? undefined} data-testid="connection-status">
        {connectionLabel(connection)}
        {status === 'polling' && <span className="conn__extra"> · limited</span>}
      </span>
      {canRetry && (
        <button type="button" className="btn btn--small btn--secondary" onClick={() => commands.retry()}>
          Retry
        </button>
      )}
    </div>
  );
}
