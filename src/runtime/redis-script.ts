import { defineLuaCommand, type RedisClient } from '../domain/redis-client.js';

/** Runs a Lua script with its keys and arguments. */
export type ScriptRunner = (keys: readonly string[], args: readonly (string | number)[]) => Promise<unknown>;

/**
 * Defines a Lua script on a connection with ioredis's `defineCommand` (EVALSHA, the source sent
 * only when Redis does not know the script yet) and returns a function that runs it.
 */
export function defineScript(redis: RedisClient, name: string, lua: string): ScriptRunner {
  const commands = redis as unknown as Record<string, ((...args: (string | number)[]) => Promise<unknown>) | undefined>;
  if (!commands[name]) defineLuaCommand(redis, name, lua);
  return (keys, args) => commands[name]!.call(redis, keys.length, ...keys, ...args);
}
