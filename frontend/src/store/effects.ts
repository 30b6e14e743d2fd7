import type { ChatEvent, ChatSummary, IntentSummary, SessionEvent, Widget } from '@app/shared';
import type { AppState, EventSource, FocusTarget } from './types';

/**
 * What applied events change outside their own stream. Kept pure (state in, patch out) so the
 * store stays "fed only by the event stream and acks" and the rules are testable in one place.
 */
export function reactToEvents(state: AppState, chatId: string, applied: ChatEvent[], source: EventSource): Partial<AppState> {
  if (applied.length === 0) return {};
  const patch: Partial<AppState> = {};

  // The server echoing a user event proves delivery, even if the ack itself was lost.
  const delivered = new Set(applied.flatMap((e) => (e.type === 'user' && e.clientMessageId ? [e.clientMessageId] : [])));
  if (delivered.size && state.outbox.some((i) => delivered.has(i.id))) {
    patch.outbox = state.outbox.filter((i) => !delivered.has(i.id));
  }

  let intent = state.intents[chatId] ?? null;
  for (const e of applied) if (e.type === 'session') intent = foldSession(intent, e);
  if (intent !== (state.intents[chatId] ?? null)) patch.intents = { ...state.intents, [chatId]: intent };

  patch.chats = touchChat(state.chats, chatId, applied);

  if (source === 'live' && chatId === state.currentChatId) {
    const text = announcementFor(state, chatId, applied);
    if (text) patch.announcement = { id: (state.announcement?.id ?? 0) + 1, text };
    const focus = focusFor(applied);
    if (focus) patch.focusTarget = focus;
  }
  return patch;
}

/** A session event carries the whole state of its intent; what it omits is kept from before. */
export function foldSession(prev: IntentSummary | null, e: SessionEvent): IntentSummary {
  const same = prev?.intentId === e.intentId;
  return {
    intentId: e.intentId,
    sessionId: e.sessionId,
    intent: e.intent,
    state: e.state,
    resumable: e.resumable,
    params: e.params,
    missing: e.missing ?? (same ? prev!.missing : []),
    componentId: same ? prev!.componentId : null,
    createdAt: same ? prev!.createdAt : e.ts,
    updatedAt: e.ts,
  };
}

function touchChat(chats: ChatSummary[], chatId: string, applied: ChatEvent[]): ChatSummary[] {
  const last = applied[applied.length - 1];
  const firstText = applied.find((e) => e.type === 'user')?.text ?? null;
  const existing = chats.find((c) => c.chatId === chatId);
  const updated: ChatSummary = existing
    ? { ...existing, lastSeq: Math.max(existing.lastSeq, last.seq), updatedAt: last.ts > existing.updatedAt ? last.ts : existing.updatedAt, title: existing.title ?? titleFrom(firstText) }
    : { chatId, title: titleFrom(firstText), lastSeq: last.seq, createdAt: applied[0].ts, updatedAt: last.ts };
  const rest = chats.filter((c) => c.chatId !== chatId);
  return [updated, ...rest].sort((a, b) => (a.updatedAt < b.updatedAt ? 1 : a.updatedAt > b.updatedAt ? -1 : 0));
}

function titleFrom(text: string | null): string | null {
  if (!text) return null;
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}

/** The last thing worth saying aloud in this batch: thinking steps, replies, errors, new forms. */
function announcementFor(state: AppState, chatId: string, applied: ChatEvent[]): string | null {
  const history = state.streams[chatId]?.events ?? [];
  for (let i = applied.length - 1; i >= 0; i--) {
    const e = applied[i];
    switch (e.type) {
      case 'response':
        if (e.final) return e.text;
        break;
      case 'error':
        return `Error: ${e.message}`;
      case 'operator':
        return e.kind === 'message' ? `${e.operatorName} (operator): ${e.text}` : e.text;
      case 'component':
        if (!e.closed && needsInput(e.spec)) return `${formTitle(e.spec) ?? 'A form'} needs your input.`;
        break;
      case 'thinking': {
        if (e.status === 'failed') return `Failed: ${e.label}`;
        if (e.status === 'started') return e.label;
        // A `done` step is only news when its label says something new ("Intent recognized: …").
        const started = [...applied.slice(0, i), ...history.slice(-50)]
          .find((x) => x.type === 'thinking' && x.stepId === e.stepId && x.status === 'started');
        if (!started || (started.type === 'thinking' && started.label !== e.label)) return e.label;
        break;
      }
      default:
        break;
    }
  }
  return null;
}

/** A new or updated form that still needs something gets the keyboard focus. */
function focusFor(applied: ChatEvent[]): FocusTarget {
  for (let i = applied.length - 1; i >= 0; i--) {
    const e = applied[i];
    if (e.type === 'component' && !e.closed && needsInput(e.spec)) return { kind: 'component', componentId: e.componentId };
  }
  return null;
}

function needsInput(spec: Widget): boolean {
  let found = false;
  visit(spec, (w) => {
    if ('missing' in w && (w.missing || w.error)) found = true;
  });
  return found;
}

function formTitle(spec: Widget): string | null {
  let title: string | null = null;
  visit(spec, (w) => {
    if (title === null && (w.type === 'Form' || w.type === 'Card') && w.title) title = w.title;
  });
  return title;
}

function visit(w: Widget, fn: (w: Widget) => void): void {
  fn(w);
  if ('children' in w) for (const c of w.children) visit(c, fn);
}
