/**
 * Client-chosen ids (clientMessageId, clientActionId). They are the server's idempotency
 * keys, so they must be unique per send and stable across retries and reloads.
 */
export function newClientId(prefix: string): string {
  const c = globalThis.crypto;
  const random = typeof c?.randomUUID === 'function'
    ? c.randomUUID()
    : `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}-${Math.random().toString(36).slice(2)}`;
  return `${prefix}-${random}`;
}
