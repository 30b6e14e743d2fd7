import { AnimatePresence, m, useReducedMotion } from 'framer-motion';
import type { StepView, TurnItem } from '../model/timeline';
import { formatDuration, formatSeconds } from '../lib/format';
import { useApp } from '../store/context';
import { cls } from '../lib/cls';

/**
 * The live "thinking" of one turn: steps appear in order (spinner, check or cross). Once the
 * final response is there it collapses into "Thought for 0.4 s", which reopens on demand.
 */
export function ThinkingTimeline({ turn }: { turn: TurnItem }) {
  const chosen = useApp((s) => s.turnOpen[turn.key]);
  const setTurnOpen = useApp((s) => s.setTurnOpen);
  const collapsible = turn.hasFinal;
  const open = collapsible ? chosen ?? false : true;
  const listId = `steps-${turn.key.replace(/[^A-Za-z0-9_-]/g, '_')}`;
  const summary = turn.thoughtMs != null ? `Thought for ${formatSeconds(turn.thoughtMs)}` : 'Thought';
  // MotionConfig's reducedMotion="user" only drops transforms; the height change must go too.
  const reduce = useReducedMotion();

  return (
    <div className={cls('thinking', open && 'thinking--open')}>
      {collapsible && (
        <button
          type="button"
          className="thinking__toggle"
          aria-expanded={open}
          aria-controls={listId}
          onClick={() => setTurnOpen(turn.key, !open)}
        >
          <span className="thinking__chevron" aria-hidden="true">▸</span>
          {summary}
          <span className="sr-only">{open ? ' (hide steps)' : ' (show steps)'}</span>
        </button>
      )}
      <AnimatePresence initial={false}>
        {open && (
          <m.ol
            key="steps"
            id={listId}
            className="steps"
            aria-label="Thinking steps"
            initial={{ height: 0, opacity: 0 }}
            animate={{ height: 'auto', opacity: 1 }}
            exit={{ height: 0, opacity: 0 }}
            transition={reduce ? { duration: 0 } : { duration: 0.2, ease: 'easeOut' }}
          >
            {/* initial={false}: steps replayed from history appear without animating in. */}
            <AnimatePresence initial={false}>
              {turn.steps.map((step, i) => (
                <m.li
                  key={step.stepId}
                  className={cls('step', `step--${step.status}`)}
                  initial={{ opacity: 0, x: -8 }}
                  animate={{ opacity: 1, x: 0 }}
                  transition={{ duration: 0.18 }}
                >
                  <Step step={step} later={turn.steps.slice(i + 1)} />
                </m.li>
              ))}
            </AnimatePresence>
          </m.ol>
        )}
      </AnimatePresence>
    </div>
  );
}

/**
 * One step: icon, label (+ the recognised intent with its confidence), duration. The intent is
 * shown once per turn: a step whose intent a later step names ("Analyzing your request..." then
 * "Intent recognized: create_alarm") leaves it to that one; in the label the name is highlighted.
 */
function Step({ step, later }: { step: StepView; later: StepView[] }) {
  const found = step.stage === 'intent' ? intentDetail(step.detail) : null;
  const intent = found && !later.some((s) => s.label.includes(found.name)) ? found : null;
  const at = intent ? step.label.indexOf(intent.name) : -1;
  return (
    <>
      <StepIcon status={step.status} />
      <span className="step__text">
        <span className="step__label">
          {at < 0 ? step.label : (
            <>
              {step.label.slice(0, at)}
              <span className="step__intent">{intent!.name}</span>
              {step.label.slice(at + intent!.name.length)}
            </>
          )}
        </span>
        {intent && (
          <span className="step__detail">
            {/* The label often names the intent already ("Intent recognized: create_alarm"). */}
            {at < 0 && <span className="badge badge--info">{intent.name}</span>}
            {intent.confidence !== null && <span className="step__confidence">{intent.confidence}% confident</span>}
          </span>
        )}
      </span>
      {step.status !== 'started' && step.durationMs != null && (
        <span className="step__time">{formatDuration(step.durationMs)}</span>
      )}
    </>
  );
}

function StepIcon({ status }: { status: StepView['status'] }) {
  if (status === 'started') {
    return <span className="step__icon step__spinner" role="img" aria-label="In progress" />;
  }
  return (
    <span className={cls('step__icon', `step__icon--${status}`)} role="img" aria-label={status === 'done' ? 'Done' : 'Failed'}>
      {status === 'done' ? '✓' : '✕'}
    </span>
  );
}

/** `detail` is free-form; the recogniser reports `{ intent, confidence }` (0..1). */
export function intentDetail(detail: Record<string, unknown> | undefined): { name: string; confidence: number | null } | null {
  if (!detail) return null;
  const name = typeof detail.intent === 'string' ? detail.intent : typeof detail.name === 'string' ? detail.name : null;
  if (!name) return null;
  const raw = typeof detail.confidence === 'number' ? detail.confidence : null;
  const confidence = raw === null ? null : Math.round(raw <= 1 ? raw * 100 : raw);
  return { name, confidence };
}
