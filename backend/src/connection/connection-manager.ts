import { randomUUID } from 'node:crypto';
import type { Server, Socket } from 'socket.io';
import {
  ChatJoinSchema, ChatNewSchema, ComponentActionSchema, HandshakeAuthSchema, IntentRefSchema, MessageSendSchema,
  type ChatEvent, type ChatJoinResult, type ClientToServerEvents, type InterServerEvents, type ServerToClientEvents, type SocketData,
} from '@app/shared';
import type { AuthService } from '../auth/auth.service';
import { toChatSummary, type ChatService, type Principal } from '../chats/chat.service';
import { isValidTimeZone } from '../config/config';
import { AppError, toAppError } from '../errors/app-error';
import type { HistoryService } from '../history/history.service';
import type { IntentService } from '../intents/intent.service';
import type { Logger } from '../logging/logger';
import type { Actor, Orchestrator } from '../orchestrator/orchestrator';
import { socketHandler } from './socket-handler';
import type { Presence } from './presence';

export type AppServer = Server<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;
export type AppSocket = Socket<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;

export const roomOf = (chatId: string) => `chat:${chatId}`;

export interface ConnectionDeps {
  io: AppServer;
  auth: AuthService;
  chats: ChatService;
  history: HistoryService;
  intents: IntentService;
  orchestrator: Orchestrator;
  presence: Presence;
  logger: Logger;
  defaultTimeZone: string;
  maxMessageLength: number;
  /**
   * Per-connection / per-person limits; throws `rate_limited`. 'event' is checked for every
   * inbound packet (known event or not, valid or not), 'message' before anything is stored.
   */
  limit?: (socket: AppSocket, kind: 'event' | 'message') => Promise<void>;
  /** More handlers on every socket (the operator console's). */
  registerExtra?: (socket: AppSocket) => void;
  /** Told when a chat's person came or went (the console shows who is online). */
  onPresenceChange?: (chatId: string, online: boolean) => void;
  /** Observes every failed ack (metrics). */
  onError?: (err: AppError, event: string) => void;
  /** Longest wait for an ack before it is answered `unavailable`; 0 or unset: none. */
  ackTimeoutMs?: number;
}

/**
 * Socket.IO side of the product: authenticates the handshake, tracks connections, joins
 * each socket to its chat's room and turns client events into orchestrator calls. Server
 * events reach sockets through the room (see `publishToRoom`), never from the orchestrator.
 */
export class ConnectionManager {
  constructor(private readonly deps: ConnectionDeps) {}

  attach(): void {
    const { io } = this.deps;
    io.use(async (socket, next) => {
      try {
        const auth = HandshakeAuthSchema.safeParse(socket.handshake.auth ?? {});
        if (!auth.success) throw new AppError('unauthorized', 'A token is required in the handshake auth.');
        const who = await this.deps.auth.verify(auth.data.token);
        const zone = auth.data.timeZone && isValidTimeZone(auth.data.timeZone) ? auth.data.timeZone : this.deps.defaultTimeZone;
        socket.data = { userId: who.userId, role: who.role, timeZone: zone, connectionId: randomUUID() };
        next();
      } catch (err) {
        const e = err instanceof AppError ? err : new AppError('unauthorized', 'Authentication failed.');
        next(Object.assign(new Error(e.message), { data: e.toBody() }));
      }
    });
    io.on('connection', (socket) => this.onConnection(socket));
  }

  /** Hands a stored event to every socket in the chat's room (on every node, with the Redis adapter). */
  publishToRoom(event: ChatEvent): void {
    (this.deps.io.to(roomOf(event.chatId)).emit as (ev: string, e: ChatEvent) => void)(event.type, event);
  }

