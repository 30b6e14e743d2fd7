import { useEffect, useRef, type FormEvent } from 'react';
import { useOp } from '../store/context';
import { useOperatorCommands } from '../commands';

/** Name + operator password. Uncontrolled inputs: the values are read once, on submit. */
export function SignInForm() {
  const { pending, error } = useOp((s) => s.signIn);
  const commands = useOperatorCommands();
  const nameRef = useRef<HTMLInputElement>(null);

  useEffect(() => nameRef.current?.focus(), []);

  const onSubmit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const data = new FormData(e.currentTarget);
    void commands.signIn(String(data.get('name') ?? ''), String(data.get('password') ?? ''));
  };

  return (
    <main className="op-signin">
      <form className="op-signin__card" onSubmit={onSubmit} aria-labelledby="op-signin-title" aria-describedby={error ? 'op-signin-error' : undefined}>
        <h1 id="op-signin-title" className="op-signin__title">
          <span className="brand-mark" aria-hidden="true" /> Operator console
        </h1>
        <p className="muted">Watch every conversation live and step in when a person needs help.</p>
        <div className="field">
          <label className="field__label" htmlFor="op-name">Your name</label>
          <input ref={nameRef} id="op-name" name="name" className="input" autoComplete="username" required maxLength={40} pattern="[\w .\-]+" title="Letters, digits, spaces, dots or dashes" />
        </div>
        <div className="field">
          <label className="field__label" htmlFor="op-password">Operator password</label>
          <input id="op-password" name="password" type="password" className="input" autoComplete="current-password" required />
        </div>
        {error && <p id="op-signin-error" className="op-error" role="alert">{error}</p>}
        <button type="submit" className="btn btn--primary" disabled={pending}>
          {pending ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
    </main>
  );
}
