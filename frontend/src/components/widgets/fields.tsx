import type {
  CheckboxWidget, DateInputWidget, SelectWidget, TextInputWidget, TimeInputWidget,
} from '@app/shared';
import { useComponentScope } from './context';
import { FieldShell, fieldAria } from './FieldShell';
import { currentValue, fieldId } from './values';

/** Shared by the three text-like inputs: the draft holds the raw string, '' shows as empty. */
function useStringField(field: TextInputWidget | TimeInputWidget | DateInputWidget | SelectWidget) {
  const scope = useComponentScope();
  const id = fieldId(scope.componentId, field.name);
  const value = currentValue(field, scope.draft);
  return {
    id,
    scope,
    props: {
      id,
      name: field.name,
      value: typeof value === 'string' ? value : '',
      onChange: (e: { target: { value: string } }) => scope.setValue(field.name, e.target.value),
      ...fieldAria(field, id),
    },
  };
}

export function TextInputView({ w }: { w: TextInputWidget }) {
  const { id, props } = useStringField(w);
  return (
    <FieldShell field={w} id={id}>
      <input className="input" type="text" placeholder={w.placeholder} maxLength={w.maxLength} autoComplete="off" {...props} />
    </FieldShell>
  );
}

/** Native time input: its value is always "HH:MM" (24 h), whatever the display locale. */
export function TimeInputView({ w }: { w: TimeInputWidget }) {
  const { id, props } = useStringField(w);
  return (
    <FieldShell field={w} id={id}>
      <input className="input" type="time" {...props} />
    </FieldShell>
  );
}

/** Native date input: its value is always "YYYY-MM-DD". */
export function DateInputView({ w }: { w: DateInputWidget }) {
  const { id, props } = useStringField(w);
  return (
    <FieldShell field={w} id={id}>
      <input className="input" type="date" min={w.min} {...props} />
    </FieldShell>
  );
}

export function SelectView({ w }: { w: SelectWidget }) {
  const { id, props } = useStringField(w);
  return (
    <FieldShell field={w} id={id}>
      <select className="input" {...props}>
        {(props.value === '' || !w.required) && <option value="">Choose…</option>}
        {w.options.map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
      </select>
    </FieldShell>
  );
}

/** With an `action`, toggling sends at once: `{ ...payload, [name]: checked }`. */
export function CheckboxView({ w }: { w: CheckboxWidget }) {
  const scope = useComponentScope();
  const id = fieldId(scope.componentId, w.name);
  const value = currentValue(w, scope.draft);
  return (
    <div className="field field--Checkbox" data-missing={w.missing || undefined}>
      <label className="checkbox" htmlFor={id}>
        <input
          id={id}
          type="checkbox"
          name={w.name}
          checked={value === true}
          onChange={(e) => {
            const checked = e.target.checked;
            scope.setValue(w.name, checked);
            if (w.action) scope.act(w.action, { ...w.payload, [w.name]: checked });
          }}
          {...fieldAria(w, id)}
        />
        <span>{w.label}{w.required && <span className="field__req" aria-hidden="true"> *</span>}</span>
      </label>
      {w.hint && <span className="field__hint" id={`${id}-hint`}>{w.hint}</span>}
      {w.error
        ? <span className="field__error" id={`${id}-error`}>{w.error}</span>
        : w.missing && <span className="field__missing" id={`${id}-missing`}>Needed</span>}
    </div>
  );
}
