import { useApp } from '../store/context';
import { useCommands } from '../transport/commands';
import { cls } from '../lib/cls';

const timeFormat = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });
const dateFormat = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric' });

function when(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  return d.toDateString() === new Date().toDateString() ? timeFormat.format(d) : dateFormat.format(d);
}

export function ChatList() {
  const chats = useApp((s) => s.chats);
  const current = useApp((s) => s.currentChatId);
  const commands = useCommands();
  return (
    <nav className="chatlist" aria-label="Chats">
      <button type="button" className="btn btn--primary chatlist__new" onClick={() => void commands.newChat()}>
        <span aria-hidden="true">+</span> New chat
      </button>
      {chats.length === 0 ? (
        <p className="muted chatlist__empty">No chats yet.</p>
      ) : (
        <ul className="chatlist__items">
          {chats.map((c) => (
            <li key={c.chatId}>
              <button
                type="button"
                className={cls('chatlist__item', c.chatId === current && 'is-current')}
                aria-current={c.chatId === current ? 'page' : undefined}
                onClick={() => void commands.openChat(c.chatId)}
              >
                <span className="chatlist__title">{c.title || 'New chat'}</span>
                <time className="chatlist__time" dateTime={c.updatedAt}>{when(c.updatedAt)}</time>
              </button>
            </li>
          ))}
        </ul>
      )}
    </nav>
  );
}
