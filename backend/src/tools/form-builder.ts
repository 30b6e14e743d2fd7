import type { FieldWidget, IntentParams, Widget } from '@app/shared';
import type { FieldErrors } from './tool.types';

/** Common shape of a field: known value, required, missing and error flags. */
export function field<T extends FieldWidget['type']>(
  type: T,
  name: string,
  label: string,
  value: unknown,
  opts: { required?: boolean; missing: string[]; errors: FieldErrors; extra?: Record<string, unknown> },
): Widget {
  return {
    type,
    name,
    label,
    value: value ?? null,
    required: opts.required ?? false,
    missing: opts.missing.includes(name),
    error: opts.errors[name] ?? null,
    ...(opts.extra ?? {}),
  } as Widget;
}

/** A form with its fields and the Submit / Cancel buttons every tool form has. */
export function toolForm(title: string, fields: Widget[], submitLabel: string, note?: string): Widget {
  return {
    type: 'Form',
    title,
    children: [
      ...(note ? [{ type: 'Text', text: note, tone: 'muted' } as Widget] : []),
      ...fields,
      {
        type: 'Row',
        children: [
          { type: 'Button', label: submitLabel, action: 'submit', submit: true, style: 'primary' },
          { type: 'Button', label: 'Cancel', action: 'cancel', style: 'secondary' },
        ],
      },
    ],
  };
}

/** Merges newer params over older ones; `undefined` keeps the old value, `null` clears it. */
export function mergeParams(base: IntentParams, next: IntentParams): IntentParams {
  const out: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(next)) if (v !== undefined) out[k] = v;
  return out as IntentParams;
}
