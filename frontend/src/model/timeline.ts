import type {
  ChatEvent, ComponentEvent, ErrorEvent, OperatorEvent, SessionEvent, Stage, StepStatus, UserEvent,
} from '@app/shared';

/** One thinking step: `started` and its `done`/`failed` merged by stepId. */
export interface StepView {
  stepId: string;
  stage: Stage;
  label: string;
  status: StepStatus;
  detail?: Record<string, unknown>;
  durationMs?: number;
}

export type Block =
  | { kind: 'response'; key: string; responseId: string; text: string; final: boolean }
  /** Always the latest version of the component, shown where its first version appeared. */
  | { kind: 'component'; key: string; event: ComponentEvent }
  | { kind: 'error'; key: string; event: ErrorEvent }
  /** `latest`: no later session event of this intent, so a paused draft here can still resume. */
  | { kind: 'session'; key: string; event: SessionEvent; latest: boolean };

export interface TurnItem {
  kind: 'turn';
  key: string;
  steps: StepView[];
  blocks: Block[];
  /** The final response arrived: the timeline collapses into "Thought for …". */
  hasFinal: boolean;
  /** Still working: steps started, no final response, no error (only ever the last turn). */
  running: boolean;
  thoughtMs: number | null;
  /** The highest seq that went into this turn (for "not received yet" in the operator view). */
  lastSeq: number;
}

export interface UserItem {
  kind: 'user';
  key: string;
  event: UserEvent;
}

/** An operator's message (a bubble with their name) or a takeover / hand-back (a system line). */
export interface OperatorItem {
  kind: 'operator';
  key: string;
  event: OperatorEvent;
}

export type TimelineItem = UserItem | TurnItem | OperatorItem;

/** The highest seq an item shows. */
export function itemSeq(item: TimelineItem): number {
  return item.kind === 'turn' ? item.lastSeq : item.event.seq;
}

export interface Timeline {
  items: TimelineItem[];
  /** clientMessageIds the log already holds: their outbox copies are not shown twice. */
  clientMessageIds: Set<string>;
  /** Which item shows each component, for scrolling to it. */
  componentItem: Map<string, number>;
}

interface TurnBuilder extends TurnItem {
  stepIndex: Map<string, number>;
  responses: Map<string, Extract<Block, { kind: 'response' }>>;
  errored: boolean;
  firstThinkingTs: string | null;
  finalTs: string | null;
}

/**
 * Turns the ordered event log of a chat into what the list shows: user messages and assistant
 * turns (everything after a user message up to the next one). Pure, so it is recomputed from
 * the log instead of being kept in sync by hand.
 */
