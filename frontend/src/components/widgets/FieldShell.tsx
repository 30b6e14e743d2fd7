import type { ReactNode } from 'react';
import type { FieldWidget } from '@app/shared';
import { cls } from '../../lib/cls';

/** ids of the texts that describe a field, for aria-describedby. */
export function describedBy(field: FieldWidget, id: string): string | undefined {
  const ids = [field.error ? `${id}-error` : field.missing ? `${id}-missing` : null, field.hint ? `${id}-hint` : null].filter(Boolean);
  return ids.length ? ids.join(' ') : undefined;
}

/** The ARIA state every input of a field carries. */
export function fieldAria(field: FieldWidget, id: string) {
  return {
    'aria-required': field.required || undefined,
    'aria-invalid': field.error ? true : undefined,
    'aria-describedby': describedBy(field, id),
  } as const;
}

/**
 * Label, required mark, "needed" highlight and error text around any input. Missing and
 * invalid are said in words too, never by colour alone.
 */
export function FieldShell({ field, id, group = false, children }: { field: FieldWidget; id: string; group?: boolean; children: ReactNode }) {
  const label = (
    <>
      {field.label}
      {field.required && <span className="field__req" aria-hidden="true"> *</span>}
    </>
  );
  return (
    <div className={cls('field', `field--${field.type}`, field.missing && 'field--missing', field.error && 'field--error')} data-missing={field.missing || undefined}>
      {group
        ? <span className="field__label" id={`${id}-label`}>{label}</span>
        : <label className="field__label" htmlFor={id}>{label}</label>}
      {children}
      {field.hint && <span className="field__hint" id={`${id}-hint`}>{field.hint}</span>}
      {field.error
        ? <span className="field__error" id={`${id}-error`}>{field.error}</span>
        : field.missing && <span className="field__missing" id={`${id}-missing`}>Needed</span>}
    </div>
  );
}
