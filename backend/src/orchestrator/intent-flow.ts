import { isToolIntent, type IntentParams, type ToolIntentName } from '@app/shared';
import type { Db } from '../db/database';
import type { UserIntentRow } from '../db/schema';
import type { AlarmService } from '../alarms/alarm.service';
import { formatTime12 } from '../nlu';
import { toIntentSummary, type IntentService, type LiveIntent } from '../intents/intent.service';
import { mergeParams } from '../tools/form-builder';
import { TOOLS } from '../tools/tool-registry';
import type { FieldErrors, ToolContext, ToolResult } from '../tools/tool.types';
import type { TurnEmitter } from './turn-emitter';

export interface FlowDeps {
  db: Db;
  intents: IntentService;
  alarms: AlarmService;
}

export interface FlowContext {
  userId: string;
  timeZone: string;
  now: Date;
}

/** Thrown inside the tool transaction when another request already finished the intent. */
class AlreadyFinished extends Error {}

export const formIdOf = (intentId: string) => `form:${intentId}`;

/**
 * Moves a live intent forward with new parameters: merge, check what is missing or wrong,
 * then either ask (follow-up question + form) or execute the tool and answer.
 * `notes` are sentences about how the message was understood, stated in the reply.
 */
export async function advance(
  deps: FlowDeps, em: TurnEmitter, live: LiveIntent, incoming: IntentParams, ctx: FlowContext,
  opts: { notes?: string[]; errors?: FieldErrors; preface?: string } = {},
): Promise<void> {
  const intent = live.row.intent as ToolIntentName;
  const tool = TOOLS[intent];
  const { params, missing, errors } = await em.step('params', 'Extracting parameters from your request...', () => {
    const merged = tool.normalize(mergeParams(live.row.params as IntentParams, incoming), ctx);
    const fieldErrors = { ...tool.validate(merged, ctx), ...(opts.errors ?? {}) };
    return { params: merged, missing: tool.missing(merged), errors: fieldErrors };
  }, (r) => ({ params: r.params, missing: r.missing, ...(Object.keys(r.errors).length ? { errors: r.errors } : {}) }));

  if (missing.length || Object.keys(errors).length) {
    deps.intents.adopt(live, await deps.intents.persist(live, { status: 'active', params }));
    await followUp(deps, em, live.row, params, missing, errors, ctx, opts);
    return;
  }

  const toolCtx = (db: ToolContext['db']): ToolContext => ({ ...ctx, intentId: live.row.id, alarms: deps.alarms, db });
  let result: ToolResult | 'already';
  let finished: UserIntentRow | undefined;
  result = await em.step('tool', 'Executing your request...', async () => {
    try {
      let stored: LiveIntent | undefined;
      const r = await deps.db.transaction().execute(async (trx) => {
        const r = await tool.execute(params, toolCtx(trx));
        if (live.unsaved) {
          // A request complete in one message: its intent is stored here, already finished.
          stored = await deps.intents.persist(live, r.needs ? { status: 'active', params } : { status: 'completed', params, result: r.data }, trx);
          if (!r.needs) finished = stored.row;
          return r;
        }
        if (r.needs) return r;
        const done = await deps.intents.finish(live.row.id, 'completed', r.data, trx);
        if (!done) throw new AlreadyFinished();
        finished = done;
        return r;
      });
      if (stored) deps.intents.adopt(live, stored);
      return r;
    } catch (err) {
      if (err instanceof AlreadyFinished) return 'already' as const;
      // Keep what the person said, so a retry or resume does not ask for it again.
      finished = undefined;
      if (live.unsaved) await deps.intents.persist(live, { status: 'active', params }).then((s) => deps.intents.adopt(live, s), () => undefined);
      else await deps.intents.saveProgress(live.row.id, { params, missing: [] }).catch(() => undefined);
      throw err;
    }
  }, (r) => (r === 'already' ? { outcome: 'already_done' } : { outcome: r.needs ? 'needs_more' : 'done', ...(r.data ?? {}) }));

  if (result === 'already') {
    em.reply('That request was already completed, so I did nothing more.');
    return;
  }
  if (result.needs) {
    await followUp(deps, em, live.row, params, result.needs.missing, {}, ctx, { ...opts, question: result.needs.question });
    return;
  }
  const finalResult = result;
  const text = await em.step('reply', 'Generating final response...', () =>
    [opts.preface, finalResult.reply, ...(opts.notes ?? [])].filter(Boolean).join(' '));
  em.reply(text, { isComplete: true });
  if (finalResult.component) em.component(`${finalResult.component.kind}:${live.row.id}`, 1, finalResult.component.spec);
  if (live.row.component_id) {
    // The form that collected the parameters is done: show it closed with the final values.
    const spec = await tool.form(params, [], {}, toolCtx(deps.db));
    em.component(live.row.component_id, live.row.component_version + 1, spec, true);
  }
  // The row as the tool's transaction left it (no need to read it back).
  const row = finished ?? await deps.intents.get(live.row.id);
  if (row) em.session(toIntentSummary(row, live.session.id));
}

