import type { ChatActivity } from '@app/shared';
import { intentTitle, paramLabel, STATE_LABELS } from '../../lib/format';
import { cls } from '../../lib/cls';
import { useOp } from '../store/context';
import { useOperatorCommands } from '../commands';
import { lastSpeaker, shortPerson, when } from '../format';

export const STATE_TONES = { active: 'info', completed: 'success', cancelled: 'neutral', abandoned: 'warning' } as const;

/** Every chat, newest activity first, updated live from `operator:activity`. */
export function ChatActivityList() {
  const chats = useOp((s) => s.chatList);
  const loaded = useOp((s) => s.chatsLoaded);
  const current = useOp((s) => s.watch?.chatId ?? null);
  const online = chats.reduce((n, c) => n + (c.online ? 1 : 0), 0);
  return (
    <section className="op-chats" aria-labelledby="op-chats-title">
      <h2 id="op-chats-title" className="op-chats__title">
        Live chats <span className="op-chats__count">{chats.length} · {online} online</span>
      </h2>
      {!loaded ? (
        <p className="muted op-chats__empty">Loading chats…</p>
      ) : chats.length === 0 ? (
        <p className="muted op-chats__empty">No conversations yet. They appear here as soon as someone opens the chat.</p>
      ) : (
        <ul className="op-chats__items">
          {chats.map((c) => <li key={c.chatId}><ChatRow chat={c} current={c.chatId === current} /></li>)}
        </ul>
      )}
    </section>
  );
}

function ChatRow({ chat, current }: { chat: ChatActivity; current: boolean }) {
  const commands = useOperatorCommands();
  const { intent, lastMessage } = chat;
  return (
    <button
      type="button"
      className={cls('op-chat', current && 'is-current')}
      aria-current={current ? 'true' : undefined}
      data-chat-id={chat.chatId}
      onClick={() => void commands.openChat(chat.chatId)}
    >
      <span className="op-chat__top">
        <span className={cls('op-dot', chat.online && 'op-dot--online')} aria-hidden="true" />
        <span className="sr-only">{chat.online ? 'Online' : 'Offline'}, </span>
        <span className="op-chat__person" title={chat.userId}>{shortPerson(chat.userId)}</span>
        {chat.paused && <span className="badge badge--warning">Paused</span>}
        <time className="op-chat__time" dateTime={chat.updatedAt}>{when(chat.updatedAt)}</time>
      </span>
      <span className="op-chat__title">{chat.title || 'New chat'}</span>
      {lastMessage && (
        <span className="op-chat__last">
          <span className="op-chat__speaker">{lastSpeaker(lastMessage)}:</span> {lastMessage.text}
        </span>
      )}
      {intent && intent.intent !== 'none' && (
        <span className="op-chat__intent">
          {intentTitle(intent.intent)}{' '}
          <span className={`badge badge--${STATE_TONES[intent.state]}`}>{STATE_LABELS[intent.state]}</span>
          {intent.state === 'active' && intent.missing.length > 0 && <span className="muted"> needs {intent.missing.map(paramLabel).join(', ')}</span>}
        </span>
      )}
    </button>
  );
}
