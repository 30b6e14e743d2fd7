import {
  ChatEventSchema, isFieldWidget, walkWidgets, WidgetSchema,
  type Alarm, type ChatEvent, type ComponentEvent, type FieldWidget, type ResponseEvent, type SessionEvent, type UserEvent, type Widget,
} from '@app/shared';
import { EventCollector, emitAck } from './event-collector';
import { connectClient, guestToken, type ClientSocket, type TestServer } from './test-server';

type AckEnvelope<T> = Awaited<ReturnType<typeof emitAck<T>>>;

/**
 * One person in one chat over a real socket. `send` and `act` resolve once the server has
 * finished the turn (the orchestrator drained) and this socket received every event up to
 * the chat's last stored seq, so a test reads exactly what the turn said.
 */
export interface ChatHandle {
  socket: ClientSocket;
  events: EventCollector;
  chatId: string;
  token: string;
  /** Sends a chat message; the turn's events (the user event included). */
  send(text: string, clientMessageId?: string): Promise<ChatEvent[]>;
  /** A `component:action`; the ack and the events it caused. */
  act(componentId: string, action: string, values?: Record<string, unknown>, clientActionId?: string): Promise<{ ack: AckEnvelope<{ seq: number | null; duplicate: boolean }>; events: ChatEvent[] }>;
  /** Waits until the server is idle and every stored event of the chat arrived here. */
  settle(): Promise<ChatEvent[]>;
  alarms(): Promise<Alarm[]>;
  close(): void;
}

let counter = 0;

/** A new guest (unless a token is given) with a new chat. */
export async function openChat(server: TestServer, token?: string): Promise<ChatHandle> {
  token ??= (await guestToken(server.url)).token;
  const socket = await connectClient(server.url, token, 'UTC');
  let chatId = '';
  const events = new EventCollector(socket, () => chatId || undefined);
  const join = await emitAck<{ chatId: string }>(socket, 'chat:join', {});
  if (!join.ok) throw new Error(`chat:join failed: ${JSON.stringify(join.error)}`);
  chatId = join.data!.chatId;

  const settle = async (): Promise<ChatEvent[]> => {
    await server.orchestrator.drain();
    const row = await server.db.db.selectFrom('user_chats').select('last_seq').where('id', '=', chatId).executeTakeFirstOrThrow();
    const last = Number(row.last_seq);
    return events.waitFor((ev) => ev.filter((e) => e.seq <= last).length === last, 5_000, `every event up to seq ${last}`);
  };
  const after = (seq: number) => events.ordered().filter((e) => e.seq >= seq);

  return {
    socket, events, chatId, token,
    async send(text, clientMessageId = `m-${++counter}`) {
      const ack = await emitAck<{ seq: number }>(socket, 'message:send', { chatId, clientMessageId, text });
      if (!ack.ok) throw new Error(`message:send failed: ${JSON.stringify(ack.error)}`);
      await settle();
      return after(ack.data!.seq);
    },
    async act(componentId, action, values = {}, clientActionId) {
      const before = Math.max(0, ...events.ordered().map((e) => e.seq));
      const ack = await emitAck<{ seq: number | null; duplicate: boolean }>(socket, 'component:action', {
        chatId, componentId, action, values, ...(clientActionId ? { clientActionId } : {}),
      });
      await settle();
      return { ack, events: after(before + 1) };
    },
    settle,
    async alarms() {
      const res = await fetch(`${server.url}/api/alarms`, { headers: { authorization: `Bearer ${token}` } });
      if (res.status !== 200) throw new Error(`GET /api/alarms: ${res.status}`);
      return ((await res.json()) as { alarms: Alarm[] }).alarms;
    },
    close: () => void socket.disconnect(),
  };
}

export const ofType = <T extends ChatEvent['type']>(events: ChatEvent[], type: T) =>
  events.filter((e): e is Extract<ChatEvent, { type: T }> => e.type === type);

export const replies = (events: ChatEvent[]): ResponseEvent[] => ofType(events, 'response').filter((e) => e.final);
export const replyText = (events: ChatEvent[]): string => replies(events).map((r) => r.text).join(' ');
export const components = (events: ChatEvent[]): ComponentEvent[] => ofType(events, 'component');
export const sessions = (events: ChatEvent[]): SessionEvent[] => ofType(events, 'session');
export const users = (events: ChatEvent[]): UserEvent[] => ofType(events, 'user');

/** The last component event of the turn, failing loudly when there is none. */
export function lastComponent(events: ChatEvent[]): ComponentEvent {
  const list = components(events);
  if (!list.length) throw new Error(`no component event among: ${events.map((e) => e.type).join(', ')}`);
  return list[list.length - 1];
}

/** Every input of a widget tree, by name. */
export function fieldsByName(spec: Widget): Record<string, FieldWidget> {
  const out: Record<string, FieldWidget> = {};
  walkWidgets(spec, (w) => {
    if (isFieldWidget(w)) out[w.name] = w;
  });
  return out;
}

/** Every widget of a tree that names an action (buttons, action checkboxes). */
export function actionsOf(spec: Widget): Array<{ type: string; action: string; payload?: Record<string, unknown>; label?: string }> {
  const out: Array<{ type: string; action: string; payload?: Record<string, unknown>; label?: string }> = [];
  walkWidgets(spec, (w) => {
    if ('action' in w && typeof w.action === 'string') out.push({ type: w.type, action: w.action, payload: 'payload' in w ? w.payload : undefined, label: 'label' in w ? w.label : undefined });
  });
  return out;
}

/** Throws unless every event parses with the shared schemas (components' specs included). */
export function expectValidEvents(events: ChatEvent[]): void {
  for (const e of events) {
    const parsed = ChatEventSchema.safeParse(e);
    if (!parsed.success) throw new Error(`event seq ${e.seq} (${e.type}) breaks the shared schema: ${parsed.error.message}`);
    if (e.type === 'component') {
      const spec = WidgetSchema.safeParse(e.spec);
      if (!spec.success) throw new Error(`component ${e.componentId} v${e.version} spec breaks WidgetSchema: ${spec.error.message}`);
    }
  }
}