async function followUp(
  deps: FlowDeps, em: TurnEmitter, row: UserIntentRow, params: IntentParams, missing: string[], errors: FieldErrors,
  ctx: FlowContext, opts: { notes?: string[]; preface?: string; question?: string },
): Promise<void> {
  const tool = TOOLS[row.intent as ToolIntentName];
  const componentId = row.component_id ?? formIdOf(row.id);
  const version = row.component_version + 1;
  const { question, spec } = await em.step('followup', 'Generating follow-up question...', async () => {
    const hasErrors = Object.keys(errors).length > 0;
    const q = hasErrors
      ? `Please check the highlighted field${Object.keys(errors).length > 1 ? 's' : ''}: ${Object.values(errors).join(' ')}`
      : opts.question ?? tool.question(missing, params, ctx);
    const s = await tool.form(params, missing, errors, { ...ctx, intentId: row.id, alarms: deps.alarms, db: deps.db });
    return { question: q, spec: s };
  }, () => ({ missing }));
  const saved = await deps.intents.saveProgress(row.id, { params, missing, componentId, componentVersion: version });
  em.reply([opts.preface, ...(opts.notes ?? []), question].filter(Boolean).join(' '));
  em.component(componentId, version, spec);
  em.session(toIntentSummary(saved, em.ids.sessionId));
}

/** Ends the live intent as cancelled, closing its form. */
export async function cancelIntent(deps: FlowDeps, em: TurnEmitter, live: LiveIntent | undefined): Promise<void> {
  if (!live) {
    em.reply("There's nothing in progress to cancel. " + 'What would you like to do?', { isComplete: true });
    return;
  }
  const row = await deps.intents.finish(live.row.id, 'cancelled');
  if (!row) {
    em.reply('That request had already finished, so there was nothing to cancel.');
    return;
  }
  em.bind(row.id, live.session.id);
  em.reply(`Okay, I've cancelled your ${describeIntent(row)}.`, { isComplete: true });
  if (row.component_id) em.component(row.component_id, row.component_version + 1, closedNotice('Cancelled.'), true);
  em.session(toIntentSummary(row, live.session.id), 'cancelled');
}

/** Marks a waiting intent abandoned because a new request superseded it. */
export async function supersede(deps: FlowDeps, em: TurnEmitter, live: LiveIntent): Promise<string | null> {
  const row = await deps.intents.abandon(live.row.id, 'superseded');
  if (!row) return null;
  em.session(toIntentSummary(row, live.session.id), 'superseded');
  return `I've kept your ${describeIntent(row)}; say "resume" to finish it.`;
}

/** Brings an abandoned intent back: its session continues or a new one opens from the stored params. */
export async function resumeIntent(
  deps: FlowDeps, em: TurnEmitter, chatId: string, active: LiveIntent | undefined, ctx: FlowContext, intentId?: string,
): Promise<void> {
  const target = intentId ? await deps.intents.get(intentId) : await deps.intents.resumable(chatId);
  if (!target || target.user_chat_id !== chatId) {
    em.reply(intentId ? "I couldn't find that request in this chat." : "There's nothing to resume right now. What would you like to do?");
    return;
  }
  if (target.status === 'completed' || target.status === 'cancelled') {
    em.reply(`That ${describeIntent(target)} is already ${target.status}; it can't be resumed. Tell me what you'd like to do next.`);
    return;
  }
  if (target.status === 'active') {
    em.bind(target.id, active?.session.id ?? null);
    await advance(deps, em, active && active.row.id === target.id ? active : { row: target, session: (await deps.intents.ensureSession(target.id)).session }, {}, ctx);
    return;
  }
  let preface: string | undefined;
  if (active && active.row.id !== target.id) preface = (await supersede(deps, em, active)) ?? undefined;
  const resumed = await deps.intents.resume(target.id);
  if (!resumed) {
    em.reply('That request changed in the meantime; please try again.');
    return;
  }
  em.bind(resumed.row.id, resumed.session.id);
  em.session(toIntentSummary(resumed.row, resumed.session.id), resumed.reopened ? 'resumed_new_session' : 'resumed');
  await advance(deps, em, resumed, {}, ctx, { preface: [preface, `Let's finish your ${describeIntent(resumed.row)}.`].filter(Boolean).join(' ') });
}

export function describeIntent(row: Pick<UserIntentRow, 'intent' | 'params'>): string {
  const p = row.params as IntentParams;
  switch (row.intent) {
    case 'create_alarm': return `${p.time ? `${formatTime12(p.time)} ` : ''}alarm draft`;
    case 'delete_alarm': return 'alarm deletion';
    case 'update_alarm': return 'alarm change';
    case 'snooze_alarm': return 'snooze';
    case 'list_alarms': return 'alarm list';
    default: return isToolIntent(row.intent) ? row.intent : 'request';
  }
}

function closedNotice(text: string) {
  return { type: 'Card' as const, children: [{ type: 'Text' as const, text, tone: 'muted' as const }] };
}
