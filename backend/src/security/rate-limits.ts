import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { AppError } from '../errors/app-error';
import type { Logger } from '../logging/logger';

/** Thrown when a limit is exceeded: `rate_limited`, retryable, with when to retry. */
export class RateLimitedError extends AppError {
  constructor(message: string, readonly retryAfterMs: number) {
    super('rate_limited', message, { retryable: true });
  }
}

export type LimitKind = 'event' | 'message';

export interface RateLimitOptions {
  /** Client events per connection per second; 0 turns the limit off. */
  eventsPerSecond: number;
  /** Messages (typed or form submissions, over sockets and REST) per person per minute; 0 turns it off. */
  messagesPerMinute: number;
  /**
   * A connected node-redis client: the per-person budget is then shared by every node
   * (RateLimiterRedis), with an in-memory limiter as the insurance while Redis is down.
   */
  redis?: unknown;
  keyPrefix?: string;
  logger?: Logger;
  /** Observes every rejection (metrics). */
  onLimited?: (kind: LimitKind) => void;
}

/**
 * The server's rate limits (rate-limiter-flexible):
 * - events per connection per second: in memory, since a connection lives on one node;
 * - messages per person per minute: in memory, or in Redis when the cluster has one.
 * Over the limit -> {@link RateLimitedError}; nothing is consumed from the other budget
 * and nothing is stored, because callers check before they store.
 */
export class RateLimits {
  private readonly events?: RateLimiterAbstract;
  private readonly messages?: RateLimiterAbstract;
  /** Failed password sign-ins per client address: 10 per 10 minutes, then refused until the window ends. */
  private readonly signInFailures = new RateLimiterMemory({ keyPrefix: 'signin', points: 10, duration: 600 });

  constructor(private readonly opts: RateLimitOptions) {
    if (opts.eventsPerSecond > 0) {
      this.events = new RateLimiterMemory({ keyPrefix: 'ev', points: opts.eventsPerSecond, duration: 1 });
    }
    if (opts.messagesPerMinute > 0) {
      const base = { points: opts.messagesPerMinute, duration: 60 };
      const memory = new RateLimiterMemory({ ...base, keyPrefix: 'msg' });
      this.messages = opts.redis
        ? new RateLimiterRedis({
          ...base,
          storeClient: opts.redis,
          useRedisPackage: true,
          keyPrefix: `${opts.keyPrefix ?? 'io'}:rl:msg`,
          // A Redis outage must not stall or fail messages: fall back to this node's budget.
          rejectIfRedisNotReady: true,
          insuranceLimiter: memory,
        })
        : memory;
    }
  }

  /** One client event of `connectionId` (any event, known or not, valid or not). */
  event(connectionId: string): Promise<void> {
    return this.consume(this.events, connectionId, 'event', (s) => `Too many requests on this connection: at most ${this.opts.eventsPerSecond} per second. Retry in ${s}s.`);
  }

  /** One message of person `userId`. */
  message(userId: string): Promise<void> {
    return this.consume(this.messages, userId, 'message', (s) => `Too many messages: at most ${this.opts.messagesPerMinute} per minute. Retry in ${s}s.`);
  }

  /**
   * Runs a password sign-in for `address`, refusing it with `rate_limited` once that address
   * has failed too often; only failures (`unauthorized`) spend the budget.
   */
  async signIn<T>(address: string, attempt: () => Promise<T>): Promise<T> {
    const state = await this.signInFailures.get(address);
    if (state && state.consumedPoints >= 10) {
      const s = Math.ceil(state.msBeforeNext / 1000);
      throw new RateLimitedError(`Too many failed sign-ins. Retry in ${s}s.`, state.msBeforeNext);
    }
    try {
      return await attempt();
    } catch (err) {
      if ((err as { code?: unknown }).code === 'unauthorized') await this.signInFailures.penalty(address, 1).catch(() => undefined);
      throw err;
    }
  }

  /** Dispatches on `kind` (the ConnectionManager's `limit` hook). */
  check(kind: LimitKind, key: string): Promise<void> {
    return kind === 'event' ? this.event(key) : this.message(key);
  }

  private async consume(limiter: RateLimiterAbstract | undefined, key: string, kind: LimitKind, text: (seconds: number) => string): Promise<void> {
    if (!limiter) return;
    try {
      await limiter.consume(key);
    } catch (res) {
      if (!(res instanceof RateLimiterRes)) {
        // The store failed and had no insurance: let the request through rather than block everyone.
        this.opts.logger?.warn({ err: res, kind }, 'rate limiter unavailable; request allowed');
        return;
      }
      this.opts.onLimited?.(kind);
      const ms = Math.max(res.msBeforeNext, 1);
      throw new RateLimitedError(text(Math.ceil(ms / 1000)), ms);
    }
  }
}
