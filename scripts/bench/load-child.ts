/**
 * Benchmark child: the load generator. Drives the real server or the echo server with
 * socket.io-client in its own process (so the load does not share the server's event loop).
 * Every job is bounded by a count and a time limit.
 */
import { randomUUID } from 'node:crypto';
import { io, type Socket } from 'socket.io-client';
import { serve } from './ipc';

const TURN_TEXT = 'wake me up at 6:30 tomorrow';
const TURN_TIMEOUT_MS = 10_000;
const now = () => performance.now();
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function connect(url: string, token = 'none'): Promise<Socket> {
  const socket = io(url, { auth: { token, timeZone: 'UTC' }, transports: ['websocket'], reconnection: false, forceNew: true, timeout: 20_000 });
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', (err) => {
      socket.close();
      reject(err);
    });
  });
}

async function guest(url: string): Promise<{ token: string; userId: string }> {
  const res = await fetch(`${url}/api/auth/guest`, { method: 'POST' });
  if (res.status !== 201) throw new Error(`guest sign-in: HTTP ${res.status}`);
  return (await res.json()) as { token: string; userId: string };
}

interface AckEnvelope<T> { ok: boolean; data?: T; error?: { code: string; message: string } }

async function ack<T>(socket: Socket, event: string, payload: unknown, timeoutMs = 10_000): Promise<T> {
  const res = (await socket.timeout(timeoutMs).emitWithAck(event, payload)) as AckEnvelope<T>;
  if (!res.ok) throw new Error(`${event}: ${res.error?.code} ${res.error?.message}`);
  return res.data as T;
}

interface TurnTiming { ack: number; firstThinking: number; finalResponse: number; completed: number; events: number }

/** One person in one chat, sending create_alarm turns one after another. */
class TurnClient {
  events = 0;
  private current: { t0: number; ack: number; first: number; final: number; events: number; done: (t: TurnTiming) => void } | undefined;
  private seen: string[] = [];
  private n = 0;

  private constructor(readonly socket: Socket, readonly chatId: string) {
    socket.onAny((event: string, payload: { final?: boolean; state?: string; label?: string; status?: string }) => {
      this.events++;
      const cur = this.current;
      if (!cur) return;
      const t = now() - cur.t0;
      cur.events++;
      this.seen.push(`${event}:${payload?.label ?? payload?.state ?? ''}${payload?.status ? `/${payload.status}` : ''}`);
      if (event === 'thinking' && Number.isNaN(cur.first)) cur.first = t;
      else if (event === 'response' && payload?.final) cur.final = t;
      else if (event === 'session' && payload?.state === 'completed') {
        this.current = undefined;
        cur.done({ ack: cur.ack, firstThinking: cur.first, finalResponse: cur.final, completed: t, events: cur.events });
      }
    });
  }

  static async open(url: string, auth?: { token: string; chatId: string }): Promise<TurnClient> {
    const who = auth ?? { token: (await guest(url)).token, chatId: '' };
    const socket = await connect(url, who.token);
    const join = await ack<{ chatId: string }>(socket, 'chat:join', who.chatId ? { chatId: who.chatId, limit: 1 } : {});
    return new TurnClient(socket, join.chatId);
  }

  turn(text = TURN_TEXT): Promise<TurnTiming> {
    this.seen = [];
    return new Promise<TurnTiming>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.current = undefined;
        reject(new Error(`turn not completed within ${TURN_TIMEOUT_MS} ms; events: ${this.seen.join(', ')}`));
      }, TURN_TIMEOUT_MS);
      this.current = { t0: now(), ack: NaN, first: NaN, final: NaN, events: 0, done: (t) => { clearTimeout(timer); resolve(t); } };
      this.socket.emit('message:send', { chatId: this.chatId, clientMessageId: `b-${process.pid}-${++this.n}-${randomUUID()}`, text },
        (res: AckEnvelope<unknown>) => {
          if (this.current && Number.isNaN(this.current.ack)) this.current.ack = now() - this.current.t0;
          if (!res.ok) {
            clearTimeout(timer);
            this.current = undefined;
            reject(new Error(`message:send: ${res.error?.code} ${res.error?.message}`));
          }
        });
    });
  }

  close(): void {
    this.socket.close();
  }
}

const idle: Socket[] = [];

