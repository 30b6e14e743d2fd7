import { sql, type Kysely } from 'kysely';

/** Chats, their event log, intents, backend sessions and alarms. */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('user_chats')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('title', 'text')
    .addColumn('last_seq', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('user_chats_user_idx').on('user_chats').columns(['user_id', 'updated_at']).execute();

  await db.schema
    .createTable('chat_history')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('user_chat_id', 'text', (c) => c.notNull().references('user_chats.id').onDelete('cascade'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('socket_connection_id', 'text')
    .addColumn('session_id', 'text')
    .addColumn('user_intent_id', 'text')
    .addColumn('message_type', 'text', (c) =>
      c.notNull().check(sql`message_type in ('user', 'ai', 'thinking', 'component', 'error', 'system')`))
    .addColumn('content', 'text')
    .addColumn('payload', 'jsonb', (c) => c.notNull())
    .addColumn('client_message_id', 'text')
    .addColumn('timestamp', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('is_complete', 'boolean', (c) => c.notNull().defaultTo(true))
    .addColumn('abandoned', 'boolean', (c) => c.notNull().defaultTo(false))
    .addUniqueConstraint('chat_history_chat_seq_key', ['user_chat_id', 'seq'])
    .execute();
  // The idempotency key of user messages: unique per chat, enforced by the database.
  await sql`create unique index chat_history_client_message_key on chat_history (user_chat_id, client_message_id) where client_message_id is not null`.execute(db);
  await db.schema.createIndex('chat_history_intent_idx').on('chat_history').column('user_intent_id').execute();
  // Turns that started and never finished (found again after a crash).
  await sql`create index chat_history_incomplete_idx on chat_history (user_chat_id) where is_complete = false`.execute(db);

  await db.schema
    .createTable('user_intents')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_chat_id', 'text', (c) => c.notNull().references('user_chats.id').onDelete('cascade'))
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('intent', 'text', (c) => c.notNull())
    .addColumn('params', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('missing', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('active', 'completed', 'cancelled', 'abandoned')`))
    .addColumn('resumable', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('component_id', 'text')
    .addColumn('component_version', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('abandon_reason', 'text')
    .addColumn('resumed_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('result', 'jsonb')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('last_activity_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('ended_at', 'timestamptz')
    .execute();
  await db.schema.createIndex('user_intents_chat_idx').on('user_intents').columns(['user_chat_id', 'created_at']).execute();
  await sql`create index user_intents_active_idx on user_intents (last_activity_at) where status = 'active'`.execute(db);

  await db.schema
    .createTable('backend_sessions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_intent_id', 'text', (c) => c.notNull().references('user_intents.id').onDelete('cascade'))
    .addColumn('state', 'text', (c) => c.notNull().check(sql`state in ('active', 'expired', 'closed')`))
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('last_seen_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('backend_sessions_intent_idx').on('backend_sessions').column('user_intent_id').execute();

  await db.schema
    .createTable('alarms')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('time', 'text', (c) => c.notNull())
    .addColumn('date', 'text')
    .addColumn('repeat', 'jsonb')
    .addColumn('label', 'text')
    .addColumn('enabled', 'boolean', (c) => c.notNull().defaultTo(true))
    .addColumn('time_zone', 'text', (c) => c.notNull())
    // One alarm per create intent, whatever the retries: tool execution is idempotent.
    .addColumn('created_from_intent_id', 'text', (c) => c.unique())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('alarms_user_idx').on('alarms').columns(['user_id', 'time']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['alarms', 'backend_sessions', 'user_intents', 'chat_history', 'user_chats']) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}
