import { z } from 'zod';
import { WeekdaySchema } from './alarms';

/**
 * Declarative UI specs sent in `component` events: JSON validated here, never HTML.
 * Every interactive element names the `action` it sends with `component:action`;
 * `payload` is merged into the action's `values` (for example the alarm id of a row).
 */
const ActionPayloadSchema = z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()]));

const fieldBase = {
  /** Equals the tool's parameter name: `time`, `date`, `repeat`, `label`, ... */
  name: z.string(),
  label: z.string(),
  required: z.boolean(),
  /** True when the value is still needed to run the tool. */
  missing: z.boolean(),
  /** A human message when the submitted value was invalid. */
  error: z.string().nullable().optional(),
  hint: z.string().optional(),
};

export const TextInputSchema = z.object({ type: z.literal('TextInput'), ...fieldBase, value: z.string().nullable(), placeholder: z.string().optional(), maxLength: z.number().optional() });
export const TimeInputSchema = z.object({ type: z.literal('TimeInput'), ...fieldBase, value: z.string().nullable() });
export const DateInputSchema = z.object({ type: z.literal('DateInput'), ...fieldBase, value: z.string().nullable(), min: z.string().optional() });
export const DaysOfWeekSchema = z.object({ type: z.literal('DaysOfWeek'), ...fieldBase, value: z.array(WeekdaySchema).nullable() });
export const CheckboxSchema = z.object({
  type: z.literal('Checkbox'),
  ...fieldBase,
  value: z.boolean().nullable(),
  /** When set, toggling sends this action at once instead of waiting for a form submit. */
  action: z.string().optional(),
  payload: ActionPayloadSchema.optional(),
});
export const SelectSchema = z.object({
  type: z.literal('Select'),
  ...fieldBase,
  value: z.string().nullable(),
  options: z.array(z.object({ value: z.string(), label: z.string() })),
});
export const TitleSchema = z.object({ type: z.literal('Title'), text: z.string(), level: z.union([z.literal(1), z.literal(2), z.literal(3)]).optional() });
export const TextSchema = z.object({ type: z.literal('Text'), text: z.string(), tone: z.enum(['default', 'muted', 'danger', 'success']).optional() });
export const BadgeSchema = z.object({ type: z.literal('Badge'), text: z.string(), tone: z.enum(['neutral', 'info', 'success', 'warning', 'danger']).optional() });
export const DividerSchema = z.object({ type: z.literal('Divider') });
export const ButtonSchema = z.object({
  type: z.literal('Button'),
  label: z.string(),
  action: z.string(),
  payload: ActionPayloadSchema.optional(),
  style: z.enum(['primary', 'secondary', 'danger']).optional(),
  /** A submit button sends the values of its enclosing Form. */
  submit: z.boolean().optional(),
  disabled: z.boolean().optional(),
});

export type TextInputWidget = z.infer<typeof TextInputSchema>;
export type TimeInputWidget = z.infer<typeof TimeInputSchema>;
export type DateInputWidget = z.infer<typeof DateInputSchema>;
export type DaysOfWeekWidget = z.infer<typeof DaysOfWeekSchema>;
export type CheckboxWidget = z.infer<typeof CheckboxSchema>;
export type SelectWidget = z.infer<typeof SelectSchema>;
export type TitleWidget = z.infer<typeof TitleSchema>;
export type TextWidget = z.infer<typeof TextSchema>;
export type BadgeWidget = z.infer<typeof BadgeSchema>;
export type DividerWidget = z.infer<typeof DividerSchema>;
export type ButtonWidget = z.infer<typeof ButtonSchema>;

/** Containers hold other widgets. */
export interface CardWidget { type: 'Card'; title?: string; children: Widget[] }
export interface RowWidget { type: 'Row'; children: Widget[] }
export interface ColWidget { type: 'Col'; children: Widget[] }
export interface FormWidget { type: 'Form'; title?: string; children: Widget[] }

/** Inputs of a form: each has a `name` and a `value`. */
export type FieldWidget = TextInputWidget | TimeInputWidget | DateInputWidget | DaysOfWeekWidget | CheckboxWidget | SelectWidget;

/** Every widget of the set, discriminated by `type`. */
export type Widget =
  | CardWidget | RowWidget | ColWidget | FormWidget
  | TitleWidget | TextWidget | BadgeWidget | DividerWidget | ButtonWidget
  | FieldWidget;

export const WidgetSchema: z.ZodType<Widget> = z.lazy(() =>
  z.discriminatedUnion('type', [
    z.object({ type: z.literal('Card'), title: z.string().optional(), children: z.array(WidgetSchema) }),
    z.object({ type: z.literal('Row'), children: z.array(WidgetSchema) }),
    z.object({ type: z.literal('Col'), children: z.array(WidgetSchema) }),
    z.object({ type: z.literal('Form'), title: z.string().optional(), children: z.array(WidgetSchema) }),
    TitleSchema, TextSchema, BadgeSchema, DividerSchema, ButtonSchema,
    TextInputSchema, TimeInputSchema, DateInputSchema, DaysOfWeekSchema, CheckboxSchema, SelectSchema,
  ]),
) as z.ZodType<Widget>;

/** Field widget types, for walking a spec. */
export const FIELD_TYPES = ['TextInput', 'TimeInput', 'DateInput', 'DaysOfWeek', 'Checkbox', 'Select'] as const;
export function isFieldWidget(w: Widget): w is FieldWidget {
  return (FIELD_TYPES as readonly string[]).includes(w.type);
}

/** Visits every widget of a tree, depth first. */
export function walkWidgets(root: Widget, visit: (w: Widget) => void): void {
  visit(root);
  if ('children' in root) for (const child of root.children) walkWidgets(child, visit);
}
