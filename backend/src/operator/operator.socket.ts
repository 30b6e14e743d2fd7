import {
  OperatorChatRefSchema, OperatorSendSchema, OperatorSubscribeSchema, OperatorWatchSchema,
} from '@app/shared';
import type { AppSocket } from '../connection/connection-manager';
import { roomOf } from '../connection/connection-manager';
import { route, type SocketRoute, type SocketRoutes } from '../connection/socket-handler';
import type { z } from 'zod';
import type { HistoryService } from '../history/history.service';
import type { IntentService } from '../intents/intent.service';
import type { Principal } from '../chats/chat.service';
import { OperatorService } from './operator.service';

/** The room every subscribed operator socket is in; it receives `operator:activity`. */
export const OPERATORS_ROOM = 'operators';

/**
 * Operator events on a socket. Every one checks the admin role from the verified token
 * (anyone else gets `forbidden`) and validates its payload like every other event.
 */
export function operatorSocketRoutes(
  deps: { operators: OperatorService; history: HistoryService; intents: IntentService },
): SocketRoutes {
  const who = (socket: AppSocket): Principal => ({ userId: socket.data.userId, role: socket.data.role });
  const asOperator = <S extends z.ZodType, R>(schema: S, fn: (socket: AppSocket, p: z.infer<S>, who: Principal) => Promise<R>) =>
    route(schema, async (socket, p) => {
      OperatorService.assertOperator(who(socket));
      return fn(socket, p, who(socket));
    });

  return new Map<string, SocketRoute<any, any>>([
    ['operator:subscribe', asOperator(OperatorSubscribeSchema, async (socket) => {
      await socket.join(OPERATORS_ROOM);
      return { chats: await deps.operators.list() };
    })],

    ['operator:watch', asOperator(OperatorWatchSchema, async (socket, p) => {
      const chat = await deps.operators.chat(p.chatId);
      await socket.join(roomOf(chat.id));
      const page = await deps.history.page(chat.id, p.afterSeq ?? 0, p.limit ?? 1000);
      return { chatId: chat.id, ...page, intent: await deps.intents.current(chat.id), activity: await deps.operators.activity(chat) };
    })],

    ['operator:unwatch', asOperator(OperatorChatRefSchema, async (socket, p) => {
      await socket.leave(roomOf(p.chatId));
      return {};
    })],

    ['operator:takeover', asOperator(OperatorChatRefSchema, async (socket, p, me) => {
      const chat = await deps.operators.takeover(me, p.chatId);
      await socket.join(roomOf(chat.id));
      return { activity: await deps.operators.activity(chat) };
    })],

    ['operator:handback', asOperator(OperatorChatRefSchema, async (_socket, p, me) => ({ activity: await deps.operators.activity(await deps.operators.handback(me, p.chatId)) }))],

    ['operator:send', asOperator(OperatorSendSchema, async (_socket, p, me) => deps.operators.send(me, p.chatId, p.clientMessageId, p.text))],
  ]);
}
