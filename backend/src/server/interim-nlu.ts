// TEMPORARY until backend/src/nlu/index.ts lands; deleted then.
import * as chrono from 'chrono-node';
import { DateTime } from 'luxon';
import type { IntentParams } from '@app/shared';
import type { IntentRecognizer, NluContext, Recognition } from '../nlu/nlu.types';

export function extractAlarmParams(text: string, ctx: NluContext): { params: IntentParams; notes: string[] } {
  const local = DateTime.fromJSDate(ctx.now, { zone: ctx.timeZone });
  const ref = { instant: ctx.now, timezone: local.offset };
  const r = chrono.parse(text, ref, { forwardDate: true })[0];
  const params: IntentParams = {};
  if (r) {
    const s = r.start;
    if (s.isCertain('hour')) params.time = `${String(s.get('hour')).padStart(2, '0')}:${String(s.get('minute') ?? 0).padStart(2, '0')}`;
    if (s.isCertain('day')) params.date = `${s.get('year')}-${String(s.get('month')).padStart(2, '0')}-${String(s.get('day')).padStart(2, '0')}`;
  }
  return { params, notes: [] };
}

export class LocalRecognizer implements IntentRecognizer {
  readonly name = 'local' as const;
  async recognize(text: string, ctx: NluContext): Promise<Recognition> {
    const t = text.toLowerCase();
    const base = { notes: [], provider: 'local' as const };
    if (/\b(never ?mind|forget it|cancel)\b/.test(t)) return { ...base, intent: 'cancel', confidence: 0.95, params: {} };
    if (/\b(resume|finish it)\b/.test(t)) return { ...base, intent: 'resume', confidence: 0.95, params: {} };
    if (/\b(list|show|what).*alarms?\b/.test(t)) return { ...base, intent: 'list_alarms', confidence: 0.9, params: {} };
    if (/\b(delete|remove)\b.*alarm/.test(t)) return { ...base, intent: 'delete_alarm', confidence: 0.9, params: {} };
    if (/\b(wake me|alarm|set)\b/.test(t)) return { ...base, intent: 'create_alarm', confidence: 0.9, params: extractAlarmParams(text, ctx).params };
    return { ...base, intent: 'none', confidence: 0.7, params: {} };
  }
}
