import { randomUUID } from 'node:crypto';
import type { Alarm, AlarmInput, AlarmPatch, Weekday } from '@app/shared';
import type { Db, DbOrTrx } from '../db/database';
import type { AlarmRow } from '../db/schema';
import { AppError } from '../errors/app-error';
import { toIso } from '../history/history.mapper';
import { nextOccurrence } from '../nlu';
import { deleteAlarmsOfUser, findAlarmOfUser, insertAlarmOnce, listAlarmsOfUser, updateAlarmOfUser } from './alarm.repository';

export function toAlarm(row: AlarmRow, now = new Date()): Alarm {
  const repeat = (row.repeat as Weekday[] | null) ?? null;
  const next = row.enabled ? nextOccurrence(row.time, row.date, repeat, { timeZone: row.time_zone, now }) : null;
  return {
    id: row.id, time: row.time, date: row.date, repeat, label: row.label, enabled: row.enabled,
    timeZone: row.time_zone, nextFireAt: next ? next.toISOString() : null,
    createdFromIntentId: row.created_from_intent_id, createdAt: toIso(row.created_at), updatedAt: toIso(row.updated_at),
  };
}

/** A person's alarms. Alarms belong to the person, so every chat of theirs sees the same ones. */
export class AlarmService {
  constructor(private readonly db: Db) {}

  async list(userId: string, db: DbOrTrx = this.db): Promise<Alarm[]> {
    return (await listAlarmsOfUser(db, userId)).map((r) => toAlarm(r));
  }

  async get(userId: string, alarmId: string): Promise<Alarm> {
    const row = await findAlarmOfUser(this.db, userId, alarmId);
    if (!row) throw AppError.notFound('Alarm');
    return toAlarm(row);
  }

  /** Creates an alarm; with `intentId` the creation is idempotent per intent. */
  async create(userId: string, input: AlarmInput, timeZone: string, intentId: string | null = null, db: DbOrTrx = this.db) {
    const { alarm, created } = await insertAlarmOnce(db, {
      id: randomUUID(), userId, time: input.time, date: input.repeat?.length ? null : input.date ?? null,
      repeat: input.repeat?.length ? input.repeat : null, label: input.label ?? null, enabled: input.enabled ?? true,
      timeZone, createdFromIntentId: intentId,
    });
    return { alarm: toAlarm(alarm), created };
  }

  async update(userId: string, alarmId: string, patch: AlarmPatch, db: DbOrTrx = this.db): Promise<Alarm> {
    const row = await updateAlarmOfUser(db, userId, alarmId, {
      ...patch,
      // A repeat and a one-off date are exclusive.
      ...(patch.repeat?.length ? { date: null } : {}),
      ...(patch.date ? { repeat: null } : {}),
    });
    if (!row) throw AppError.notFound('Alarm');
    return toAlarm(row);
  }

  async remove(userId: string, alarmIds: string[], db: DbOrTrx = this.db): Promise<number> {
    return deleteAlarmsOfUser(db, userId, alarmIds);
  }
}
