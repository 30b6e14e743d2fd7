import { createAdapter } from '@socket.io/redis-streams-adapter';
import { createClient } from 'redis';

type RedisClient = ReturnType<typeof createClient>;
import type { Server } from 'socket.io';
import type { Logger } from '../logging/logger';

export interface Cluster {
  /** The connected node-redis client (shared with the rate limiter). */
  redis: RedisClient;
  close(): Promise<void>;
}

export interface ClusterOptions {
  url: string;
  /** Namespaces the stream and channel names, so separate deployments (or test runs) sharing a Redis never mix. */
  keyPrefix: string;
  logger: Logger;
  connectTimeoutMs?: number;
}

/**
 * Fan-out across server nodes: the Socket.IO Redis Streams adapter on a node-redis client.
 * A room broadcast on one node (a stored chat event) reaches the sockets of that room on
 * every node. The stream survives short Redis outages (the adapter resumes from its offset).
 * Fails startup when Redis cannot be reached, rather than running silently unclustered.
 */
export async function attachRedisAdapter(io: Server, opts: ClusterOptions): Promise<Cluster> {
  const log = opts.logger.child({ component: 'cluster' });
  let lastErrorLog = 0;
  const redis: RedisClient = createClient({
    url: opts.url,
    socket: { connectTimeout: opts.connectTimeoutMs ?? 5_000, reconnectStrategy: (retries) => Math.min(100 * 2 ** retries, 2_000) },
  });
  redis.on('error', (err: Error) => {
    // node-redis reconnects by itself; log at most every few seconds.
    if (Date.now() - lastErrorLog > 5_000) {
      lastErrorLog = Date.now();
      log.warn({ err: err.message }, 'redis connection error');
    }
  });
  const timeout = opts.connectTimeoutMs ?? 5_000;
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      redis.connect(),
      new Promise((_, reject) => (timer = setTimeout(() => reject(new Error(`Could not connect to Redis at REDIS_URL within ${timeout} ms`)), timeout))),
    ]);
  } catch (err) {
    redis.destroy();
    throw err;
  } finally {
    clearTimeout(timer);
  }
  io.adapter(createAdapter(redis, {
    streamName: `${opts.keyPrefix}:socket.io`,
    channelPrefix: `${opts.keyPrefix}:socket.io`,
    // Short blocking reads, so a closing node lets go of Redis quickly.
    blockTimeInMs: 1_000,
    // Chat events are plain JSON.
    onlyPlaintext: true,
  }));
  log.info({ keyPrefix: opts.keyPrefix }, 'socket.io redis streams adapter attached');
  return {
    redis,
    async close() {
      // io.close() has already closed the adapter (its reader clients stop after their current read).
      try {
        await redis.close();
      } catch {
        redis.destroy();
      }
    },
  };
}
