import { z } from 'zod';
import { IsoDateSchema, TimeOfDaySchema, WeekdaySchema, type IntentParams } from '@app/shared';
import type { FieldErrors } from './tool.types';

const blankToNull = (v: unknown) => (v === '' || v === undefined ? null : v);

/**
 * What a form may send. Empty inputs arrive as "" and mean "not given". Unknown keys are
 * rejected, so a crafted submit cannot smuggle parameters the form never showed.
 */
const FormValuesSchema = z
  .object({
    time: z.preprocess(blankToNull, TimeOfDaySchema.nullable()),
    date: z.preprocess(blankToNull, IsoDateSchema.nullable()),
    repeat: z.preprocess((v) => (Array.isArray(v) && v.length === 0 ? null : blankToNull(v)), z.array(WeekdaySchema).max(7).nullable()),
    label: z.preprocess(blankToNull, z.string().trim().max(100, 'Keep the label under 100 characters.').nullable()),
    enabled: z.preprocess(blankToNull, z.boolean().nullable()),
    alarmId: z.preprocess(blankToNull, z.string().max(100).nullable()),
    minutes: z.preprocess((v) => (typeof v === 'string' && v.trim() !== '' ? Number(v) : blankToNull(v)), z.number().int().min(1).max(24 * 60).nullable()),
    confirmed: z.preprocess(blankToNull, z.boolean().nullable()),
  })
  .partial()
  .strict();

/** Turns submitted form values into intent params, or field errors naming each bad input. */
export function formValuesToParams(values: Record<string, unknown>): { params: IntentParams; errors: FieldErrors } {
  const parsed = FormValuesSchema.safeParse(values);
  if (parsed.success) {
    const params: IntentParams = {};
    for (const [k, v] of Object.entries(parsed.data)) if (v !== undefined) (params as Record<string, unknown>)[k] = v;
    if (params.label === '') params.label = null;
    return { params, errors: {} };
  }
  const errors: FieldErrors = {};
  for (const issue of parsed.error.issues) {
    const key = issue.code === 'unrecognized_keys' ? String(issue.keys[0]) : String(issue.path[0] ?? '_');
    errors[key] ??= issue.code === 'unrecognized_keys' ? 'This field is not part of the form.' : issue.message;
  }
  return { params: {}, errors };
}
