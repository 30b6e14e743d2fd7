import type { Ack } from '@app/shared';
import type { AppSocket } from '../transport/protocol';

type Handler = (...args: any[]) => void;
export type AckHandler = (payload: any) => Ack<unknown> | Promise<Ack<unknown>> | 'timeout';

/**
 * Just enough of a Socket.IO client socket for the transport: events, connect/disconnect,
 * `timeout().emitWithAck()`. Tests play the server through `serve` and `fire`.
 */
export class FakeSocket {
  connected = false;
  active = true;
  emitted: Array<{ event: string; payload: any }> = [];
  options: any;
  private handlers = new Map<string, Handler[]>();
  private managerHandlers = new Map<string, Handler[]>();
  private servers = new Map<string, AckHandler>();

  io = { on: (event: string, fn: Handler) => { this.push(this.managerHandlers, event, fn); return this.io; } };

  on(event: string, fn: Handler) {
    this.push(this.handlers, event, fn);
    return this;
  }

  private push(map: Map<string, Handler[]>, event: string, fn: Handler) {
    map.set(event, [...(map.get(event) ?? []), fn]);
  }

  /** What the "server" acks for an event. */
  serve(event: string, handler: AckHandler) {
    this.servers.set(event, handler);
  }

  timeout(_ms: number) {
    return {
      emitWithAck: async (event: string, payload: any) => {
        this.emitted.push({ event, payload });
        const handler = this.servers.get(event);
        const answer = handler ? await handler(payload) : { ok: true, data: {} };
        if (answer === 'timeout') throw new Error('operation has timed out');
        return answer;
      },
    };
  }

  connect() { return this; }
  disconnect() { this.connected = false; return this; }

  /** Server side: complete the handshake. */
  open() {
    this.connected = true;
    this.fire('connect');
  }

  drop(reason = 'transport close') {
    this.connected = false;
    this.fire('disconnect', reason);
  }

  fire(event: string, ...args: any[]) {
    for (const fn of this.handlers.get(event) ?? []) fn(...args);
  }

  fireManager(event: string, ...args: any[]) {
    for (const fn of this.managerHandlers.get(event) ?? []) fn(...args);
  }

  sent(event: string) {
    return this.emitted.filter((e) => e.event === event).map((e) => e.payload);
  }

  asSocket(): AppSocket {
    return this as unknown as AppSocket;
  }
}

/** Lets queued promise callbacks (acks, fetches) run. */
export async function settle(times = 10): Promise<void> {
  for (let i = 0; i < times; i++) await Promise.resolve();
}

interface Route { method: string; path: RegExp; reply: (body: any, init: RequestInit) => { status?: number; json: unknown } }

/** A fetch that answers from a route table and records every call. */
export function fakeFetch(routes: Route[]) {
  const calls: Array<{ method: string; url: string; body: any; headers: Record<string, string> }> = [];
  const fn = (async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const url = String(input);
    const method = init.method ?? 'GET';
    const body = typeof init.body === 'string' ? JSON.parse(init.body) : undefined;
    calls.push({ method, url, body, headers: (init.headers ?? {}) as Record<string, string> });
    const route = routes.find((r) => r.method === method && r.path.test(url));
    if (!route) throw new TypeError('Failed to fetch');
    const { status = 200, json } = route.reply(body, init);
    return { ok: status < 400, status, json: async () => json } as Response;
  }) as typeof fetch;
  return { fetch: fn, calls };
}
