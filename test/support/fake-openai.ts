import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A tiny OpenAI-compatible server for tests: `POST /v1/chat/completions`, plain JSON or
 * `stream: true` SSE. Each request takes the next scripted response, so a test states the
 * exact sequence of model behaviours (fail, hang, answer...) and nothing touches the
 * network beyond 127.0.0.1.
 */

/** What the fake does with one request. */
export type FakeResponse =
  /** A tool call. `args` objects are JSON-encoded; a string is sent verbatim. */
  | { kind: 'tool'; name: string; args: unknown }
  /** An HTTP error with an OpenAI-style error body. */
  | { kind: 'status'; status: number; message?: string }
  /** Never answers (until `close()`), so the client times out. */
  | { kind: 'hang' }
  /** A create_alarm call whose arguments are not JSON (`json`, default) or fail the schema (`schema`). */
  | { kind: 'malformed'; mode?: 'json' | 'schema' }
  /** Plain assistant text; streamed as `chunks` (default: word by word) when `stream: true`. */
  | { kind: 'text'; text: string; chunks?: string[]; chunkDelayMs?: number };

/** A request the fake received. `body` is the parsed JSON (undefined when it was not JSON). */
export interface RecordedRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: any;
}

/** A running fake. */
export interface FakeOpenAI {
  /** Base URL including `/v1`, to pass as the SDK's `baseURL`. */
  url: string;
  /** Every request received, in order. */
  requests: RecordedRequest[];
  /** Appends responses to the queue. */
  script(...responses: FakeResponse[]): void;
  /** How many scripted responses are still unused. */
  remaining(): number;
  /** Ends hanging requests and stops the server. */
  close(): Promise<void>;
}

let idCounter = 0;
const nextId = (prefix: string) => `${prefix}_fake${++idCounter}`;
const created = () => Math.floor(Date.now() / 1000);

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

function toolCall(name: string, args: unknown) {
  return { id: nextId('call'), type: 'function' as const, function: { name, arguments: typeof args === 'string' ? args : JSON.stringify(args) } };
}

/** `malformed` is sugar for a tool call; both modes target create_alarm. */
function resolveMalformed(mode: 'json' | 'schema' = 'json'): { name: string; args: unknown } {
  return mode === 'json' ? { name: 'create_alarm', args: '{"time": "07:' } : { name: 'create_alarm', args: { time: '25:99' } };
}

function completion(model: string, message: Record<string, unknown>, finishReason: string) {
  return {
    id: nextId('chatcmpl'),
    object: 'chat.completion',
    created: created(),
    model,
    choices: [{ index: 0, message: { role: 'assistant', refusal: null, ...message }, logprobs: null, finish_reason: finishReason }],
    usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 },
  };
}

async function streamSse(res: ServerResponse, model: string, deltas: Record<string, unknown>[], finishReason: string, delayMs = 0) {
  const id = nextId('chatcmpl');
  const chunk = (delta: Record<string, unknown>, finish: string | null) =>
    `data: ${JSON.stringify({ id, object: 'chat.completion.chunk', created: created(), model, choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }] })}\n\n`;
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' });
  // Like OpenAI: a role-only first chunk (no content), then the content, then the finish.
  res.write(chunk({ role: 'assistant', content: '' }, null));
  for (const delta of deltas) {
    if (delayMs > 0) await new Promise((r) => setTimeout(r, delayMs));
    if (res.destroyed) return;
    res.write(chunk(delta, null));
  }
  res.write(chunk({}, finishReason));
  res.end('data: [DONE]\n\n');
}

/** Starts a fake on 127.0.0.1 with an OS-assigned port. */
export async function start(): Promise<FakeOpenAI> {
  const queue: FakeResponse[] = [];
  const requests: RecordedRequest[] = [];
  const hanging = new Set<ServerResponse>();

  const server = createServer((req, res) => {
    const parts: Buffer[] = [];
    req.on('data', (c: Buffer) => parts.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(parts).toString('utf8');
      let body: unknown;
      try {
        body = raw ? JSON.parse(raw) : undefined;
      } catch {
        body = undefined;
      }
      const path = (req.url ?? '').split('?')[0];
      requests.push({ method: req.method ?? '', path, headers: req.headers, body });
      handle(req.method ?? '', path, body as Record<string, unknown> | undefined, res).catch((err) => {
        if (!res.headersSent) sendJson(res, 500, { error: { message: `fake-openai crashed: ${String(err)}`, type: 'server_error' } });
      });
    });
  });

  async function handle(method: string, path: string, body: Record<string, unknown> | undefined, res: ServerResponse) {
    if (method !== 'POST' || path !== '/v1/chat/completions') {
      return sendJson(res, 404, { error: { message: `fake-openai: no route ${method} ${path}`, type: 'invalid_request_error' } });
    }
    const next = queue.shift();
    if (!next) {
      // Loud on purpose: an unscripted request means the test's expectations are wrong.
      return sendJson(res, 500, { error: { message: 'fake-openai: no scripted response left', type: 'server_error' } });
    }
    const model = typeof body?.model === 'string' ? body.model : 'fake-model';
    const stream = body?.stream === true;

    switch (next.kind) {
      case 'status':
        return sendJson(res, next.status, { error: { message: next.message ?? `fake-openai: scripted ${next.status}`, type: 'server_error', code: null } });
      case 'hang':
        hanging.add(res);
        res.on('close', () => hanging.delete(res));
        return;
      case 'text': {
        if (!stream) return sendJson(res, 200, completion(model, { content: next.text }, 'stop'));
        const pieces = next.chunks ?? next.text.match(/\S+\s*|\s+/g) ?? [];
        return streamSse(res, model, pieces.map((content) => ({ content })), 'stop', next.chunkDelayMs);
      }
      case 'tool':
      case 'malformed': {
        const { name, args } = next.kind === 'tool' ? next : resolveMalformed(next.mode);
        const call = toolCall(name, args);
        if (!stream) return sendJson(res, 200, completion(model, { content: null, tool_calls: [call] }, 'tool_calls'));
        return streamSse(res, model, [{ tool_calls: [{ index: 0, ...call }] }], 'tool_calls');
      }
    }
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}/v1`,
    requests,
    script: (...responses) => void queue.push(...responses),
    remaining: () => queue.length,
    close: () =>
      new Promise<void>((resolve, reject) => {
        for (const res of hanging) res.destroy();
        hanging.clear();
        // Keep-alive sockets would otherwise keep close() (and jest) waiting.
        server.closeAllConnections();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
  };
}

/** Alias of {@link start} for readable imports. */
export const startFakeOpenAI = start;