serve({
  /** Sequential acknowledged echoes: the round trip of a bare Socket.IO server. */
  async rtt({ url, n, warmup }: { url: string; n: number; warmup: number }) {
    const s = await connect(url);
    const payload = { chatId: randomUUID(), clientMessageId: randomUUID(), text: TURN_TEXT };
    const lat: number[] = [];
    for (let i = 0; i < warmup + n; i++) {
      const t0 = now();
      await s.timeout(5_000).emitWithAck('echo', payload);
      if (i >= warmup) lat.push(now() - t0);
    }
    s.close();
    return { lat };
  },

  /** `clients` sockets echoing in a closed loop: messages (acks) delivered per second. */
  async echoThroughput({ url, clients, warmupMs, durationMs }: { url: string; clients: number; warmupMs: number; durationMs: number }) {
    const sockets = await Promise.all(Array.from({ length: clients }, () => connect(url)));
    const payload = { chatId: randomUUID(), clientMessageId: randomUUID(), text: TURN_TEXT };
    let counting = false;
    let stop = false;
    let count = 0;
    const loops = sockets.map(async (s) => {
      while (!stop) {
        await s.timeout(5_000).emitWithAck('echo', payload);
        if (counting) count++;
      }
    });
    await sleep(warmupMs);
    counting = true;
    const t0 = now();
    await sleep(durationMs);
    counting = false;
    const seconds = (now() - t0) / 1000;
    stop = true;
    await Promise.all(loops);
    sockets.forEach((s) => s.close());
    return { messagesPerSecond: count / seconds, messages: count, seconds };
  },

  /** Sequential create_alarm turns (a new guest and chat every `turnsPerChat`, or one given chat). */
  async turns({ url, n, warmup, turnsPerChat, maxMs, chat }: { url: string; n: number; warmup: number; turnsPerChat: number; maxMs: number; chat?: { token: string; chatId: string } }) {
    const ackLat: number[] = [];
    const firstThinking: number[] = [];
    const finalResponse: number[] = [];
    const completed: number[] = [];
    let events = 0;
    let client: TurnClient | undefined;
    const started = now();
    for (let i = 0; i < warmup + n; i++) {
      if (!client || (!chat && i % turnsPerChat === 0)) {
        client?.close();
        client = await TurnClient.open(url, chat);
      }
      const t = await client.turn();
      if (i < warmup) continue;
      ackLat.push(t.ack);
      firstThinking.push(t.firstThinking);
      finalResponse.push(t.finalResponse);
      completed.push(t.completed);
      events += t.events;
      if (now() - started > maxMs && completed.length >= Math.min(n, 20)) break;
    }
    client?.close();
    return { ack: ackLat.filter((v) => !Number.isNaN(v)), firstThinking, finalResponse, completed, eventsPerTurn: events / completed.length };
  },

  /** `clients` people, each in its own chat, sending turns in a closed loop. */
  async turnThroughput({ url, clients, warmupMs, durationMs }: { url: string; clients: number; warmupMs: number; durationMs: number }) {
    const people = await Promise.all(Array.from({ length: clients }, () => TurnClient.open(url)));
    let counting = false;
    let stop = false;
    let turns = 0;
    let allTurns = 0;
    const latency: number[] = [];
    const loops = people.map(async (p) => {
      while (!stop) {
        const t = await p.turn();
        allTurns++;
        if (counting) {
          turns++;
          latency.push(t.finalResponse);
        }
      }
    });
    await sleep(warmupMs);
    const before = people.reduce((a, p) => a + p.events, 0);
    counting = true;
    const t0 = now();
    await sleep(durationMs);
    const after = people.reduce((a, p) => a + p.events, 0);
    counting = false;
    const seconds = (now() - t0) / 1000;
    stop = true;
    await Promise.all(loops);
    await sleep(100);
    const delivered = people.reduce((a, p) => a + p.events, 0);
    people.forEach((p) => p.close());
    return {
      eventsPerSecond: (after - before) / seconds, turnsPerSecond: turns / seconds, seconds, latency,
      deliveredTotal: delivered, chatIds: people.map((p) => p.chatId), allTurns,
    };
  },

  /** A fresh guest with a new (empty) chat. */
  async setupChat({ url }: { url: string }) {
    const g = await guest(url);
    const s = await connect(url, g.token);
    const join = await ack<{ chatId: string }>(s, 'chat:join', {});
    s.close();
    return { token: g.token, userId: g.userId, chatId: join.chatId };
  },

  /** `chat:join` of an existing chat from `afterSeq`, `n` times on one connection. */
  async replay({ url, token, chatId, n, afterSeq, limit }: { url: string; token: string; chatId: string; n: number; afterSeq: number; limit: number }) {
    const s = await connect(url, token);
    const lat: number[] = [];
    let returned = 0;
    for (let i = 0; i < n + 2; i++) {
      const t0 = now();
      const r = await ack<{ events: unknown[] }>(s, 'chat:join', { chatId, afterSeq, limit });
      if (i >= 2) lat.push(now() - t0);
      returned = r.events.length;
    }
    s.close();
    return { lat, returned };
  },

  /** Opens `count` more idle connections (kept until `idleClose`). */
  async idleOpen({ url, token, count, concurrency }: { url: string; token: string; count: number; concurrency: number }) {
    const t0 = now();
    let next = 0;
    await Promise.all(Array.from({ length: concurrency }, async () => {
      while (next < count) {
        next++;
        idle.push(await connect(url, token));
      }
    }));
    return { open: idle.length, ms: now() - t0 };
  },

  async idleClose() {
    idle.splice(0).forEach((s) => s.close());
    await sleep(300);
    return { open: 0 };
  },

  stop() {
    idle.splice(0).forEach((s) => s.close());
    setTimeout(() => process.exit(0), 50);
    return { stopped: true };
  },
});
