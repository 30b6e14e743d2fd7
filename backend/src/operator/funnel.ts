import { sql } from 'kysely';
import type { IntentFunnel } from '@app/shared';
import { TOOL_INTENTS } from '@app/shared';
import type { Db } from '../db/database';

function percentile(sorted: number[], p: number): number | null {
  if (!sorted.length) return null;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

/**
 * The intent funnel of [from, to): how many intents started, how they ended, how many were
 * resumed and finished after resuming, how long completion took, where people dropped off,
 * and the messages the recogniser was least sure about (to read and improve).
 */
export async function intentFunnel(db: Db, from: Date, to: Date, minConfidence: number): Promise<IntentFunnel> {
  const rows = await db.selectFrom('user_intents')
    .select(['intent', 'status', 'missing', 'resumed_count', 'created_at', 'ended_at'])
    .where('created_at', '>=', from).where('created_at', '<', to)
    .where('intent', 'in', [...TOOL_INTENTS])
    .execute();
  const funnel: IntentFunnel = {
    from: from.toISOString(), to: to.toISOString(),
    started: rows.length, completed: 0, cancelled: 0, abandoned: 0, active: 0, resumed: 0, completedAfterResume: 0,
    byIntent: {}, timeToCompleteMs: { p50: null, p90: null, mean: null }, dropOffByMissing: {}, lowConfidence: [],
  };
  const durations: number[] = [];
  for (const r of rows) {
    funnel[r.status] += 1;
    const b = (funnel.byIntent[r.intent] ??= { started: 0, completed: 0, cancelled: 0, abandoned: 0 });
    b.started += 1;
    if (r.status !== 'active') b[r.status] += 1;
    if (r.resumed_count > 0) {
      funnel.resumed += 1;
      if (r.status === 'completed') funnel.completedAfterResume += 1;
    }
    if (r.status === 'completed' && r.ended_at) durations.push(new Date(r.ended_at).getTime() - new Date(r.created_at).getTime());
    if (r.status === 'abandoned' || r.status === 'cancelled') {
      const missing = (r.missing as string[])[0] ?? '(nothing missing)';
      funnel.dropOffByMissing[missing] = (funnel.dropOffByMissing[missing] ?? 0) + 1;
    }
  }
  durations.sort((a, b) => a - b);
  funnel.timeToCompleteMs = {
    p50: percentile(durations, 50),
    p90: percentile(durations, 90),
    mean: durations.length ? Math.round(durations.reduce((a, b) => a + b, 0) / durations.length) : null,
  };
  // The "Intent recognized" step carries the confidence; the user message of the same turn is the one before it.
  const low = await sql<{ chat_id: string; seq: number; text: string | null; intent: string; confidence: number; ts: Date }>`
    select t.user_chat_id as chat_id, u.seq, u.content as text, t.payload->'detail'->>'intent' as intent,
           (t.payload->'detail'->>'confidence')::float as confidence, t.timestamp as ts
    from chat_history t
    join lateral (
      select seq, content from chat_history u
      where u.user_chat_id = t.user_chat_id and u.seq < t.seq and u.message_type = 'user'
      order by u.seq desc limit 1
    ) u on true
    where t.message_type = 'thinking' and t.payload->>'status' = 'done' and t.payload->>'stage' = 'intent'
      and t.payload->'detail' ? 'decision'
      and (t.payload->'detail'->>'confidence')::float < ${minConfidence}
      and t.timestamp >= ${from} and t.timestamp < ${to}
    order by t.timestamp desc limit 50`.execute(db);
  funnel.lowConfidence = low.rows.map((r) => ({ chatId: r.chat_id, seq: r.seq, text: r.text ?? '', intent: r.intent, confidence: Number(r.confidence), ts: new Date(r.ts).toISOString() }));
  return funnel;
}
