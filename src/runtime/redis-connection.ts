import { Redis } from 'ioredis';
import type { Logger } from '../logger.js';

/**
 * The bot's Redis connection. Commands issued in the same tick leave in one write (auto-pipelining:
 * under a burst that is one syscall for many updates' commands), and a Redis that hangs does not hang
 * the bot: a command with no answer in 10 s fails like an outage, after at most two reconnects.
 */
export function connectRedis(url: string, logger: Logger): Redis {
  const redis = new Redis(url, { maxRetriesPerRequest: 2, commandTimeout: 10_000, enableAutoPipelining: true });
  redis.on('error', (error) => logger.warn({ err: error.name }, 'redis connection problem'));
  return redis;
}
