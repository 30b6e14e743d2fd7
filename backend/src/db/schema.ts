import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
/** jsonb goes in as a JSON string (both pg and PGlite pass strings through) and comes out parsed. */
type Json<T> = ColumnType<T, string, string>;

/** The kysely view of the schema that migrations/ creates. */
export interface Database {
  user_chats: UserChatsTable;
  chat_history: ChatHistoryTable;
  user_intents: UserIntentsTable;
  backend_sessions: BackendSessionsTable;
  alarms: AlarmsTable;
}

export interface UserChatsTable {
  id: string;
  user_id: string;
  title: string | null;
  last_seq: Generated<number>;
  /** While an operator has taken the chat over, the assistant does not answer. */
  assistant_paused: ColumnType<boolean, boolean | undefined, boolean>;
  paused_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export type MessageType = 'user' | 'ai' | 'thinking' | 'component' | 'error' | 'system' | 'operator';

export interface ChatHistoryTable {
  id: Generated<string>;
  user_chat_id: string;
  seq: number;
  user_id: string;
  socket_connection_id: string | null;
  session_id: string | null;
  user_intent_id: string | null;
  message_type: MessageType;
  content: string | null;
  payload: Json<Record<string, unknown>>;
  client_message_id: string | null;
  timestamp: Timestamp;
  is_complete: ColumnType<boolean, boolean | undefined, boolean>;
  abandoned: ColumnType<boolean, boolean | undefined, boolean>;
}

export interface UserIntentsTable {
  id: string;
  user_chat_id: string;
  user_id: string;
  intent: string;
  params: Json<Record<string, unknown>>;
  missing: Json<string[]>;
  status: 'active' | 'completed' | 'cancelled' | 'abandoned';
  resumable: ColumnType<boolean, boolean | undefined, boolean>;
  component_id: string | null;
  component_version: ColumnType<number, number | undefined, number>;
  abandon_reason: string | null;
  resumed_count: ColumnType<number, number | undefined, number>;
  result: Json<Record<string, unknown> | null> | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  last_activity_at: Timestamp;
  ended_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
}

export interface BackendSessionsTable {
  id: string;
  user_intent_id: string;
  state: 'active' | 'expired' | 'closed';
  expires_at: Timestamp;
  created_at: Timestamp;
  last_seen_at: Timestamp;
}

export interface AlarmsTable {
  id: string;
  user_id: string;
  time: string;
  date: string | null;
  repeat: Json<string[] | null> | null;
  label: string | null;
  enabled: ColumnType<boolean, boolean | undefined, boolean>;
  time_zone: string;
  created_from_intent_id: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export type UserChatRow = Selectable<UserChatsTable>;
export type ChatHistoryRow = Selectable<ChatHistoryTable>;
export type NewChatHistoryRow = Insertable<ChatHistoryTable>;
export type UserIntentRow = Selectable<UserIntentsTable>;
export type UserIntentUpdate = Updateable<UserIntentsTable>;
export type BackendSessionRow = Selectable<BackendSessionsTable>;
export type AlarmRow = Selectable<AlarmsTable>;
