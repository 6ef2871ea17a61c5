import { randomBytes } from 'node:crypto';
import { Cluster, Redis } from 'ioredis';
import type { RedisClient } from '../../src/domain/redis-client.js';
import { deleteMatching, scanKeys } from '../../src/runtime/scan-keys.js';
import { keySlot } from './key-slot.js';

/** The Redis the tests use: REDIS_URL (set by .ci/run) or the local default. */
export const TEST_REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

/**
 * When set (`host:port,…`, as REDIS_CLUSTER_NODES), the tests' connections go to this Redis Cluster
 * instead: test/cluster/ starts one and runs the domain's tests on it.
 */
export const TEST_CLUSTER_ENV = 'PARTA_TEST_CLUSTER_NODES';

/**
 * When set, {@link openTestRedis} gives a prefix with a hash tag of its own (`test:{3f9a…}:`), so that all
 * its keys are in one slot. The runtime's unit tests pass the prefix as the base of the update gate, the
 * peer leases and the sessions, which the bot puts under the school's hash tag: on a cluster they need
 * the same. The domain's tests run without it, so that their schools and the invite index are in slots of their own.
 */
export const TEST_ONE_SLOT_ENV = 'PARTA_TEST_ONE_SLOT_PREFIX';

/** The names of the domain's Lua scripts (their files, `invites-use`) run on a cluster connection opened here. */
export const scriptsRunOnCluster = new Set<string>();
/** Runs of a script (domain or runtime, by its command's name) on a cluster connection whose declared KEYS were in more than one slot. */
export const crossSlotScriptRuns: { command: string; keys: string[] }[] = [];

/** The cluster the tests use, if {@link TEST_CLUSTER_ENV} is set. */
function testClusterNodes(): { host: string; port: number }[] {
  const raw = process.env[TEST_CLUSTER_ENV] ?? '';
  return raw.split(',').filter(Boolean).map((node) => {
    const [host, port] = node.split(':');
    return { host: host!, port: Number(port) };
  });
}

/**
 * Watches the scripts a cluster client runs (every script of the bot is defined with `defineCommand`
 * under a name starting with `parta`): the domain's are `parta_<file name with _>` (src/domain/lua.ts),
 * so the command's name gives the file's; and any run whose declared KEYS span two slots is noted.
 */
export function watchScripts<T extends RedisClient>(client: T): T {
  const define = client.defineCommand.bind(client);
  client.defineCommand = ((name: string, definition: { lua: string; numberOfKeys?: number }) => {
    define(name, definition);
    const commands = client as unknown as Record<string, (...args: unknown[]) => unknown>;
    const command = commands[name];
    if (!name.startsWith('parta') || !command) return;
    const file = name.startsWith('parta_') ? name.slice('parta_'.length).replace(/_/g, '-') : undefined;
    commands[name] = function (this: unknown, ...args: unknown[]) {
      if (file) scriptsRunOnCluster.add(file);
      const keys = args.slice(1, 1 + Number(args[0])).map(String);
      if (new Set(keys.map(keySlot)).size > 1) crossSlotScriptRuns.push({ command: name, keys });
      return command.apply(this, args);
    };
  }) as typeof client.defineCommand;
  return client;
}

/** A new connection to the tests' Redis, or to their cluster when {@link TEST_CLUSTER_ENV} is set. */
export function newTestConnection(options: { lazyConnect?: boolean; enableAutoPipelining?: boolean } = {}): RedisClient {
  const nodes = testClusterNodes();
  if (nodes.length === 0) return new Redis(TEST_REDIS_URL, { maxRetriesPerRequest: 1, ...options });
  return watchScripts(new Cluster(nodes, { ...options, redisOptions: { maxRetriesPerRequest: 1 } }));
}

export interface TestRedis {
  redis: RedisClient;
  /** A key prefix no other test uses, e.g. `test:3f9a…:`. */
  prefix: string;
  /** Deletes every key under the prefix and closes the connection. */
  cleanup(): Promise<void>;
}

/** Opens a real Redis connection (or cluster connection, see {@link TEST_CLUSTER_ENV}) with a fresh key prefix, so tests never touch other data. */
export async function openTestRedis(): Promise<TestRedis> {
  // Auto-pipelined, as the bot's own connection is (src/runtime/redis-connection.ts).
  const redis = newTestConnection({ lazyConnect: true, enableAutoPipelining: true });
  await redis.connect();
  const id = randomBytes(6).toString('hex');
  const prefix = process.env[TEST_ONE_SLOT_ENV] ? `test:{${id}}:` : `test:${id}:`;
  return {
    redis,
    prefix,
    async cleanup() {
      await deleteByPrefix(redis, prefix);
      redis.disconnect();
    },
  };
}

/** Deletes all keys that start with `prefix` (SCAN, never KEYS; every master of a cluster). */
export async function deleteByPrefix(redis: RedisClient, prefix: string): Promise<void> {
  await deleteMatching(redis, `${prefix}*`);
}

/** Every key matching `pattern`, as KEYS would list them, but from every master of a cluster (KEYS on a cluster asks one node). */
export async function keysMatching(redis: RedisClient, pattern: string): Promise<string[]> {
  const found: string[] = [];
  for await (const keys of scanKeys(redis, pattern, 500)) found.push(...keys);
  return found;
}
