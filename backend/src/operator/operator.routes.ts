import { Router } from 'express';
import { z } from 'zod';
import { MessageSendSchema } from '@app/shared';
import { AppError } from '../errors/app-error';
import { principalOf } from '../http/middleware';
import type { Db } from '../db/database';
import { intentFunnel } from './funnel';
import { OperatorService } from './operator.service';

const FunnelQuery = z.object({
  from: z.coerce.date().optional(),
  to: z.coerce.date().optional(),
});

/** The operator console over REST; every route needs the admin role (else 403 forbidden). */
export function operatorRoutes(db: Db, operators: OperatorService, minConfidence: number): Router {
  const r = Router();
  r.use((_req, res, next) => {
    OperatorService.assertOperator(principalOf(res));
    next();
  });
  r.get('/chats', async (_req, res) => {
    res.json({ chats: await operators.list() });
  });
  r.get('/funnel', async (req, res) => {
    const q = FunnelQuery.safeParse(req.query);
    if (!q.success) throw AppError.fromZod(q.error, 'query');
    const to = q.data.to ?? new Date(Date.now() + 1000);
    const from = q.data.from ?? new Date(to.getTime() - 7 * 24 * 3600 * 1000);
    res.json(await intentFunnel(db, from, to, minConfidence));
  });
  r.post('/chats/:chatId/takeover', async (req, res) => {
    res.json({ activity: await operators.activity(await operators.takeover(principalOf(res), req.params.chatId)) });
  });
  r.post('/chats/:chatId/handback', async (req, res) => {
    res.json({ activity: await operators.activity(await operators.handback(principalOf(res), req.params.chatId)) });
  });
  r.post('/chats/:chatId/messages', async (req, res) => {
    const body = MessageSendSchema.omit({ chatId: true }).safeParse(req.body ?? {});
    if (!body.success) throw AppError.fromZod(body.error, 'message');
    res.status(201).json(await operators.send(principalOf(res), req.params.chatId, body.data.clientMessageId, body.data.text));
  });
  return r;
}
