import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RedisClient } from '../../src/domain/redis-client.js';
import { PeerQueue } from '../../src/runtime/peer-queue.js';
import { openTestRedis, newTestConnection, type TestRedis } from '../helpers/redis.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('per-peer order', () => {
  let db: TestRedis;
  let second: RedisClient;
  beforeEach(async () => {
    db = await openTestRedis();
    second = newTestConnection();
  });
  afterEach(async () => {
    second.disconnect();
    await db.cleanup();
  });

  it('runs one peer in arrival order within a process, other peers in parallel', async () => {
    const queue = new PeerQueue(db.redis, db.prefix);
    const log: string[] = [];
    const work = (peer: string, i: number, ms: number) =>
      queue.run(peer, async () => {
        log.push(`${peer}${i}+`);
        await sleep(ms);
        log.push(`${peer}${i}-`);
      });
    await Promise.all([work('a', 1, 200), work('a', 2, 1), work('b', 1, 1), work('a', 3, 1)]);
    const a = log.filter((entry) => entry.startsWith('a'));
    expect(a).toEqual(['a1+', 'a1-', 'a2+', 'a2-', 'a3+', 'a3-']);
    expect(log.indexOf('b1-')).toBeLessThan(log.indexOf('a1-'));
    expect(queue.activePeers).toBe(0);
  });

  it('never lets two processes work on one peer at once', async () => {
    const one = new PeerQueue(db.redis, db.prefix);
    const two = new PeerQueue(second, db.prefix);
    let inside = 0;
    let maxInside = 0;
    const task = async () => {
      inside++;
      maxInside = Math.max(maxInside, inside);
      await sleep(10);
      inside--;
    };
    await Promise.all(Array.from({ length: 10 }, (_, i) => (i % 2 ? one : two).run('peer', task)));
    expect(maxInside).toBe(1);
  });

  it('frees a peer whose process died after the lease', async () => {
    // The clock starts before the dead lock is set: a slow moment in between cannot shrink the measured wait.
    const started = Date.now();
    await db.redis.set(`${db.prefix}lock:peer:p`, 'dead-process', 'PX', 300);
    const queue = new PeerQueue(db.redis, db.prefix, { leaseMs: 300 });
    let ran = false;
    await queue.run('p', async () => {
      ran = true;
    });
    expect(ran).toBe(true);
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
  });

  it('a failing task does not block the next one', async () => {
    const queue = new PeerQueue(db.redis, db.prefix);
    await expect(queue.run('p', async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await expect(queue.run('p', async () => 7)).resolves.toBe(7);
  });
});
