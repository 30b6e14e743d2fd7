import WebSocket from 'ws';
import { MessageSendSchema } from '@app/shared';
import { emitAck } from '../support/event-collector';
import { connectClient, guestToken, startTestServer, type ClientSocket, type TestServer } from '../support/test-server';
import { describeOnBackends } from '../support/backends';

/**
 * Hostile input: at least 10,000 random and malformed payloads over Socket.IO (through the
 * client library and as raw WebSocket frames) and over REST. Afterwards the server must be
 * alive and healthy, must have stored nothing from them, must never have answered with an
 * internal error, and Object.prototype must be untouched. Seeded (FUZZ_SEED) and bounded.
 */

const SOCKET_PAYLOADS = 7_000;
const RAW_FRAMES = 1_200;
const REST_REQUESTS = 2_400;
const OVERSIZE = 8;
const BUDGET_MS = 40_000;

/** mulberry32: small, fast, seedable. */
function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  const pick = <T>(xs: readonly T[]): T => xs[int(xs.length)];
  const chance = (p: number) => next() < p;
  return { next, int, pick, chance };
}
type Rng = ReturnType<typeof prng>;

const NASTY_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'valueOf', 'hasOwnProperty', '__defineGetter__', '$where', '$gt', 'chatId', 'text', 'values', 'then', ''];
const NASTY_STRINGS = [
  '', ' ', '\t\n', '\u0000', 'a\u0000b', '\uD800', '\uDFFF', 'x\uD83D', '\uFEFF', '\u202E', '😀'.repeat(50), 'null', 'undefined', 'NaN',
  "'; drop table chat_history; --", '<script>alert(1)</script>', '{{7*7}}', '${process.exit()}', '../../etc/passwd', '%00', '%E0%A4%A',
  'form:', 'alarms:', 'form:x:y', ':', 'true', '0', '-1', '1e309', '\\u0000', 'Ω≈ç√∫', '\u0085\u2028\u2029',
];

function randomString(r: Rng, maxLen = 200): string {
  switch (r.int(6)) {
    case 0: return r.pick(NASTY_STRINGS);
    case 1: return Array.from({ length: r.int(maxLen) }, () => String.fromCharCode(r.int(0x10000))).join('');
    case 2: return 'x'.repeat(r.pick([100, 101, 4000, 4001, 5000, 20_000]));
    case 3: return Array.from({ length: r.int(30) }, () => String.fromCharCode(32 + r.int(95))).join('');
    case 4: return r.pick(NASTY_STRINGS) + Array.from({ length: r.int(20) }, () => String.fromCharCode(r.int(0x80))).join('');
    default: return `${r.int(1e9)}-${r.pick(NASTY_STRINGS)}`;
  }
}

function randomValue(r: Rng, depth = 0): unknown {
  const k = r.int(depth > 3 ? 7 : 10);
  switch (k) {
    case 0: return null;
    case 1: return r.chance(0.5);
    case 2: return r.pick([0, -1, 1.5, -0, 2 ** 53 + 1, 1e308, -1e308, Number.MAX_SAFE_INTEGER, 4294967296, 0.1 + 0.2]);
    case 3: case 4: return randomString(r);
    case 5: return undefined;
    case 6: return Buffer.from(Array.from({ length: r.int(64) }, () => r.int(256)));
    case 7: return Array.from({ length: r.int(6) }, () => randomValue(r, depth + 1));
    default: return randomObject(r, depth + 1);
  }
}

/** An object with random (often nasty) keys; `__proto__` is set as an own key, as JSON.parse would. */
function randomObject(r: Rng, depth = 0): Record<string, unknown> {
  const o: Record<string, unknown> = {};
  for (let i = r.int(5); i > 0; i--) {
    const key = r.chance(0.5) ? r.pick(NASTY_KEYS) : randomString(r, 20);
    Object.defineProperty(o, key, { value: randomValue(r, depth + 1), enumerable: true, writable: true, configurable: true });
  }
  return o;
}

function deepNest(levels: number): unknown {
  let v: unknown = 'deep';
  for (let i = 0; i < levels; i++) v = { a: v };
  return v;
}

