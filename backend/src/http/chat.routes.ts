import { randomUUID } from 'node:crypto';
import { Router, type Request } from 'express';
import { z } from 'zod';
import { MessageSendSchema, type ChatEvent } from '@app/shared';
import type { ChatService } from '../chats/chat.service';
import { toChatSummary } from '../chats/chat.service';
import { isValidTimeZone } from '../config/config';
import { AppError } from '../errors/app-error';
import type { ChatBus } from '../history/chat-bus';
import type { HistoryService } from '../history/history.service';
import { deleteIntentsOfChat, listIntentsOfChat } from '../intents/intent.repository';
import type { IntentService } from '../intents/intent.service';
import type { Orchestrator } from '../orchestrator/orchestrator';
import type { Db } from '../db/database';
import { principalOf } from './middleware';

const HistoryQuery = z.object({
  afterSeq: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(5000).default(1000),
});
const MessageBody = MessageSendSchema.omit({ chatId: true });

export interface ChatRoutesDeps {
  db: Db;
  chats: ChatService;
  history: HistoryService;
  intents: IntentService;
  orchestrator: Orchestrator;
  bus: ChatBus;
  defaultTimeZone: string;
  maxMessageLength: number;
  limitMessage?: (userId: string) => Promise<void>;
}

function parse<S extends z.ZodType>(schema: S, value: unknown, what: string): z.infer<S> {
  const r = schema.safeParse(value);
  if (!r.success) throw AppError.fromZod(r.error, what);
  return r.data;
}

function zoneOf(req: Request, fallback: string): string {
  const zone = req.get('x-time-zone');
  return zone && isValidTimeZone(zone) ? zone : fallback;
}

/** Chats, their history and intents, and posting a message without WebSockets (JSON or SSE). */
export function chatRoutes(deps: ChatRoutesDeps): Router {
  const r = Router();

  r.get('/chats', async (req, res) => {
    const who = principalOf(res);
    const rows = await deps.chats.list(who, { all: req.query.all === 'true' });
    const chats = await Promise.all(rows.map(async (row) => ({ ...toChatSummary(row), intent: await deps.intents.current(row.id), ...(who.role === 'admin' ? { userId: row.user_id } : {}) })));
    res.json({ chats });
  });

  r.post('/chats', async (req, res) => {
    const body = parse(z.object({ title: z.string().max(200).optional() }).strict(), req.body ?? {}, 'body');
    res.status(201).json(toChatSummary(await deps.chats.create(principalOf(res), body.title ?? null)));
  });

  r.get('/chats/:chatId/history', async (req, res) => {
    await deps.chats.getOwned(principalOf(res), req.params.chatId, { allowAdmin: true });
    const q = parse(HistoryQuery, req.query, 'query');
    res.json(await deps.history.rows(req.params.chatId, q.afterSeq, q.limit));
  });

  r.get('/chats/:chatId/intents', async (req, res) => {
    await deps.chats.getOwned(principalOf(res), req.params.chatId, { allowAdmin: true });
    const rows = await listIntentsOfChat(deps.db, req.params.chatId);
    res.json({ intents: await Promise.all(rows.map((row) => deps.intents.summaryOf(row))) });
  });

  r.delete('/chats/:chatId/intents', async (req, res) => {
    await deps.chats.getOwned(principalOf(res), req.params.chatId);
    res.json({ deleted: await deleteIntentsOfChat(deps.db, req.params.chatId) });
  });

  r.post('/chats/:chatId/messages', async (req, res) => {
    const who = principalOf(res);
    const body = parse(MessageBody, req.body ?? {}, 'message');
    if (body.text.length > deps.maxMessageLength) throw new AppError('payload_too_large', `Messages are limited to ${deps.maxMessageLength} characters.`);
    await deps.limitMessage?.(who.userId);
    const chatId = req.params.chatId;
    const chat = await deps.chats.getOwned(who, chatId);
    const actor = { chatId, userId: who.userId, connectionId: `http-${randomUUID()}`, timeZone: zoneOf(req, deps.defaultTimeZone) };
    const sse = (req.get('accept') ?? '').includes('text/event-stream');
    const seen: ChatEvent[] = [];
    let write: ((e: ChatEvent) => void) | undefined;
    if (sse) {
      res.status(200).set({ 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-cache', Connection: 'keep-alive', 'X-Accel-Buffering': 'no' });
      res.flushHeaders();
      write = (e) => res.write(`id: ${e.seq}\nevent: ${e.type}\ndata: ${JSON.stringify(e)}\n\n`);
    }
    // Listen before sending, so the turn's first events are not missed.
    const unsubscribe = deps.bus.subscribe(chatId, (e) => {
      if (e.type !== 'user' && (e.seq <= 0)) return;
      seen.push(e);
      write?.(e);
    });
    try {
      const accepted = await deps.orchestrator.acceptMessage(actor, body.clientMessageId, body.text, { chat: { userId: chat.user_id, assistantPaused: chat.assistant_paused, title: chat.title } });
      await accepted.turn;
      const events = accepted.duplicate ? [] : seen.filter((e) => e.seq >= accepted.seq).sort((a, b) => a.seq - b.seq);
      if (sse) {
        res.write(`event: done\ndata: ${JSON.stringify({ seq: accepted.seq, duplicate: accepted.duplicate })}\n\n`);
        res.end();
      } else {
        res.status(accepted.duplicate ? 200 : 201).json({ seq: accepted.seq, duplicate: accepted.duplicate, events });
      }
    } finally {
      unsubscribe();
    }
  });

  return r;
}
