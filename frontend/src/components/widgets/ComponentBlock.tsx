import { useEffect, useMemo, useRef } from 'react';
import type { ComponentEvent } from '@app/shared';
import { useApp } from '../../store/context';
import type { OutboxItem } from '../../store';
import { useCommands } from '../../transport/commands';
import { useReadOnly } from '../readonly';
import { ComponentContext, type ComponentScope } from './context';
import { draftKeyOf, EMPTY_DRAFT } from './values';
import { WidgetView } from './WidgetView';

const FOCUS_ORDER = [
  '[data-missing="true"] input, [data-missing="true"] select, [data-missing="true"] button',
  '[aria-invalid="true"]',
  'input, select, button',
];

/**
 * One component event (its latest version): the spec, the person's draft values, and the
 * focus move into its first missing field when the event stream asks for it.
 */
export function ComponentBlock({ event }: { event: ComponentEvent }) {
  const { componentId, version, spec } = event;
  const draftKey = draftKeyOf(componentId, version);
  const draft = useApp((s) => s.drafts[draftKey] ?? EMPTY_DRAFT);
  const setDraft = useApp((s) => s.setDraft);
  const pending = useApp((s) => s.outbox.find((i) => i.kind === 'action' && i.componentId === componentId) ?? null);
  const focusTarget = useApp((s) => s.focusTarget);
  const requestFocus = useApp((s) => s.requestFocus);
  const commands = useCommands();
  const readOnly = useReadOnly();
  const ref = useRef<HTMLFieldSetElement>(null);
  // Closed forms can't be acted on; one in flight must not be submitted twice; an observer can't act.
  const disabled = readOnly || !!event.closed || (pending !== null && pending.status !== 'failed');

  const scope = useMemo<ComponentScope>(() => ({
    componentId,
    root: spec,
    draft,
    disabled,
    setValue: (name, value) => setDraft(draftKey, name, value),
    act: (action, values) => { if (!disabled) commands.sendAction(componentId, action, values); },
  }), [componentId, spec, draft, disabled, setDraft, draftKey, commands]);

  useEffect(() => {
    if (readOnly || focusTarget?.kind !== 'component' || focusTarget.componentId !== componentId || !ref.current) return;
    for (const selector of FOCUS_ORDER) {
      const el = ref.current.querySelector<HTMLElement>(selector);
      if (el) { el.focus(); break; }
    }
    requestFocus(null);
  }, [readOnly, focusTarget, componentId, version, requestFocus]);

  return (
    <div className="component">
      {/* A disabled fieldset disables every control inside it, however deeply nested. */}
      <fieldset ref={ref} className="component__body" disabled={disabled} data-closed={event.closed || undefined}>
        <ComponentContext.Provider value={scope}>
          <WidgetView w={spec} />
        </ComponentContext.Provider>
      </fieldset>
      {event.closed && <p className="component__closed">This form is closed.</p>}
      {pending && !readOnly && <ActionStatus item={pending} />}
    </div>
  );
}

function ActionStatus({ item }: { item: OutboxItem }) {
  const status = useApp((s) => s.connection.status);
  const commands = useCommands();
  if (item.status === 'failed') {
    return (
      <p className="component__status tone--danger">
        Not sent: {item.error}{' '}
        <button type="button" className="link-button" onClick={() => commands.retryOutbox(item.id)}>Retry</button>{' '}
        <button type="button" className="link-button" onClick={() => commands.discardOutbox(item.id)}>Discard</button>
      </p>
    );
  }
  return (
    <p className="component__status" role="status">
      {status === 'connected' ? 'Sending…' : 'Waiting for the connection to send this…'}
    </p>
  );
}
