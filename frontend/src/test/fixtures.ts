import type {
  ChatEvent, ComponentEvent, ErrorEvent, OperatorEvent, ResponseEvent, SessionEvent, ThinkingEvent, UserEvent, Widget,
} from '@app/shared';

/** Builders for wire events: tests state what matters and get valid defaults for the rest. */
const CHAT = 'chat-1';
const ts = (seq: number) => new Date(Date.UTC(2026, 0, 1, 6, 0, 0, seq * 100)).toISOString();

export const user = (seq: number, text = `message ${seq}`, extra: Partial<UserEvent> = {}): UserEvent => ({
  chatId: CHAT, seq, ts: ts(seq), type: 'user', text, clientMessageId: null, ...extra,
});

export const thinking = (seq: number, stepId: string, status: ThinkingEvent['status'], label: string, extra: Partial<ThinkingEvent> = {}): ThinkingEvent => ({
  chatId: CHAT, seq, ts: ts(seq), type: 'thinking', stepId, stage: 'message', label, status, ...extra,
});

export const response = (seq: number, text: string, final = true, responseId = 'r1', extra: Partial<ResponseEvent> = {}): ResponseEvent => ({
  chatId: CHAT, seq, ts: ts(seq), type: 'response', responseId, text, final, ...extra,
});

export const component = (seq: number, spec: Widget, extra: Partial<ComponentEvent> = {}): ComponentEvent => ({
  chatId: CHAT, seq, ts: ts(seq), type: 'component', componentId: 'form-1', version: 1, spec, ...extra,
});

export const errorEvent = (seq: number, message: string, extra: Partial<ErrorEvent> = {}): ErrorEvent => ({
  chatId: CHAT, seq, ts: ts(seq), type: 'error', code: 'internal', message, retryable: true, ...extra,
});

export const session = (seq: number, state: SessionEvent['state'], extra: Partial<SessionEvent> = {}): SessionEvent => ({
  chatId: CHAT, seq, ts: ts(seq), type: 'session', intentId: 'intent-1', sessionId: 's1', intent: 'create_alarm',
  state, resumable: true, params: {}, missing: [], ...extra,
});

export const operatorEvent = (seq: number, kind: OperatorEvent['kind'], text: string, extra: Partial<OperatorEvent> = {}): OperatorEvent => ({
  chatId: CHAT, seq, ts: ts(seq), type: 'operator', kind, text, operatorId: 'operator:Dana', operatorName: 'Dana', ...extra,
});

export const CHAT_ID = CHAT;

/** The create_alarm form the server sends when the time is missing. */
export const alarmForm = (overrides: { timeMissing?: boolean; timeError?: string | null } = {}): Widget => ({
  type: 'Form',
  title: 'New alarm',
  children: [
    { type: 'TimeInput', name: 'time', label: 'Time', required: true, missing: overrides.timeMissing ?? true, value: null, error: overrides.timeError ?? null },
    { type: 'DateInput', name: 'date', label: 'Date', required: false, missing: false, value: '2026-01-02' },
    { type: 'DaysOfWeek', name: 'repeat', label: 'Repeat', required: false, missing: false, value: null },
    { type: 'TextInput', name: 'label', label: 'Label', required: false, missing: false, value: null },
    { type: 'Button', label: 'Create alarm', action: 'submit', submit: true, payload: { intentId: 'intent-1' } },
    { type: 'Button', label: 'Cancel', action: 'cancel', style: 'secondary', payload: { intentId: 'intent-1' } },
  ],
});

/** A typical turn: user message, five thinking steps, a final reply. */
export function turnEvents(startSeq: number, text = 'wake me up at 6:30 tomorrow'): ChatEvent[] {
  let seq = startSeq;
  const steps: Array<[string, string, string]> = [
    ['s-analyze', 'message', 'Analyzing your request...'],
    ['s-intent', 'intent', 'Intent recognized: create_alarm'],
    ['s-params', 'params', 'Extracting parameters from your request...'],
    ['s-tool', 'tool', 'Executing your request...'],
    ['s-reply', 'reply', 'Generating final response...'],
  ];
  const out: ChatEvent[] = [user(seq++, text)];
  for (const [id, stage, label] of steps) {
    const detail = stage === 'intent' ? { intent: 'create_alarm', confidence: 0.93 } : undefined;
    out.push(thinking(seq++, `${id}-${startSeq}`, 'started', label, { stage: stage as ThinkingEvent['stage'] }));
    out.push(thinking(seq++, `${id}-${startSeq}`, 'done', label, { stage: stage as ThinkingEvent['stage'], durationMs: 80, detail }));
  }
  out.push(response(seq++, 'Alarm set for 06:30 tomorrow.', true, `resp-${startSeq}`));
  return out;
}
