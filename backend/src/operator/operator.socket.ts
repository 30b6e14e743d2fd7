import {
  OperatorChatRefSchema, OperatorSendSchema, OperatorSubscribeSchema, OperatorWatchSchema,
} from '@app/shared';
import type { AppSocket } from '../connection/connection-manager';
import { roomOf } from '../connection/connection-manager';
import { socketHandler } from '../connection/socket-handler';
import type { HistoryService } from '../history/history.service';
import type { IntentService } from '../intents/intent.service';
import type { Logger } from '../logging/logger';
import type { Principal } from '../chats/chat.service';
import { OperatorService } from './operator.service';

/** The room every subscribed operator socket is in; it receives `operator:activity`. */
export const OPERATORS_ROOM = 'operators';

/**
 * Operator events on a socket. Every one checks the admin role from the verified token
 * (anyone else gets `forbidden`) and validates its payload like every other event.
 */
export function registerOperatorHandlers(
  socket: AppSocket,
  deps: { operators: OperatorService; history: HistoryService; intents: IntentService; logger: Logger },
): void {
  const who: Principal = { userId: socket.data.userId, role: socket.data.role };
  const on = <R>(event: string, schema: Parameters<typeof socketHandler>[2], fn: (p: any) => Promise<R>) =>
    socket.on(event as never, socketHandler(deps.logger, event, schema, async (p) => {
      OperatorService.assertOperator(who);
      return fn(p);
    }) as never);

  on('operator:subscribe', OperatorSubscribeSchema, async () => {
    await socket.join(OPERATORS_ROOM);
    return { chats: await deps.operators.list() };
  });

  on('operator:watch', OperatorWatchSchema, async (p) => {
    const chat = await deps.operators.chat(p.chatId);
    await socket.join(roomOf(chat.id));
    const page = await deps.history.page(chat.id, p.afterSeq ?? 0, p.limit ?? 1000);
    return { chatId: chat.id, ...page, intent: await deps.intents.current(chat.id), activity: await deps.operators.activity(chat) };
  });

  on('operator:unwatch', OperatorChatRefSchema, async (p) => {
    await socket.leave(roomOf(p.chatId));
    return {};
  });

  on('operator:takeover', OperatorChatRefSchema, async (p) => {
    const chat = await deps.operators.takeover(who, p.chatId);
    await socket.join(roomOf(chat.id));
    return { activity: await deps.operators.activity(chat) };
  });

  on('operator:handback', OperatorChatRefSchema, async (p) => ({ activity: await deps.operators.activity(await deps.operators.handback(who, p.chatId)) }));

  on('operator:send', OperatorSendSchema, async (p) => deps.operators.send(who, p.chatId, p.clientMessageId, p.text));
}
