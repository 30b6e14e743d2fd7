import type { IntentState } from '@app/shared';
import { useApp } from '../store/context';
import { useCommands } from '../transport/commands';
import { intentTitle, paramLabel, STATE_LABELS } from '../lib/format';

const TONES: Record<IntentState, string> = { active: 'info', completed: 'success', cancelled: 'neutral', abandoned: 'warning' };

/** The chat's current intent: what it is, its state, what it still needs, Resume / Cancel. */
export function IntentBar() {
  const intent = useApp((s) => (s.currentChatId ? s.intents[s.currentChatId] ?? null : null));
  const commands = useCommands();
  if (!intent || intent.intent === 'none') return null;
  const { state } = intent;
  const canResume = state !== 'active' && state !== 'completed' && intent.resumable;
  return (
    <section className={`intent-bar intent-bar--${state}`} aria-label="Current request">
      <span className="intent-bar__name">{intentTitle(intent.intent)}</span>
      <span className={`badge badge--${TONES[state]}`}>{STATE_LABELS[state]}</span>
      {state === 'active' && intent.missing.length > 0 && (
        <span className="intent-bar__missing">Needs {intent.missing.map(paramLabel).join(', ')}</span>
      )}
      <span className="intent-bar__spacer" />
      {state === 'active' && (
        <button type="button" className="btn btn--small btn--secondary" onClick={() => void commands.cancelIntent(intent.intentId)}>
          Cancel
        </button>
      )}
      {canResume && (
        <button type="button" className="btn btn--small btn--primary" onClick={() => void commands.resumeIntent(intent.intentId)}>
          Resume
        </button>
      )}
    </section>
  );
}
