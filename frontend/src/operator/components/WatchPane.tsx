import { useMemo } from 'react';
import type { ChatActivity, ChatEvent } from '@app/shared';
import { intentTitle, paramLabel, STATE_LABELS } from '../../lib/format';
import { cls } from '../../lib/cls';
import { useOp } from '../store/context';
import { useOperatorCommands } from '../commands';
import { shortPerson } from '../format';
import { STATE_TONES } from './ChatActivityList';
import { OperatorComposer } from './OperatorComposer';
import { Transcript } from './Transcript';

const NO_EVENTS: ChatEvent[] = [];

/** The open chat: who, its intent, Take over / Hand back, Replay, the transcript and the composer. */
export function WatchPane() {
  const watch = useOp((s) => s.watch);
  const chat = useOp((s) => (s.watch ? s.chatsById[s.watch.chatId] ?? null : null));
  const action = useOp((s) => s.action);
  const operatorName = useOp((s) => s.auth?.name ?? 'you');
  const commands = useOperatorCommands();
  const all = watch?.stream.events ?? NO_EVENTS;
  const playback = watch?.playback ?? null;
  const events = useMemo(() => (playback !== null ? all.slice(0, playback) : all), [all, playback]);

  if (!watch) {
    return (
      <section className="op-watch op-watch--empty" aria-label="Conversation">
        <p className="muted">Choose a chat to watch it live, thinking steps included.</p>
      </section>
    );
  }

  const deliveredSeq = chat?.deliveredSeq ?? 0;
  const waiting = all.filter((e) => e.seq > deliveredSeq).length;
  const person = chat ? shortPerson(chat.userId) : 'Person';

  return (
    <section className="op-watch" aria-labelledby="op-watch-title">
      <header className="op-watch__head">
        <button type="button" className="btn btn--ghost btn--small op-back" onClick={() => commands.closeChat()} aria-label="Back to the chat list">
          <span aria-hidden="true">←</span>
        </button>
        <div className="op-watch__who">
          <h2 id="op-watch-title" className="op-watch__title">{chat?.title || 'New chat'}</h2>
          <WhoLine chat={chat} person={person} />
        </div>
        <div className="op-watch__actions">
          {watch.playback !== null ? (
            <button type="button" className="btn btn--small btn--secondary" onClick={() => commands.skipToLive()}>Skip to live</button>
          ) : (
            <button type="button" className="btn btn--small btn--secondary" onClick={() => commands.replay()} disabled={all.length === 0}>Replay from start</button>
          )}
          {chat?.paused ? (
            <button type="button" className="btn btn--small btn--primary" onClick={() => void commands.handback()} disabled={action.pending !== null}>
              {action.pending === 'handback' ? 'Handing back…' : 'Hand back'}
            </button>
          ) : (
            <button type="button" className="btn btn--small btn--primary" onClick={() => void commands.takeover()} disabled={action.pending !== null || !chat}>
              {action.pending === 'takeover' ? 'Taking over…' : 'Take over'}
            </button>
          )}
        </div>
      </header>
      {action.error && <p className="op-error op-watch__note" role="alert">{action.error}</p>}
      {watch.error && <p className="op-error op-watch__note" role="alert">Couldn't load this chat: {watch.error}</p>}
      {watch.playback !== null && (
        <p className="op-watch__note op-note--info" role="status">Replaying from the start · {watch.playback} of {all.length} events</p>
      )}
      {waiting > 0 && (
        <p className="op-watch__note op-note--warning">
          {waiting} {waiting === 1 ? 'event has' : 'events have'} not reached the person yet{chat?.online ? '' : ' (offline)'}.
        </p>
      )}
      {watch.loading && all.length === 0 ? (
        <div className="messages op-transcript"><p className="messages__empty muted" role="status">Loading the conversation…</p></div>
      ) : (
        <Transcript events={events} deliveredSeq={deliveredSeq} label={`Conversation with ${person}`} />
      )}
      {chat?.paused ? (
        <OperatorComposer />
      ) : (
        <p className="op-watch__hint muted">Take over to answer as {operatorName}: the assistant pauses for this chat until you hand it back.</p>
      )}
    </section>
  );
}

function WhoLine({ chat, person }: { chat: ChatActivity | null; person: string }) {
  if (!chat) return <p className="op-watch__meta muted">{person}</p>;
  const { intent } = chat;
  return (
    <p className="op-watch__meta">
      <span className={cls('op-dot', chat.online && 'op-dot--online')} aria-hidden="true" />
      <span title={chat.userId}>{person}</span>
      <span className="muted"> · {chat.online ? 'online' : 'offline'}</span>
      {chat.paused && <span className="badge badge--warning">Taken over{chat.pausedBy ? ` by ${chat.pausedBy.replace(/^operator:/, '')}` : ''}</span>}
      {intent && intent.intent !== 'none' && (
        <span className="op-watch__intent">
          {intentTitle(intent.intent)} <span className={`badge badge--${STATE_TONES[intent.state]}`}>{STATE_LABELS[intent.state]}</span>
          {intent.state === 'active' && intent.missing.length > 0 && <span className="muted"> needs {intent.missing.map(paramLabel).join(', ')}</span>}
        </span>
      )}
    </p>
  );
}
