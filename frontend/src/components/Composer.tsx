import { useEffect, useRef, type FormEvent, type KeyboardEvent } from 'react';
import { useApp } from '../store/context';
import { useCommands } from '../transport/commands';

/** The server's default limit (shared MAX_MESSAGE_LENGTH); not imported to keep zod out of the bundle. */
const MAX_LENGTH = 4000;

/** Enter sends, Shift+Enter adds a line. Focus returns here after a form is submitted. */
export function Composer() {
  const text = useApp((s) => s.composerText);
  const setText = useApp((s) => s.setComposerText);
  const focusTarget = useApp((s) => s.focusTarget);
  const requestFocus = useApp((s) => s.requestFocus);
  const commands = useCommands();
  const ref = useRef<HTMLTextAreaElement>(null);

  useEffect(() => {
    if (focusTarget?.kind !== 'composer') return;
    ref.current?.focus();
    requestFocus(null);
  }, [focusTarget, requestFocus]);

  const send = () => {
    if (!text.trim()) return;
    commands.sendMessage(text);
    setText('');
  };
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    send();
  };
  const onKeyDown = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    if (e.key === 'Enter' && !e.shiftKey && !e.nativeEvent.isComposing) {
      e.preventDefault();
      send();
    }
  };

  return (
    <form className="composer" onSubmit={onSubmit}>
      <label htmlFor="composer-input" className="sr-only">Message</label>
      <textarea
        id="composer-input"
        ref={ref}
        className="composer__input"
        rows={1}
        value={text}
        maxLength={MAX_LENGTH}
        placeholder="Message…"
        aria-describedby="composer-hint"
        onChange={(e) => setText(e.target.value)}
        onKeyDown={onKeyDown}
      />
      <span id="composer-hint" className="sr-only">Enter sends, Shift+Enter starts a new line.</span>
      <button type="submit" className="btn btn--primary composer__send" disabled={!text.trim()}>
        Send
      </button>
    </form>
  );
}
