import type { IncomingMessage } from 'node:http';

/** `CORS_ORIGIN` as a list: comma-separated origins such as `https://app.example.com`; `*` allows any. */
export function parseOrigins(value: string | undefined): string[] | undefined {
  const list = value?.split(',').map((s) => s.trim().replace(/\/+$/, '')).filter(Boolean);
  return list?.length ? list : undefined;
}

/**
 * Whether a request's `Origin` may use the API: no Origin (not a browser, or same-origin
 * navigation), the server's own origin, or one of the configured origins.
 */
export function originAllowed(origin: string | undefined, host: string | undefined, allowed: string[]): boolean {
  if (!origin) return true;
  if (allowed.includes('*') || allowed.includes(origin)) return true;
  try {
    return !!host && new URL(origin).host === host;
  } catch {
    return false;
  }
}

/**
 * Socket.IO's `allowRequest`: CORS headers do not bind WebSockets, so when CORS_ORIGIN is
 * set the handshake's Origin is checked here too (for both transports).
 */
export function socketOriginCheck(allowed: string[]) {
  return (req: IncomingMessage, callback: (err: string | null | undefined, success: boolean) => void): void => {
    callback(null, originAllowed(req.headers.origin, req.headers.host, allowed));
  };
}
