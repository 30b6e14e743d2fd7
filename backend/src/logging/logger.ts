import pino, { type Logger } from 'pino';

export type { Logger };

/** The one root logger; modules take children with their IDs bound (`logger.child({ chatId })`). */
export function createLogger(level: string): Logger {
  return pino({
    level,
    base: { service: 'intent-orchestrator' },
    redact: { paths: ['req.headers.authorization', 'token', '*.token'], censor: '[redacted]' },
  });
}
