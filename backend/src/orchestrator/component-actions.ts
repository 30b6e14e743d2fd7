import type { ChatEvent, IntentParams, ToolIntentName } from '@app/shared';
import { describeWhen } from '../nlu';
import { AppError } from '../errors/app-error';
import type { ChatLog } from '../history/chat-log';
import { markTurnComplete } from '../history/history.repository';
import { formValuesToParams } from '../tools/form-values';
import { alarmListCard } from '../tools/list-alarms.tool';
import { TOOLS } from '../tools/tool-registry';
import { advance, cancelIntent, type FlowDeps } from './intent-flow';
import type { Actor } from './orchestrator';
import { TurnEmitter } from './turn-emitter';

export interface ActionInput {
  componentId: string;
  action: string;
  values: Record<string, unknown>;
  clientActionId?: string;
}

type Serialize = <T>(fn: () => Promise<T>) => Promise<T>;

/** How a submitted form reads in the conversation. */
function describeSubmit(intent: string, params: IntentParams): string {
  const parts: string[] = [];
  if (params.time) parts.push(params.time);
  if (params.date) parts.push(params.date);
  if (params.repeat?.length) parts.push(params.repeat.join(', '));
  if (params.label) parts.push(`"${params.label}"`);
  if (typeof params.enabled === 'boolean') parts.push(params.enabled ? 'on' : 'off');
  if (params.confirmed) parts.push('confirmed');
  const verb = intent === 'create_alarm' ? 'Set alarm' : intent === 'delete_alarm' ? 'Delete alarm' : 'Submitted';
  return `${verb}${parts.length ? `: ${parts.join(', ')}` : ''}`;
}

/**
 * `component:action`: validated against the tool's schema and run on the tool layer,
 * bypassing intent recognition. The componentId names what it belongs to:
 * `form:<intentId>` (a tool's form) or `alarms:<intentId>` (the alarm list card).
 */
export async function handleComponentAction(
  deps: FlowDeps & { log: ChatLog },
  actor: Actor,
  input: ActionInput,
  serialize: Serialize,
  now: () => Date,
): Promise<{ seq: number | null; duplicate: boolean; turn: Promise<ChatEvent[]> }> {
  const [kind, intentId] = input.componentId.split(':', 2);
  if (!intentId || (kind !== 'form' && kind !== 'alarms')) throw AppError.notFound('Component');
  const intent = await deps.intents.get(intentId);
  if (!intent || intent.user_chat_id !== actor.chatId) throw AppError.notFound('Component');
  const allowed = kind === 'form' ? ['submit', 'cancel'] : ['toggle', 'delete'];
  if (!allowed.includes(input.action)) {
    throw new AppError('bad_request', `Unknown action "${input.action}" for this component; expected ${allowed.join(' or ')}.`);
  }

  const { params, errors, unknown } = formValuesToParams(input.values);
  // A malformed action is refused in the ack and changes nothing; field errors of a real
  // form's inputs come back as a new version of the form instead.
  if (input.action !== 'cancel' && unknown.length) {
    throw new AppError('bad_request', `Unknown field${unknown.length > 1 ? 's' : ''} for this component: ${unknown.join(', ')}.`, {
      fields: Object.fromEntries(unknown.map((k) => [k, 'This field is not part of the component.'])),
    });
  }
  if (kind === 'alarms' && (!params.alarmId || Object.keys(errors).length)) {
    throw new AppError('bad_request', `"${input.action}" needs the alarmId of the row it was pressed on${Object.keys(errors).length ? ` and valid values (${Object.entries(errors).map(([k, v]) => `${k}: ${v}`).join('; ')})` : ''}.`);
  }
  const via = kind === 'form' ? 'form' : 'button';
  const text = input.action === 'cancel' ? 'Cancel' : kind === 'form'
    ? describeSubmit(intent.intent, params)
    : input.action === 'delete' ? 'Delete alarm'
      // without an explicit state the toggle flips whatever the alarm is at run time
      : typeof params.enabled === 'boolean' ? `Turn alarm ${params.enabled ? 'on' : 'off'}` : 'Toggle alarm';
  const ids = { chatId: actor.chatId, userId: actor.userId, connectionId: actor.connectionId, intentId: intent.id, sessionId: null };
  const key = input.clientActionId ? `action:${input.clientActionId}` : `action:${input.componentId}:${Date.now()}:${Math.random()}`;
  const stored = await deps.log.appendUserMessage(ids, { type: 'user', text, clientMessageId: key, via }, key);
  if (stored.duplicate) return { seq: stored.seq, duplicate: true, turn: Promise.resolve([]) };

  const turn = serialize(async () => {
    const em = new TurnEmitter(deps.log, ids);
    const ctx = { userId: actor.userId, timeZone: actor.timeZone, now: now() };
    try {
      if (kind === 'alarms') await cardAction(deps, em, actor, input.componentId, input.action, params, ctx.now);
      else {
        const fresh = await deps.intents.get(intent.id);
        if (!fresh || fresh.status !== 'active') {
          em.reply(fresh?.status === 'abandoned'
            ? 'That form belongs to a request that was put aside. Say "resume" to bring it back.'
            : `That form is no longer active: the request was already ${fresh?.status ?? 'closed'}. Nothing was changed.`);
        } else {
          const { session } = await deps.intents.ensureSession(fresh.id);
          em.bind(fresh.id, session.id);
          const live = { row: fresh, session };
          if (input.action === 'cancel') await cancelIntent(deps, em, live);
          else {
            // A submit is authoritative for every field of the form it came from.
            const known = TOOLS[fresh.intent as ToolIntentName] ? params : {};
            await advance(deps, em, live, known, ctx, { errors });
          }
        }
      }
      await markTurnComplete(deps.db, actor.chatId, stored.seq);
    } catch (err) {
      em.error('internal', 'That action could not be completed. Please try again.', true);
      await markTurnComplete(deps.db, actor.chatId, stored.seq).catch(() => undefined);
      throw err;
    }
    return em.settle();
  });
  return { seq: stored.seq, duplicate: false, turn };
}

/** Toggle or delete from the alarm list card, then show the card again. */
async function cardAction(
  deps: FlowDeps, em: TurnEmitter, actor: Actor, componentId: string, action: string, params: IntentParams, now: Date,
): Promise<void> {
  const alarmId = params.alarmId;
  const existing = alarmId ? (await deps.alarms.list(actor.userId)).find((a) => a.id === alarmId) : undefined;
  if (!existing) {
    em.reply('That alarm no longer exists, so nothing was changed.');
  } else if (action === 'delete') {
    await deps.alarms.remove(actor.userId, [existing.id]);
    em.reply(`Deleted your alarm for ${describeWhen(existing, { timeZone: existing.timeZone, now })}.`);
  } else {
    const enabled = typeof params.enabled === 'boolean' ? params.enabled : !existing.enabled;
    const updated = await deps.alarms.update(actor.userId, existing.id, { enabled });
    em.reply(`Your ${describeWhen(updated, { timeZone: updated.timeZone, now })} alarm is now ${enabled ? 'on' : 'off'}.`);
  }
  const version = await nextCardVersion(deps, componentId);
  em.component(componentId, version, alarmListCard(await deps.alarms.list(actor.userId), now));
}

/** Card versions live on the list intent's row, like form versions. */
async function nextCardVersion(deps: FlowDeps, componentId: string): Promise<number> {
  const intentId = componentId.split(':')[1];
  const row = await deps.intents.get(intentId);
  const version = Math.max(row?.component_version ?? 0, 1) + 1;
  await deps.intents.saveProgress(intentId, { componentId, componentVersion: version });
  return version;
}
