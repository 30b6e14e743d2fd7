/** Test helpers: a fixed clock given as local wall time in a zone. */
import { DateTime } from 'luxon';
import type { NluContext } from './nlu.types';

export function at(localIso: string, timeZone = 'UTC'): NluContext {
  const now = DateTime.fromISO(localIso, { zone: timeZone });
  if (!now.isValid) throw new Error(`bad test time ${localIso}`);
  return { now: now.toJSDate(), timeZone };
}

/** An instant as local wall time with offset, for readable assertions. */
export function wall(d: Date | null, timeZone: string): string | null {
  return d ? DateTime.fromJSDate(d, { zone: timeZone }).toISO({ suppressMilliseconds: true, suppressSeconds: true }) : null;
}
