import { Router } from 'express';
import { AlarmInputSchema, AlarmPatchSchema } from '@app/shared';
import type { AlarmService } from '../alarms/alarm.service';
import { AppError } from '../errors/app-error';
import { principalOf } from './middleware';
import { isValidTimeZone } from '../config/config';

/** The person's alarms over REST; another person's alarm is `not_found`. */
export function alarmRoutes(alarms: AlarmService, defaultTimeZone: string): Router {
  const r = Router();
  r.get('/alarms', async (_req, res) => {
    res.json({ alarms: await alarms.list(principalOf(res).userId) });
  });
  r.get('/alarms/:id', async (req, res) => {
    res.json({ alarm: await alarms.get(principalOf(res).userId, req.params.id) });
  });
  r.post('/alarms', async (req, res) => {
    const body = AlarmInputSchema.safeParse(req.body ?? {});
    if (!body.success) throw AppError.fromZod(body.error, 'alarm');
    const zone = req.get('x-time-zone');
    const { alarm } = await alarms.create(principalOf(res).userId, body.data, zone && isValidTimeZone(zone) ? zone : defaultTimeZone);
    res.status(201).json({ alarm });
  });
  r.patch('/alarms/:id', async (req, res) => {
    const body = AlarmPatchSchema.safeParse(req.body ?? {});
    if (!body.success) throw AppError.fromZod(body.error, 'alarm');
    res.json({ alarm: await alarms.update(principalOf(res).userId, req.params.id, body.data) });
  });
  r.delete('/alarms/:id', async (req, res) => {
    const n = await alarms.remove(principalOf(res).userId, [req.params.id]);
    if (!n) throw AppError.notFound('Alarm');
    res.status(204).end();
  });
  return r;
}
