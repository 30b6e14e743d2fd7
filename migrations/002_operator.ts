import { sql, type Kysely } from 'kysely';

/** Operator console: operator messages in the log, and a per-chat "assistant paused" switch. */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table chat_history drop constraint if exists chat_history_message_type_check`.execute(db);
  await sql`alter table chat_history add constraint chat_history_message_type_check
    check (message_type in ('user', 'ai', 'thinking', 'component', 'error', 'system', 'operator'))`.execute(db);
  await db.schema.alterTable('user_chats').addColumn('assistant_paused', 'boolean', (c) => c.notNull().defaultTo(false)).execute();
  await db.schema.alterTable('user_chats').addColumn('paused_by', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('user_chats').dropColumn('paused_by').execute();
  await db.schema.alterTable('user_chats').dropColumn('assistant_paused').execute();
  await sql`delete from chat_history where message_type = 'operator'`.execute(db);
  await sql`alter table chat_history drop constraint if exists chat_history_message_type_check`.execute(db);
  await sql`alter table chat_history add constraint chat_history_message_type_check
    check (message_type in ('user', 'ai', 'thinking', 'component', 'error', 'system'))`.execute(db);
}
