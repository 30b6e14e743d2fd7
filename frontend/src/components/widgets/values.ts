import type { FieldWidget, Weekday, Widget } from '@app/shared';
import type { FieldValue } from '../../store';

/** Local copy: importing the shared constant would pull the zod schemas into the bundle. */
export const WEEKDAYS: readonly Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
const FIELD_TYPES = new Set(['TextInput', 'TimeInput', 'DateInput', 'DaysOfWeek', 'Checkbox', 'Select']);

export type Draft = Record<string, FieldValue>;
export const EMPTY_DRAFT: Draft = Object.freeze({}) as Draft;

export function isField(w: Widget): w is FieldWidget {
  return FIELD_TYPES.has(w.type);
}

export function fieldsOf(root: Widget): FieldWidget[] {
  const out: FieldWidget[] = [];
  const walk = (w: Widget) => {
    if (isField(w)) out.push(w);
    if ('children' in w) w.children.forEach(walk);
  };
  walk(root);
  return out;
}

/** Drafts are per component version: a new version from the server starts from its own values. */
export function draftKeyOf(componentId: string, version: number): string {
  return `${componentId}@${version}`;
}

/** What the field shows: the person's edit if any, else the value the server sent. */
export function currentValue(field: FieldWidget, draft: Draft): FieldValue {
  return field.name in draft ? draft[field.name] : field.value;
}

/**
 * The value as `component:action` sends it: time/date/text/select strings or null (empty is
 * null), repeat days as a Monday-first string[] or null, checkboxes as booleans.
 */
export function normalize(field: FieldWidget, value: FieldValue): FieldValue {
  switch (field.type) {
    case 'DaysOfWeek': {
      const days = Array.isArray(value) ? WEEKDAYS.filter((d) => value.includes(d)) : [];
      return days.length ? days : null;
    }
    case 'Checkbox':
      return typeof value === 'boolean' ? value : null;
    case 'TextInput': {
      const s = typeof value === 'string' ? value.trim() : '';
      return s || null;
    }
    default:
      return typeof value === 'string' && value !== '' ? value : null;
  }
}

/** Every field under `root`, by name, normalised. */
export function collectValues(root: Widget, draft: Draft): Record<string, FieldValue> {
  const values: Record<string, FieldValue> = {};
  for (const f of fieldsOf(root)) values[f.name] = normalize(f, currentValue(f, draft));
  return values;
}

/** DOM ids must be unique per field of each component on the page. */
export function fieldId(componentId: string, name: string): string {
  return `f-${componentId}-${name}`.replace(/[^A-Za-z0-9_-]/g, '_');
}