  private onConnection(socket: AppSocket): void {
    const { deps } = this;
    const log = deps.logger.child({ connectionId: socket.data.connectionId, userId: socket.data.userId });
    const who: Principal = { userId: socket.data.userId, role: socket.data.role };
    deps.presence.connected(socket.data.userId, socket.data.connectionId);
    log.debug('connected');

    const actor = (chatId: string): Actor => ({ chatId, userId: who.userId, connectionId: socket.data.connectionId, timeZone: socket.data.timeZone });
    const guard = async (kind: 'event' | 'message') => deps.limit?.(socket, kind);
    // Every inbound packet counts against the connection's budget, unknown and malformed ones
    // included; one over the limit is answered `rate_limited` (when it has an ack) and dropped.
    socket.use((packet, next) => {
      guard('event').then(() => next(), (err) => {
        const appErr = toAppError(err);
        deps.onError?.(appErr, String(packet[0]));
        const ack = packet[packet.length - 1];
        if (typeof ack === 'function') ack({ ok: false, error: appErr.toBody() });
      });
    });
    const on = <S extends Parameters<typeof socketHandler>[2], R>(event: keyof ClientToServerEvents, schema: S, fn: (p: any) => Promise<R>) =>
      socket.on(event, socketHandler(log, event, schema, fn, (err) => deps.onError?.(err, event), deps.ackTimeoutMs) as never);

    on('chat:join', ChatJoinSchema, async (p): Promise<ChatJoinResult> => {
      const chat = p.chatId ? await deps.chats.getOwned(who, p.chatId) : await deps.chats.create(who);
      for (const room of socket.rooms) if (room.startsWith('chat:') && room !== roomOf(chat.id)) await socket.leave(room);
      // Join before reading, so nothing published in between is missed (the client dedupes by seq).
      await socket.join(roomOf(chat.id));
      deps.presence.joined(socket.data.connectionId, chat.id);
      const page = await deps.history.page(chat.id, p.afterSeq ?? 0, p.limit ?? 500);
      deps.presence.markDelivered(chat.id, page.events.at(-1)?.seq ?? p.afterSeq ?? 0);
      deps.onPresenceChange?.(chat.id, true);
      return { chatId: chat.id, events: page.events, lastSeq: page.lastSeq, hasMore: page.hasMore, intent: await deps.intents.current(chat.id) };
    });

    on('chat:new', ChatNewSchema, async (p) => toChatSummary(await deps.chats.create(who, p.title ?? null)));

    on('message:send', MessageSendSchema, async (p) => {
      if (p.text.length > deps.maxMessageLength) {
        throw new AppError('payload_too_large', `Messages are limited to ${deps.maxMessageLength} characters.`);
      }
      await guard('message');
      // acceptMessage checks that the chat is this person's (in the statement that reads its
      // intent) and only then lets the socket into the chat's room.
      const join = () => (socket.rooms.has(roomOf(p.chatId)) ? undefined : socket.join(roomOf(p.chatId)));
      const { seq, duplicate, turn } = await deps.orchestrator.acceptMessage(actor(p.chatId), p.clientMessageId, p.text, { onOwned: join });
      turn.catch((err) => log.error({ err }, 'turn failed'));
      return { seq, duplicate };
    });

    on('component:action', ComponentActionSchema, async (p) => {
      await guard('message');
      await deps.chats.getOwned(who, p.chatId);
      const { seq, duplicate, turn } = await deps.orchestrator.action(actor(p.chatId), p);
      turn.catch((err) => log.error({ err }, 'action failed'));
      return { seq, duplicate };
    });

    on('intent:cancel', IntentRefSchema, async (p) => {
      await deps.chats.getOwned(who, p.chatId);
      return { intent: await deps.orchestrator.cancel(actor(p.chatId)) };
    });

    on('intent:resume', IntentRefSchema, async (p) => {
      await deps.chats.getOwned(who, p.chatId);
      // An intent of another chat (another person's included) does not exist for this one.
      if (p.intentId && (await deps.intents.get(p.intentId))?.user_chat_id !== p.chatId) throw AppError.notFound('Intent');
      return { intent: await deps.orchestrator.resume(actor(p.chatId), p.intentId) };
    });

    if (deps.registerExtra) deps.registerExtra(socket);

    socket.on('disconnect', (reason) => {
      const chatId = deps.presence.disconnected(socket.data.userId, socket.data.connectionId);
      if (chatId) deps.onPresenceChange?.(chatId, deps.presence.isChatOnline(chatId));
      log.debug({ reason }, 'disconnected');
    });
  }
}
