import { useMemo, type FormEvent } from 'react';
import type { ButtonWidget, CardWidget, ColWidget, FormWidget, RowWidget, Widget } from '@app/shared';
import { FormContext, useComponentScope } from './context';
import { collectValues } from './values';
import { WidgetList } from './WidgetView';

export function CardView({ w }: { w: CardWidget }) {
  return (
    <section className="w-card" aria-label={w.title}>
      {w.title && <h3 className="w-card__title">{w.title}</h3>}
      <WidgetList items={w.children} />
    </section>
  );
}

export function RowView({ w }: { w: RowWidget }) {
  return <div className="w-row"><WidgetList items={w.children} /></div>;
}

export function ColView({ w }: { w: ColWidget }) {
  return <div className="w-col"><WidgetList items={w.children} /></div>;
}

function firstSubmit(w: Widget): ButtonWidget | null {
  if (w.type === 'Button') return w.submit ? w : null;
  if ('children' in w) for (const c of w.children) { const b = firstSubmit(c); if (b) return b; }
  return null;
}

/** A real <form>: Enter submits with the first submit button, values are this form's fields. */
export function FormView({ w }: { w: FormWidget }) {
  const scope = useComponentScope();
  const form = useMemo(() => ({
    submit: (button: ButtonWidget) => scope.act(button.action, { ...collectValues(w, scope.draft), ...button.payload }),
  }), [scope, w]);
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const button = firstSubmit(w);
    if (button && !button.disabled && !scope.disabled) form.submit(button);
  };
  return (
    <form className="w-form" onSubmit={onSubmit} noValidate aria-label={w.title ?? 'Form'}>
      {w.title && <h3 className="w-form__title">{w.title}</h3>}
      <FormContext.Provider value={form}>
        <WidgetList items={w.children} />
      </FormContext.Provider>
    </form>
  );
}