/**
 * A payload for the attacker's own chat that must be refused: one defect applied to a valid
 * template (a schema violation, a NUL, a prototype key, too deep, or a component that does not exist).
 */
function mutatedForOwnChat(r: Rng, event: string, chatId: string): unknown {
  const templates: Record<string, Record<string, unknown>> = {
    'chat:join': { chatId, afterSeq: 0 },
    'chat:new': { title: 'hi' },
    'message:send': { chatId, clientMessageId: `fz-${r.int(1e9)}`, text: 'wake me up at 7' },
    'component:action': { chatId, componentId: `form:${r.int(1e6)}`, action: 'submit', values: { time: '07:00' } },
    'intent:cancel': { chatId },
    'intent:resume': { chatId },
  };
  const p: Record<string, unknown> = { ...templates[event] };
  const keys = Object.keys(p);
  const wrongTypes = [null, 42, true, [], {}, [chatId], { $ne: null }, -1];
  switch (r.int(8)) {
    case 0: // a required field missing (chat:new and chat:join have none: add an unknown key instead)
      if (event === 'chat:new' || event === 'chat:join') Object.defineProperty(p, randomString(r, 10) || 'x', { value: 1, enumerable: true, writable: true, configurable: true });
      else delete p[event === 'intent:cancel' || event === 'intent:resume' ? 'chatId' : r.pick(keys)];
      break;
    case 1: // a field of the wrong type
      if (event === 'chat:join') p[r.pick(['chatId', 'afterSeq', 'limit'])] = r.pick([null, true, [], {}]);
      else p[event === 'chat:new' ? 'title' : r.pick(keys)] = r.pick(wrongTypes);
      break;
    case 2: // an unknown key, often a prototype-pollution one, as an own property
      Object.defineProperty(p, r.pick(NASTY_KEYS.filter((k) => !(k in templates[event]))) || 'zz', { value: randomObject(r), enumerable: true, writable: true, configurable: true });
      break;
    case 3: // strings past their limits, NUL, blank
      if (event === 'message:send') p.text = r.pick(['x'.repeat(4001), ' \n\t ', `ok\u0000${randomString(r)}`, '']);
      else if (event === 'chat:new') p.title = 't'.repeat(201 + r.int(1000));
      else if (event === 'component:action') p.action = r.pick(['', 'a'.repeat(51)]);
      else p.chatId = r.pick(['', 'c'.repeat(101)]);
      break;
    case 4: // numbers out of range
      if (event === 'chat:join') {
        if (r.chance(0.5)) p.afterSeq = r.pick([-1, 1.5, 1e12, 2 ** 31, '5', NaN]);
        else p.limit = r.pick([0, 5001, 1.5, -1, '5', 1e12]);
      }
      else if (event === 'message:send') p.clientMessageId = r.pick([1, '', 'k'.repeat(101)]);
      else p.chatId = r.pick([0, 1.5, -1]);
      break;
    case 5: // prototype keys nested inside
      if (event === 'component:action') p.values = JSON.parse('{"__proto__":{"polluted":1},"time":"07:00"}');
      else Object.defineProperty(p, '__proto__', { value: { polluted: true }, enumerable: true, writable: true, configurable: true });
      break;
    case 6: // nested too deeply / wrong container
      if (event === 'component:action') p.values = deepNest(40 + r.int(40));
      else if (event === 'chat:new') p.title = [randomString(r)];
      else p.chatId = { toString: 'x' };
      break;
    default: // lone surrogates plus one more defect, so it stays invalid
      if (event === 'message:send') {
        p.text = `\uD800${randomString(r)}`;
        p.extra = 1;
      } else {
        p.chatId = '\uDC00'.repeat(101);
      }
  }
  return p;
}

const EVENTS = ['chat:join', 'chat:new', 'message:send', 'component:action', 'intent:cancel', 'intent:resume'] as const;
const UNKNOWN_EVENTS = ['chat:delete', 'admin:all', 'message:sent', 'MESSAGE:SEND', 'constructor', '__proto__', 'toString', 'hasOwnProperty', 'error', 'thinking', 'response', 'x'.repeat(300), '💥', ''];

