import { Cluster, Redis, type RedisOptions } from 'ioredis';
import type { Logger } from '../logger.js';
import type { RedisClient } from '../domain/redis-client.js';

/** One seed node of a Redis Cluster (REDIS_CLUSTER_NODES). */
export interface RedisNode {
  host: string;
  port: number;
}

/** Where Redis is: REDIS_URL, or the cluster's seed nodes when REDIS_CLUSTER_NODES is set (the URL then lends its user, password and TLS). */
export interface RedisEndpoint {
  url: string;
  clusterNodes?: readonly RedisNode[];
}

/** The user, password and TLS of a redis:// or rediss:// URL, for the nodes of a cluster. */
function credentialsOf(url: string): RedisOptions {
  const parsed = new URL(url);
  return {
    ...(parsed.username ? { username: decodeURIComponent(parsed.username) } : {}),
    ...(parsed.password ? { password: decodeURIComponent(parsed.password) } : {}),
    ...(parsed.protocol === 'rediss:' ? { tls: {} } : {}),
  };
}

/**
 * Opens a client on the endpoint with the given options: a `Redis` on the URL, or a `Cluster` on the
 * seed nodes (the options then go to each node's connection). BullMQ opens its own this way.
 */
export function openRedis(endpoint: RedisEndpoint, options: RedisOptions & { enableAutoPipelining?: boolean } = {}): RedisClient {
  const nodes = endpoint.clusterNodes ?? [];
  if (nodes.length === 0) return new Redis(endpoint.url, options);
  const { enableAutoPipelining, enableOfflineQueue, lazyConnect, ...perNode } = options;
  return new Cluster(
    nodes.map((node) => ({ ...node })),
    {
      redisOptions: { ...credentialsOf(endpoint.url), ...perNode },
      ...(enableAutoPipelining === undefined ? {} : { enableAutoPipelining }),
      ...(enableOfflineQueue === undefined ? {} : { enableOfflineQueue }),
      ...(lazyConnect === undefined ? {} : { lazyConnect }),
    },
  );
}

/**
 * The bot's Redis connection (a Redis Cluster when the endpoint names its nodes). A Redis that hangs
 * does not hang the bot: a command with no answer in 10 s fails like an outage, after at most two
 * reconnects. No auto-pipelining: it made a pipeline object for every batch of commands, copying every
 * script defined on the connection (some sixty) into it, and the bench measured more CPU per update
 * with it than with a write per command.
 */
export function connectRedis(url: string, logger: Logger): Redis;
export function connectRedis(endpoint: RedisEndpoint, logger: Logger): RedisClient;
export function connectRedis(endpoint: RedisEndpoint | string, logger: Logger): RedisClient {
  const where = typeof endpoint === 'string' ? { url: endpoint } : endpoint;
  const redis = openRedis(where, { maxRetriesPerRequest: 2, commandTimeout: 10_000, enableAutoPipelining: false });
  redis.on('error', (error: Error) => logger.warn({ err: error.name }, 'redis connection problem'));
  return redis;
}
