import type { OutboxItem } from '../store';
import type { Deliver } from './outbox-flusher';
import type { Request } from './protocol';
import type { RestFallback } from './rest-fallback';

/**
 * The path an outbox item can take right now, or null to keep it queued. The socket carries
 * everything; REST only messages (it has no route for form actions), and only once a poll has
 * shown the server answers, so a send is not spent on a dead connection.
 */
export function outboxRoute(item: OutboxItem, socketConnected: boolean, request: Request, fallback: RestFallback): Deliver | null {
  if (socketConnected) {
    return item.kind === 'message'
      ? async () => { await request('message:send', { chatId: item.chatId, clientMessageId: item.id, text: item.text }); }
      : async () => { await request('component:action', { chatId: item.chatId, componentId: item.componentId, action: item.action, values: item.values, clientActionId: item.id }); };
  }
  if (fallback.active && fallback.healthy && item.kind === 'message') return () => fallback.sendMessage(item);
  return null;
}