/** Percent-encodes every UTF-8 byte (lone surrogates included, as U+FFFD), so any string fits in a URL. */
const enc = (s: string) => [...Buffer.from(s, 'utf8')].map((b) => `%${b.toString(16).padStart(2, '0')}`).join('');

const MessageBody = MessageSendSchema.omit({ chatId: true });
function acceptedAsMessage(body: string): boolean {
  try {
    return MessageBody.safeParse(JSON.parse(body)).success;
  } catch {
    return false;
  }
}

async function historyCount(server: TestServer): Promise<number> {
  const row = await server.db.db.selectFrom('chat_history').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

describeOnBackends('fuzz: 10,000+ hostile payloads over sockets and REST', (backend) => {
  let server: TestServer;
  const seed = Number(process.env.FUZZ_SEED ?? Math.floor(Math.random() * 2 ** 31));
  const crashes: unknown[] = [];
  const onCrash = (err: unknown) => crashes.push(err);

  beforeAll(async () => {
    process.on('uncaughtException', onCrash);
    process.on('unhandledRejection', onCrash);
    // limits high enough that payloads reach the validators (limits have their own tests)
    server = await startTestServer(backend, { EVENTS_PER_SECOND: '1000000', MESSAGES_PER_MINUTE: '1000000' });
  });
  afterAll(async () => {
    process.off('uncaughtException', onCrash);
    process.off('unhandledRejection', onCrash);
    await server?.stop();
  });

  it('survives them all, stores nothing, never answers internal, and leaves Object.prototype alone', async () => {
    const r = prng(seed);
    const started = Date.now();
    const protoBefore = Object.getOwnPropertyNames(Object.prototype).sort();
    const attacker = await guestToken(server.url);
    const victim = await guestToken(server.url);

    // the victim has a chat with history and a waiting intent: the foreign target
    const vs = await connectClient(server.url, victim.token);
    const vjoin = await emitAck<{ chatId: string }>(vs, 'chat:join', {});
    const victimChat = vjoin.data!.chatId;
    expect((await emitAck(vs, 'message:send', { chatId: victimChat, clientMessageId: 'v-1', text: 'set an alarm' })).ok).toBe(true);
    await server.orchestrator.drain();
    const victimIntent = (await server.db.db.selectFrom('user_intents').select('id').where('user_chat_id', '=', victimChat).executeTakeFirstOrThrow()).id;
    vs.disconnect();

    let socket: ClientSocket = await connectClient(server.url, attacker.token);
    const ownChat = (await emitAck<{ chatId: string }>(socket, 'chat:join', {})).data!.chatId;
    const before = await historyCount(server);

    const counts = { socketAcked: 0, socketNoAck: 0, oversize: 0, raw: 0, rawReconnects: 0, rest: 0, foreignAttempts: 0, foreignSucceeded: 0, internal: 0, fiveHundreds: 0, ackTimeouts: 0, unexpectedOk: 0 };
    const codes = new Map<string, number>();
    const seen = (code: string) => codes.set(code, (codes.get(code) ?? 0) + 1);
    const examples: string[] = [];
    const example = (what: string) => {
      if (examples.length < 20) examples.push(what.slice(0, 400));
    };

    // ---- 1. Socket.IO events through the client library, in concurrent batches
    const ensureConnected = async () => {
      if (socket.connected) return;
      socket = await connectClient(server.url, attacker.token);
    };
    const foreignPayload = (event: string) => {
      switch (event) {
        case 'chat:join': return { chatId: victimChat, afterSeq: r.int(3) };
        case 'message:send': return { chatId: victimChat, clientMessageId: `fz-${r.int(1e9)}`, text: randomString(r, 50) || 'x' };
        case 'component:action': return { chatId: r.pick([victimChat, ownChat]), componentId: `form:${victimIntent}`, action: 'submit', values: { time: '05:00' } };
        case 'intent:cancel': return { chatId: victimChat };
        case 'intent:resume': return { chatId: r.pick([victimChat, ownChat]), intentId: victimIntent };
        default: return { chatId: victimChat };
      }
    };
    const BATCH = 250;
    for (let sent = 0; sent < SOCKET_PAYLOADS;) {
      await ensureConnected();
      const acks: Array<Promise<void>> = [];
      for (let i = 0; i < BATCH && sent < SOCKET_PAYLOADS; i++, sent++) {
        const mode = r.int(10);
        const known = r.chance(0.85);
        const event = known ? r.pick(EVENTS) : r.pick(UNKNOWN_EVENTS);
        let args: unknown[];
        let foreign = false;
        if (!known) args = [randomValue(r)];
        else if (mode < 6 && mode >= 4 && event !== 'chat:new') {
          args = [foreignPayload(event)];
          foreign = true;
        } else if (mode < 8 || event === 'chat:join' || event === 'chat:new') {
          // chat:join and chat:new are valid with an empty payload (they open a chat): only invalid ones for them
          args = [mutatedForOwnChat(r, event, ownChat)];
        } else args = [randomValue(r), randomValue(r), randomValue(r)].slice(0, 1 + r.int(3));
        const withAck = r.chance(0.8);
        if (!withAck) {
          (socket.emit as (ev: string, ...a: unknown[]) => void)(event, ...args);
          counts.socketNoAck++;
          continue;
        }
        counts.socketAcked++;
        if (foreign) counts.foreignAttempts++;
        acks.push((socket.timeout(10_000).emitWithAck as (ev: string, ...a: unknown[]) => Promise<any>)(event, ...args).then(
          (ack) => {
            if (ack?.ok) {
              if (foreign) {
                counts.foreignSucceeded++;
                example(`foreign ok: ${event} ${JSON.stringify(args)}`);
              } else {
                counts.unexpectedOk++;
                example(`accepted: ${event} ${JSON.stringify(args)}`);
              }
              seen(`ok:${event}`);
            } else {
              seen(ack?.error?.code ?? 'no-envelope');
              if (ack?.error?.code === 'internal') {
                counts.internal++;
                example(`internal: ${event} ${JSON.stringify(args)}`);
              }
            }
          },
          () => {
            counts.ackTimeouts++;
          },
        ));
      }
      await Promise.all(acks);
    }

    // ---- 2. Packets over maxHttpBufferSize: the connection is dropped, nothing else happens
    for (let i = 0; i < OVERSIZE; i++) {
      await ensureConnected();
      const gone = new Promise<void>((resolve) => socket.once('disconnect', () => resolve()));
      socket.emit('message:send', { chatId: ownChat, clientMessageId: `big-${i}`, text: 'B'.repeat(70_000 + r.int(50_000)) } as never, () => undefined);
      counts.oversize++;
      await gone;
    }

    // ---- 3. Raw WebSocket frames: broken Engine.IO/Socket.IO packets, reserved events, binary, invalid UTF-8
    const wsUrl = `${server.url.replace('http', 'ws')}/socket.io/?EIO=4&transport=websocket`;
    const openRaw = () => new Promise<WebSocket>((resolve, reject) => {
      const ws = new WebSocket(wsUrl);
      const timer = setTimeout(() => reject(new Error('raw socket did not open')), 5_000);
      ws.once('error', reject);
      ws.on('message', (data) => {
        const s = data.toString();
        if (s.startsWith('0')) ws.send(`40${JSON.stringify({ token: attacker.token })}`);
        else if (s.startsWith('40')) {
          clearTimeout(timer);
          resolve(ws);
        } else if (s === '2') ws.send('3');
      });
    });
    const rawFrame = (): string | Buffer => {
      switch (r.int(12)) {
        case 0: return Buffer.from([0xc3, 0x28, 0xa0, 0xa1, 0xe2, 0x28, 0xa1, 0xf0, 0x28, 0x8c, 0xbc].slice(0, 1 + r.int(11)));
        case 1: return Buffer.from(Array.from({ length: 1 + r.int(200) }, () => r.int(256)));
        case 2: return `42${JSON.stringify([r.pick(['disconnect', 'connect', 'connect_error', 'disconnecting', 'newListener', 'removeListener']), randomValue(r)])}`;
        case 3: return `42${r.int(1e6)}${JSON.stringify([r.pick(EVENTS), randomValue(r)])}`;
        case 4: return `42["message:send",{"chatId":"${ownChat}","clientMessageId":"raw","text":"hi","__proto__":{"polluted":1}}]`;
        case 5: return `42${randomString(r, 100)}`;
        case 6: return `4${r.pick(['', '5', '6', '9', '-', '0/x,', '1', '3'])}${randomString(r, 50)}`;
        case 7: return `45${r.int(5)}-["message:send",{"_placeholder":true,"num":${r.int(10)}}]`;
        case 8: return `${r.pick(['1', '5', '6', '7', '9', 'x', ''])}${randomString(r, 40)}`;
        case 9: return `42/nope,${JSON.stringify(['chat:join', {}])}`;
        case 10: return `42${JSON.stringify([r.pick(EVENTS), deepNest(200 + r.int(2000))])}`;
        default: return `42${JSON.stringify([r.pick(EVENTS), mutatedForOwnChat(r, r.pick(EVENTS), ownChat)])}`;
      }
    };
    let ws = await openRaw();
    for (let i = 0; i < RAW_FRAMES; i++) {
      if (ws.readyState !== WebSocket.OPEN) {
        ws = await openRaw();
        counts.rawReconnects++;
      }
      const frame = rawFrame();
      const binary = Buffer.isBuffer(frame) && r.chance(0.5);
      await new Promise<void>((resolve) => ws.send(frame, { binary }, () => resolve()));
      counts.raw++;
      if (i % 20 === 0) await new Promise((res) => setImmediate(res));
    }
    ws.terminate();

    // ---- 4. REST: random methods, paths, headers and bodies
    const PATHS = [
      () => `/api/chats/${ownChat}/messages`, () => `/api/chats/${victimChat}/messages`, () => `/api/chats/${victimChat}/history`,
      () => `/api/chats/${victimChat}/intents`, () => `/api/chats/${ownChat}/history?afterSeq=${enc(randomString(r, 10))}&limit=${r.pick(['-1', '1e9', 'x', '0', '5001'])}`,
      () => `/api/chats?all=${r.pick(['true', '1', 'yes', '[]'])}`, () => `/api/alarms/${enc(randomString(r, 40))}`, () => '/api/alarms',
      () => '/api/chats', () => `/api/${enc(randomString(r, 30))}`, () => '/api/chats/%E0%A4%A/history', () => `/api/chats/${'a'.repeat(3000)}/history`,
      () => '/api/chats/..%2F..%2Fetc%2Fpasswd/history', () => '/api/auth/guest?x=%00', () => `/api/chats/${ownChat}/intents`, () => '/api/metrics?x[__proto__][p]=1',
    ];
    const bodies = [
      () => JSON.stringify(randomValue(r)),
      () => JSON.stringify(mutatedForOwnChat(r, 'message:send', ownChat)).replace(`"chatId":"${ownChat}",`, ''),
      () => '{"clientMessageId":"x","text":"hi","__proto__":{"polluted":true}}',
      () => `{"time":"07:00","label":{"constructor":{"prototype":{"polluted":true}}}}`,
      () => randomString(r, 300),
      () => Buffer.from([0x7b, 0x22, 0x74, 0x65, 0x78, 0x74, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0xc3, 0x28, 0x22, 0x7d]),
      () => `{"clientMessageId":"x","text":"${'y'.repeat(70_000)}"}`,
      () => JSON.stringify(deepNest(500 + r.int(3000))),
      () => '[' .repeat(5000),
      () => '{"clientMessageId": "a", "text": "\\ud800"',
    ];
    const CONTENT_TYPES = ['application/json', 'application/json; charset=utf-8', 'application/json; charset=latin1', 'application/json; charset=utf-16', 'text/plain', 'application/x-www-form-urlencoded', 'application/vnd.api+json', ''];
    const METHODS = ['GET', 'POST', 'POST', 'POST', 'PATCH', 'PUT', 'DELETE', 'OPTIONS', 'HEAD'];
    const tokens = [attacker.token, attacker.token, attacker.token, '', 'Bearer', `${attacker.token}x`, 'null'];
    for (let sent = 0; sent < REST_REQUESTS;) {
      const batch: Array<Promise<void>> = [];
      for (let i = 0; i < 40 && sent < REST_REQUESTS; i++, sent++) {
        const method = r.pick(METHODS);
        let path = r.pick(PATHS)();
        const body = method === 'GET' || method === 'HEAD' || method === 'OPTIONS' ? undefined : r.pick(bodies)();
        const ct = r.pick(CONTENT_TYPES);
        const token = r.pick(tokens);
        // a POST to the attacker's own chat must stay invalid: one the schema would accept goes to the victim's chat instead
        if (path.endsWith(`${ownChat}/messages`) && typeof body === 'string' && acceptedAsMessage(body)) path = `/api/chats/${victimChat}/messages`;
        counts.rest++;
        if (path.includes(victimChat)) counts.foreignAttempts++;
        batch.push(fetch(`${server.url}${path}`, {
          method,
          headers: { ...(ct ? { 'content-type': ct } : {}), ...(token ? { authorization: `Bearer ${token}` } : {}) },
          body,
        }).then(async (res) => {
          await res.arrayBuffer();
          if (res.status >= 500) {
            counts.fiveHundreds++;
            example(`REST ${res.status}: ${method} ${path} ct=${ct} body=${String(body).slice(0, 200)}`);
          }
          // (OPTIONS answers "Allow: ..." for any path, existing or not: not an access)
          if (path.includes(victimChat) && res.status < 400 && method !== 'OPTIONS') {
            counts.foreignSucceeded++;
            example(`REST foreign ${res.status}: ${method} ${path}`);
          }
        }, () => {
          // the server may close a connection on a body it refuses; that is not a crash
        }));
      }
      await Promise.all(batch);
    }

    // ---- the verdict
    await server.orchestrator.drain();
    await new Promise((res) => setTimeout(res, 300));
    await server.orchestrator.drain();
    const elapsed = Date.now() - started;
    const total = counts.socketAcked + counts.socketNoAck + counts.oversize + counts.raw + counts.rest;
    // eslint-disable-next-line no-console
    console.log(`[fuzz/${backend}] seed=${seed} payloads=${total} (socket acked ${counts.socketAcked}, socket no-ack ${counts.socketNoAck}, oversize ${counts.oversize}, raw ws frames ${counts.raw} with ${counts.rawReconnects} reconnects, REST ${counts.rest}); cross-user attempts ${counts.foreignAttempts}, succeeded ${counts.foreignSucceeded}; accepted ${counts.unexpectedOk}; internal acks ${counts.internal}, 5xx ${counts.fiveHundreds}, ack timeouts ${counts.ackTimeouts}, crashes ${crashes.length}; ${elapsed} ms; codes ${JSON.stringify(Object.fromEntries(codes))}${examples.length ? `\nexamples:\n${examples.join('\n')}` : ''}`);

    expect(total).toBeGreaterThanOrEqual(10_000);
    expect(crashes).toEqual([]);
    expect(counts.internal).toBe(0);
    expect(counts.fiveHundreds).toBe(0);
    expect(counts.ackTimeouts).toBe(0);
    expect(counts.foreignSucceeded).toBe(0);
    expect(counts.unexpectedOk).toBe(0);
    expect(await historyCount(server)).toBe(before);
    expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(protoBefore);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.keys(Object.prototype)).toEqual([]);
    const health = await fetch(`${server.url}/api/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ status: 'ok', database: { ok: true } });
    expect(elapsed).toBeLessThan(BUDGET_MS);

    // and it still works for a well-behaved person
    const fresh = await connectClient(server.url, attacker.token);
    const ok = await emitAck<{ seq: number }>(fresh, 'message:send', { chatId: ownChat, clientMessageId: 'after-fuzz', text: 'wake me up at 7:15 tomorrow' });
    expect(ok.ok).toBe(true);
    await server.orchestrator.drain();
    expect(await historyCount(server)).toBeGreaterThan(before);
    fresh.disconnect();
    socket.disconnect();
  }, 90_000);
});
