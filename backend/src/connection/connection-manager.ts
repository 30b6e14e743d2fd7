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
import { ackOf, route, runRoute, type RouteContext, type SocketRoute, type SocketRoutes } from './socket-handler';
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
  /** More client events (the operator console's). */
  extraRoutes?: SocketRoutes;
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
  private readonly routes: SocketRoutes;
  private readonly routeContext: RouteContext;

  constructor(private readonly deps: ConnectionDeps) {
    this.routes = new Map([...this.chatRoutes(), ...(deps.extraRoutes ?? [])]);
    this.routeContext = { logger: deps.logger, onError: deps.onError, timeoutMs: deps.ackTimeoutMs };
  }

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
    deps.presence.connected(socket.data.userId, socket.data.connectionId);
    if (deps.logger.isLevelEnabled('debug')) deps.logger.debug({ connectionId: socket.data.connectionId, userId: socket.data.userId }, 'connected');
    // One listener per socket for every event (the routes are shared), not one closure per event.
    socket.onAny((event: string, ...args: unknown[]) => this.dispatch(socket, event, args));
    socket.on('disconnect', (reason) => {
      const chatId = deps.presence.disconnected(socket.data.userId, socket.data.connectionId);
      if (chatId) deps.onPresenceChange?.(chatId, deps.presence.isChatOnline(chatId));
      if (deps.logger.isLevelEnabled('debug')) deps.logger.debug({ connectionId: socket.data.connectionId, reason }, 'disconnected');
    });
  }

  /**
   * Every inbound packet counts against the connection's budget, unknown and malformed ones
   * included; one over the limit is answered `rate_limited` (when it has an ack) and dropped.
   * An unknown event is answered `bad_request`.
   */
  private dispatch(socket: AppSocket, event: string, args: unknown[]): void {
    const { deps } = this;
    const fail = (err: AppError) => {
      deps.onError?.(err, String(event));
      ackOf(args)?.({ ok: false, error: err.toBody() });
    };
    const admitted = deps.limit ? deps.limit(socket, 'event') : Promise.resolve();
    admitted.then(() => {
      const r = this.routes.get(event);
      if (!r) return fail(new AppError('bad_request', 'Unknown event.'));
      return runRoute(this.routeContext, event, r, socket, args);
    }, (err) => fail(toAppError(err))).catch((err) => deps.logger.error({ err, event }, 'socket dispatch failed'));
  }

  /** The product's client events; `deps.extraRoutes` (the operator console's) are added to them. */
  private chatRoutes(): SocketRoutes {
    const { deps } = this;
    const who = (socket: AppSocket): Principal => ({ userId: socket.data.userId, role: socket.data.role });
    const actor = (socket: AppSocket, chatId: string): Actor => ({ chatId, userId: socket.data.userId, connectionId: socket.data.connectionId, timeZone: socket.data.timeZone });
    const logFailure = (socket: AppSocket, what: string) => (err: unknown) => deps.logger.error({ err, connectionId: socket.data.connectionId, userId: socket.data.userId }, what);

    return new Map<keyof ClientToServerEvents, SocketRoute<any, any>>([
      ['chat:join', route(ChatJoinSchema, async (socket, p): Promise<ChatJoinResult> => {
        const chat = p.chatId ? await deps.chats.getOwned(who(socket), p.chatId) : await deps.chats.create(who(socket));
        for (const room of socket.rooms) if (room.startsWith('chat:') && room !== roomOf(chat.id)) await socket.leave(room);
        // Join before reading, so nothing published in between is missed (the client dedupes by seq).
        await socket.join(roomOf(chat.id));
        deps.presence.joined(socket.data.connectionId, chat.id);
        const page = await deps.history.page(chat.id, p.afterSeq ?? 0, p.limit ?? 500);
        deps.presence.markDelivered(chat.id, page.events.at(-1)?.seq ?? p.afterSeq ?? 0);
        deps.onPresenceChange?.(chat.id, true);
        return { chatId: chat.id, events: page.events, lastSeq: page.lastSeq, hasMore: page.hasMore, intent: await deps.intents.current(chat.id) };
      })],

      ['chat:new', route(ChatNewSchema, async (socket, p) => toChatSummary(await deps.chats.create(who(socket), p.title ?? null)))],

      ['message:send', route(MessageSendSchema, async (socket, p) => {
        if (p.text.length > deps.maxMessageLength) {
          throw new AppError('payload_too_large', `Messages are limited to ${deps.maxMessageLength} characters.`);
        }
        await deps.limit?.(socket, 'message');
        // acceptMessage checks that the chat is this person's (in the statement that reads its
        // intent) and only then lets the socket into the chat's room.
        const join = () => (socket.rooms.has(roomOf(p.chatId)) ? undefined : socket.join(roomOf(p.chatId)));
        const { seq, duplicate, turn } = await deps.orchestrator.acceptMessage(actor(socket, p.chatId), p.clientMessageId, p.text, { onOwned: join });
        turn.catch(logFailure(socket, 'turn failed'));
        return { seq, duplicate };
      })],

      ['component:action', route(ComponentActionSchema, async (socket, p) => {
        await deps.limit?.(socket, 'message');
        await deps.chats.getOwned(who(socket), p.chatId);
        const { seq, duplicate, turn } = await deps.orchestrator.action(actor(socket, p.chatId), p);
        turn.catch(logFailure(socket, 'action failed'));
        return { seq, duplicate };
      })],

      ['intent:cancel', route(IntentRefSchema, async (socket, p) => {
        await deps.chats.getOwned(who(socket), p.chatId);
        return { intent: await deps.orchestrator.cancel(actor(socket, p.chatId)) };
      })],

      ['intent:resume', route(IntentRefSchema, async (socket, p) => {
        await deps.chats.getOwned(who(socket), p.chatId);
        // An intent of another chat (another person's included) does not exist for this one.
        if (p.intentId && (await deps.intents.get(p.intentId))?.user_chat_id !== p.chatId) throw AppError.notFound('Intent');
        return { intent: await deps.orchestrator.resume(actor(socket, p.chatId), p.intentId) };
      })],
    ]) as SocketRoutes;
  }
}