export function buildTimeline(events: readonly ChatEvent[]): Timeline {
  const items: TimelineItem[] = [];
  const clientMessageIds = new Set<string>();
  const components = new Map<string, Extract<Block, { kind: 'component' }>>();
  const componentItem = new Map<string, number>();
  const sessions = new Map<string, Extract<Block, { kind: 'session' }>>();
  let turn: TurnBuilder | null = null;
  // Turn keys also key the open/closed choice in the store, so they must be unique across chats.
  const chatId = events[0]?.chatId ?? '';

  const openTurn = (seq: number): TurnBuilder => {
    turn = {
      kind: 'turn', key: `${chatId}/t${seq}`, steps: [], blocks: [], hasFinal: false, running: false, thoughtMs: null, lastSeq: seq,
      stepIndex: new Map(), responses: new Map(), errored: false, firstThinkingTs: null, finalTs: null,
    };
    items.push(turn);
    return turn;
  };
  const current = (seq: number): TurnBuilder => {
    const t = turn ?? openTurn(seq);
    t.lastSeq = Math.max(t.lastSeq, seq);
    return t;
  };

  for (const e of events) {
    switch (e.type) {
      case 'user':
        if (e.clientMessageId) clientMessageIds.add(e.clientMessageId);
        items.push({ kind: 'user', key: `u${e.seq}`, event: e });
        turn = null;
        break;
      case 'thinking': {
        // Thinking after a finished reply is a new round of work (e.g. a button press).
        const t = turn && (turn as TurnBuilder).hasFinal ? openTurn(e.seq) : current(e.seq);
        t.lastSeq = Math.max(t.lastSeq, e.seq);
        t.firstThinkingTs ??= e.ts;
        const at = t.stepIndex.get(e.stepId);
        const step: StepView = { stepId: e.stepId, stage: e.stage, label: e.label, status: e.status, detail: e.detail, durationMs: e.durationMs };
        if (at === undefined) {
          t.stepIndex.set(e.stepId, t.steps.length);
          t.steps.push(step);
        } else {
          const prev = t.steps[at];
          t.steps[at] = { ...step, detail: step.detail ?? prev.detail, label: step.label || prev.label };
        }
        break;
      }
      case 'response': {
        const t = current(e.seq);
        const existing = t.responses.get(e.responseId);
        // Deltas carry the text so far; the final one carries all of it. Show the latest.
        if (existing) {
          if (!existing.final) Object.assign(existing, { text: e.text, final: e.final });
        } else {
          const block = { kind: 'response' as const, key: `r${e.seq}`, responseId: e.responseId, text: e.text, final: e.final };
          t.responses.set(e.responseId, block);
          t.blocks.push(block);
        }
        if (e.final) { t.hasFinal = true; t.finalTs = e.ts; }
        break;
      }
      case 'component': {
        const existing = components.get(e.componentId);
        if (existing) {
          const old = existing.event;
          if (e.version > old.version || (e.version === old.version && e.closed && !old.closed)) existing.event = e;
        } else {
          const block = { kind: 'component' as const, key: `c${e.componentId}`, event: e };
          components.set(e.componentId, block);
          current(e.seq).blocks.push(block);
          componentItem.set(e.componentId, items.length - 1);
        }
        break;
      }
      case 'error': {
        const t = current(e.seq);
        t.errored = true;
        t.blocks.push({ kind: 'error', key: `e${e.seq}`, event: e });
        break;
      }
      case 'session': {
        const block = { kind: 'session' as const, key: `s${e.seq}`, event: e, latest: true };
        const previous = sessions.get(e.intentId);
        if (previous) previous.latest = false;
        sessions.set(e.intentId, block);
        current(e.seq).blocks.push(block);
        break;
      }
      case 'operator':
        // What the assistant does after an operator spoke (or handed back) is a new turn.
        items.push({ kind: 'operator', key: `o${e.seq}`, event: e });
        turn = null;
        break;
      default:
        // An event type this build does not know yet: skip it rather than break the list.
        break;
    }
  }

  for (let i = 0; i < items.length; i++) {
    const item = items[i];
    if (item.kind === 'turn') items[i] = finishTurn(item as TurnBuilder, i === items.length - 1);
  }
  return { items, clientMessageIds, componentItem };
}

function finishTurn(t: TurnBuilder, isLast: boolean): TurnItem {
  return {
    kind: 'turn',
    key: t.key,
    steps: t.steps,
    blocks: t.blocks,
    hasFinal: t.hasFinal,
    running: isLast && t.steps.length > 0 && !t.hasFinal && !t.errored,
    thoughtMs: thoughtTime(t),
    lastSeq: t.lastSeq,
  };
}

/** Sum of the steps' own durations; the wall-clock span when the server sent none. */
function thoughtTime(t: TurnBuilder): number | null {
  const durations = t.steps.map((s) => s.durationMs).filter((d): d is number => typeof d === 'number');
  if (durations.length) return durations.reduce((a, b) => a + b, 0);
  if (t.firstThinkingTs && t.finalTs) {
    const span = Date.parse(t.finalTs) - Date.parse(t.firstThinkingTs);
    if (Number.isFinite(span) && span >= 0) return span;
  }
  return null;
}
