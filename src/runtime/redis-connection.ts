import { Redis } from 'ioredis';
import type { Logger } from '../logger.js';

/**
 * The bot's Redis connection. A Redis that hangs does not hang the bot: a command with no answer in
 * 10 s fails like an outage, after at most two reconnects. No auto-pipelining: it made a pipeline
 * object for every batch of commands, copying every script defined on the connection (some sixty)
 * into it, and the bench measured more CPU per update with it than with a write per command.
 */
export function connectRedis(url: string, logger: Logger): Redis {
  const redis = new Redis(url, { maxRetriesPerRequest: 2, commandTimeout: 10_000, enableAutoPipelining: false });
  redis.on('error', (error) => logger.warn({ err: error.name }, 'redis connection problem'));
  return redis;
}
