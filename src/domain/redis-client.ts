/**
 * The Redis client the bot runs on: one Redis (ioredis's `Redis`) or a Redis Cluster (ioredis's
 * `Cluster`). Both have the same command API (commands, `defineCommand`, `multi`, `pipeline`); every
 * part that takes a connection takes this, and keeps each of its multi-key commands in one slot.
 */
import type { Cluster, Redis } from 'ioredis';

/** A connection to a single Redis or to a Redis Cluster. */
export type RedisClient = Redis | Cluster;

/**
 * Registers a Lua script as a command of the connection (`defineCommand`: EVALSHA, the source sent
 * only when Redis does not know it yet). On a cluster the command is left out of auto-pipelining:
 * ioredis groups an auto-pipelined command by its first argument, which for a script is its number
 * of keys, not a key, so a script would join the pipeline of another master and the whole pipeline
 * fail ("All keys in the pipeline should belong to the same slots allocation group"). Sent on its
 * own, it goes to the master of its KEYS.
 */
export function defineLuaCommand(redis: RedisClient, name: string, lua: string): void {
  redis.defineCommand(name, { lua });
  if (!redis.isCluster) return;
  const ignored = redis.options.autoPipeliningIgnoredCommands;
  if (ignored && !ignored.includes(name)) ignored.push(name);
  else if (!ignored) redis.options.autoPipeliningIgnoredCommands = [name];
}
