import { Cluster, Redis } from 'ioredis';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../src/logger.js';
import { connectRedis, openRedis } from '../../src/runtime/redis-connection.js';

describe("the bot's Redis connection", () => {
  it('is one Redis at REDIS_URL without cluster nodes', () => {
    const redis = openRedis({ url: 'redis://127.0.0.1:1', clusterNodes: [] }, { lazyConnect: true });
    expect(redis).toBeInstanceOf(Redis);
    redis.disconnect();
  });

  it("is a Cluster on REDIS_CLUSTER_NODES, each node with REDIS_URL's user, password and TLS and the bot's options", () => {
    const nodes = [{ host: '10.0.0.1', port: 7000 }, { host: '10.0.0.2', port: 7001 }];
    const cluster = connectRedis({ url: 'rediss://parta:s%40cret@ignored:6379', clusterNodes: nodes }, createLogger('silent'));
    try {
      expect(cluster).toBeInstanceOf(Cluster);
      const options = (cluster as Cluster).options;
      expect(options.enableAutoPipelining).toBe(false);
      expect(options.redisOptions).toMatchObject({ username: 'parta', password: 's@cret', tls: {}, maxRetriesPerRequest: 2, commandTimeout: 10_000 });
    } finally {
      cluster.disconnect();
    }
  });
});
