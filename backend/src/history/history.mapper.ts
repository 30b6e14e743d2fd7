import type { ChatEvent, DraftEvent, HistoryRow } from '@app/shared';
import type { ChatHistoryRow, MessageType } from '../db/schema';

const MESSAGE_TYPE: Record<ChatEvent['type'], MessageType> = {
  user: 'user',
  response: 'ai',
  thinking: 'thinking',
  component: 'component',
  error: 'error',
  session: 'system',
  operator: 'operator',
};

/** The coarse `message_type` column of an event (the design's user | ai | thinking | ...). */
export function messageTypeOf(type: ChatEvent['type']): MessageType {
  return MESSAGE_TYPE[type];
}

/** The human-readable `content` column: what a person would read of this event. */
export function contentOf(draft: DraftEvent): string | null {
  switch (draft.type) {
    case 'user':
    case 'response':
      return draft.text;
    case 'thinking':
      return draft.label;
    case 'error':
      return draft.message;
    case 'session':
      return `${draft.intent}: ${draft.state}`;
    case 'operator':
      return draft.text;
    case 'component':
      return null;
  }
}

/** The `payload` column: the event's own fields; chat, seq, ts and the IDs have columns. */
export function payloadOf(draft: DraftEvent): Record<string, unknown> {
  const { intentId: _i, sessionId: _s, ...rest } = draft as DraftEvent & { intentId?: unknown; sessionId?: unknown };
  if (draft.type === 'session') return { ...rest, intentId: draft.intentId, sessionId: draft.sessionId };
  return rest;
}

/** Rebuilds the wire event from a stored row. */
export function rowToEvent(row: Pick<ChatHistoryRow, 'user_chat_id' | 'seq' | 'timestamp' | 'user_intent_id' | 'session_id' | 'payload'>): ChatEvent {
  const payload = row.payload as Record<string, unknown>;
  return {
    ...payload,
    chatId: row.user_chat_id,
    seq: row.seq,
    ts: toIso(row.timestamp),
    intentId: row.user_intent_id,
    sessionId: row.session_id,
  } as ChatEvent;
}

/** The REST history row: the event plus its four IDs and flags. */
export function rowToHistory(row: ChatHistoryRow): HistoryRow {
  return {
    ...rowToEvent(row),
    userChatId: row.user_chat_id,
    socketConnectionId: row.socket_connection_id,
    userIntentId: row.user_intent_id,
    sessionId: row.session_id,
    isComplete: row.is_complete,
    abandoned: row.abandoned,
  };
}

export function toIso(value: Date | string): string {
  return value instanceof Date ? value.toISOString() : new Date(value).toISOString();
}
