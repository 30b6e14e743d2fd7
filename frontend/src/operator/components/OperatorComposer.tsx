import { useEffect, useRef, type FormEvent, type KeyboardEvent } from 'react';
import { useOp } from '../store/context';
import { useOperatorCommands } from '../commands';

const MAX_LENGTH = 4000;

/** Shown while the chat is taken over: the operator answers as a person. Enter sends. */
export function OperatorComposer() {
  const { text, sending, error } = useOp((s) => s.composer);
  const name = useOp((s) => s.auth?.name ?? 'Operator');
  const commands = useOperatorCommands();
  const ref = useRef<HTMLTextAreaElement>(null);

  // Taking over moves the keyboard here: the next thing to do is to answer.
  useEffect(() => ref.current?.focus(), []);

  const send = () => {
    if (text.trim() && !sending) void commands.send(text);
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
    <form className="composer op-composer" onSubmit={onSubmit}>
      <label htmlFor="op-composer-input" className="sr-only">Answer as {name}</label>
      <textarea
        id="op-composer-input"
        ref={ref}
        className="composer__input"
        rows={1}
        value={text}
        maxLength={MAX_LENGTH}
        placeholder={`Answer as ${name}…`}
        aria-describedby={error ? 'op-composer-error' : 'op-composer-hint'}
        onChange={(e) => commands.setComposerText(e.target.value)}
        onKeyDown={onKeyDown}
      />
      <span id="op-composer-hint" className="sr-only">Enter sends, Shift+Enter starts a new line.</span>
      <button type="submit" className="btn btn--primary composer__send" disabled={!text.trim() || sending}>
        {sending ? 'Sending…' : 'Send'}
      </button>
      {error && <p id="op-composer-error" className="op-error op-composer__error" role="alert">Not sent: {error}</p>}
    </form>
  );
}
