import { AppError } from '../errors/app-error';

/** Keys that could reach an object's prototype if some code ever merged inbound data naively. */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
const LONE_SURROGATE_SOURCE = '[\\uD800-\\uDBFF](?![\\uDC00-\\uDFFF])|(?<![\\uD800-\\uDBFF])[\\uDC00-\\uDFFF]';
const HAS_LONE_SURROGATE = new RegExp(LONE_SURROGATE_SOURCE);
const LONE_SURROGATES = new RegExp(LONE_SURROGATE_SOURCE, 'g');
const MAX_DEPTH = 32;
const MAX_NODES = 10_000;

/**
 * The check every inbound payload passes before its schema (sockets and REST alike):
 * - no prototype-pollution keys (`__proto__`, `constructor`, `prototype`) at any depth;
 * - no NUL characters (PostgreSQL text and jsonb cannot hold them);
 * - lone UTF-16 surrogates become U+FFFD (they have no UTF-8 form and jsonb refuses them);
 * - bounded nesting and size, so no payload costs more than a small walk.
 * Returns the (possibly repaired) value; throws `bad_request` otherwise. Binary values
 * (Buffers) are left for the schema to refuse.
 */
export function guardInput<T>(value: T): T {
  let nodes = 0;
  const walk = (v: unknown, depth: number, path: string): unknown => {
    if (++nodes > MAX_NODES) throw new AppError('bad_request', 'The payload has too many values.');
    if (typeof v === 'string') {
      if (v.includes('\u0000')) throw bad(path, 'NUL characters are not allowed.');
      return HAS_LONE_SURROGATE.test(v) ? v.replace(LONE_SURROGATES, '\uFFFD') : v;
    }
    if (v === null || typeof v !== 'object' || ArrayBuffer.isView(v) || v instanceof ArrayBuffer) return v;
    if (depth >= MAX_DEPTH) throw bad(path, 'The payload is nested too deeply.');
    if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) v[i] = walk(v[i], depth + 1, `${path}.${i}`);
      return v;
    }
    const obj = v as Record<string, unknown>;
    for (const key of Object.keys(obj)) {
      const where = path ? `${path}.${key}` : key;
      if (FORBIDDEN_KEYS.has(key)) throw bad(where, `The key "${key}" is not allowed.`);
      if (key.includes('\u0000')) throw bad(path || '_', 'NUL characters are not allowed in keys.');
      const next = walk(obj[key], depth + 1, where);
      if (next !== obj[key]) obj[key] = next;
    }
    return v;
  };
  return walk(value, 0, '') as T;
}

function bad(path: string, message: string): AppError {
  const field = path.replace(/^\./, '') || '_';
  return new AppError('bad_request', `Invalid payload: ${field === '_' ? '' : `${field}: `}${message}`, { fields: { [field]: message } });
}

/** Express middleware: {@link guardInput} on every parsed JSON body (after `express.json`). */
export function guardBody(req: { body?: unknown }, _res: unknown, next: (err?: unknown) => void): void {
  try {
    if (req.body !== undefined) req.body = guardInput(req.body);
    next();
  } catch (err) {
    next(err);
  }
}
