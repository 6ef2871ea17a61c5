import type { RedisClient } from '../domain/redis-client.js';

/**
 * Every key matching `pattern` (SCAN, never KEYS), a batch at a time. On a Redis Cluster each
 * master is scanned in turn: a SCAN sent to the cluster would only see the keys of one node.
 */
export async function* scanKeys(redis: RedisClient, pattern: string, count = 1000): AsyncGenerator<string[]> {
  const nodes = 'nodes' in redis && typeof redis.nodes === 'function' ? redis.nodes('master') : [redis];
  for (const node of nodes) {
    let cursor = '0';
    do {
      const [next, keys] = await node.scan(cursor, 'MATCH', pattern, 'COUNT', count);
      cursor = next;
      if (keys.length > 0) yield keys;
    } while (cursor !== '0');
  }
}

/** Deletes every key matching `pattern`; one DEL a key, so that a cluster never sees keys of two slots in one command. */
export async function deleteMatching(redis: RedisClient, pattern: string): Promise<number> {
  let deleted = 0;
  for await (const keys of scanKeys(redis, pattern, 500)) {
    const counts = await Promise.all(keys.map((key) => redis.del(key)));
    deleted += counts.reduce((sum, n) => sum + n, 0);
  }
  return deleted;
}
