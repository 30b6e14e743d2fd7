import { z } from 'zod';
import { IsoDateSchema, TimeOfDaySchema, WeekdaySchema, type IntentParams } from '@app/shared';
import type { FieldErrors } from './tool.types';

const blankToNull = (v: unknown) => (v === '' || v === undefined ? null : v);

/**
 * What a form may send, field by field. Empty inputs arrive as "" or null and mean "not
 * given". Each field is checked on its own, so one bad input does not throw away what the
 * person typed in the others.
 */
const FORM_FIELDS: Record<string, z.ZodType> = {
  time: z.preprocess(blankToNull, TimeOfDaySchema.nullable()),
  date: z.preprocess(blankToNull, IsoDateSchema.nullable()),
  repeat: z.preprocess((v) => (Array.isArray(v) && v.length === 0 ? null : blankToNull(v)), z.array(WeekdaySchema).max(7).nullable()),
  label: z.preprocess(blankToNull, z.string().trim().max(100, 'Keep the label under 100 characters.').nullable()),
  enabled: z.preprocess(blankToNull, z.boolean().nullable()),
  alarmId: z.preprocess(blankToNull, z.string().max(100).nullable()),
  minutes: z.preprocess((v) => (typeof v === 'string' && v.trim() !== '' ? Number(v) : blankToNull(v)), z.number().int().min(1).max(24 * 60).nullable()),
  confirmed: z.preprocess(blankToNull, z.boolean().nullable()),
};

/**
 * Turns submitted form values into intent params plus field errors naming each bad input;
 * the valid inputs are kept. Keys no form has are listed in `unknown` (never turned into
 * params), so a crafted submit cannot smuggle parameters the form never showed.
 */
export function formValuesToParams(values: Record<string, unknown>): { params: IntentParams; errors: FieldErrors; unknown: string[] } {
  const params: Record<string, unknown> = {};
  const errors: FieldErrors = {};
  const unknown: string[] = [];
  for (const [key, value] of Object.entries(values)) {
    const schema = Object.hasOwn(FORM_FIELDS, key) ? FORM_FIELDS[key] : undefined;
    if (!schema) {
      unknown.push(key);
      continue;
    }
    const parsed = schema.safeParse(value);
    if (parsed.success) params[key] = parsed.data === '' ? null : parsed.data;
    else errors[key] = parsed.error.issues[0]?.message ?? 'This value is not valid.';
  }
  return { params: params as IntentParams, errors, unknown };
}
