import { z } from 'zod';

/** Days of the week as three-letter lower-case codes, Monday first. */
export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export const WeekdaySchema = z.enum(WEEKDAYS);
export type Weekday = z.infer<typeof WeekdaySchema>;

/** "HH:MM", 24-hour clock. */
export const TimeOfDaySchema = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Use a time like 07:30 (24-hour HH:MM).');

/** "YYYY-MM-DD", a calendar date in the person's time zone. */
export const IsoDateSchema = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, 'Use a date like 2026-11-26 (YYYY-MM-DD).');

export const AlarmLabelSchema = z.string().trim().min(1).max(100);

/** An alarm as the REST API and cards show it. Alarms belong to a person, not a chat. */
export const AlarmSchema = z.object({
  id: z.string(),
  time: TimeOfDaySchema,
  /** One-off alarms have a date; repeating alarms have `repeat` instead. */
  date: IsoDateSchema.nullable(),
  repeat: z.array(WeekdaySchema).nullable(),
  label: z.string().nullable(),
  enabled: z.boolean(),
  timeZone: z.string(),
  /** The next time it rings, ISO 8601 with offset; null when disabled or in the past. */
  nextFireAt: z.string().nullable(),
  createdFromIntentId: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Alarm = z.infer<typeof AlarmSchema>;

/** Body of `POST /api/alarms` and the values of a create_alarm form. */
export const AlarmInputSchema = z
  .object({
    time: TimeOfDaySchema,
    date: IsoDateSchema.nullable().optional(),
    repeat: z.array(WeekdaySchema).min(1).nullable().optional(),
    label: AlarmLabelSchema.nullable().optional(),
    enabled: z.boolean().optional(),
  })
  .strict();
export type AlarmInput = z.infer<typeof AlarmInputSchema>;

/** Body of `PATCH /api/alarms/:id`. */
export const AlarmPatchSchema = AlarmInputSchema.partial().strict();
export type AlarmPatch = z.infer<typeof AlarmPatchSchema>;
