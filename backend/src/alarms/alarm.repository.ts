import type { DbOrTrx } from '../db/database';
import type { AlarmRow } from '../db/schema';

export interface NewAlarm {
  id: string;
  userId: string;
  time: string;
  date: string | null;
  repeat: string[] | null;
  label: string | null;
  enabled: boolean;
  timeZone: string;
  createdFromIntentId: string | null;
}

/**
 * Inserts an alarm. When `createdFromIntentId` already made one, nothing is inserted and
 * that alarm is returned: a retried tool call creates the alarm once.
 */
export async function insertAlarmOnce(db: DbOrTrx, a: NewAlarm): Promise<{ alarm: AlarmRow; created: boolean }> {
  const now = new Date();
  const inserted = await db.insertInto('alarms')
    .values({
      id: a.id, user_id: a.userId, time: a.time, date: a.date, repeat: a.repeat ? JSON.stringify(a.repeat) : null,
      label: a.label, enabled: a.enabled, time_zone: a.timeZone, created_from_intent_id: a.createdFromIntentId,
      created_at: now, updated_at: now,
    })
    .onConflict((oc) => oc.column('created_from_intent_id').doNothing())
    .returningAll()
    .executeTakeFirst();
  if (inserted) return { alarm: inserted, created: true };
  const existing = await db.selectFrom('alarms').selectAll().where('created_from_intent_id', '=', a.createdFromIntentId).executeTakeFirstOrThrow();
  return { alarm: existing, created: false };
}

export function listAlarmsOfUser(db: DbOrTrx, userId: string): Promise<AlarmRow[]> {
  return db.selectFrom('alarms').selectAll().where('user_id', '=', userId).orderBy('time').orderBy('created_at').execute();
}

export function findAlarmOfUser(db: DbOrTrx, userId: string, alarmId: string): Promise<AlarmRow | undefined> {
  return db.selectFrom('alarms').selectAll().where('id', '=', alarmId).where('user_id', '=', userId).executeTakeFirst();
}

export async function updateAlarmOfUser(
  db: DbOrTrx, userId: string, alarmId: string,
  patch: Partial<{ time: string; date: string | null; repeat: string[] | null; label: string | null; enabled: boolean }>,
): Promise<AlarmRow | undefined> {
  const { repeat, ...rest } = patch;
  return db.updateTable('alarms')
    .set({ ...rest, ...(repeat !== undefined ? { repeat: repeat ? JSON.stringify(repeat) : null } : {}), updated_at: new Date() })
    .where('id', '=', alarmId).where('user_id', '=', userId)
    .returningAll().executeTakeFirst();
}

export async function deleteAlarmsOfUser(db: DbOrTrx, userId: string, alarmIds: string[]): Promise<number> {
  if (!alarmIds.length) return 0;
  const res = await db.deleteFrom('alarms').where('user_id', '=', userId).where('id', 'in', alarmIds).executeTakeFirst();
  return Number(res.numDeletedRows ?? 0);
}
