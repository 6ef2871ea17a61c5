import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RedisSessionStorage } from '../../src/runtime/session-storage.js';
import { openTestRedis, type TestRedis } from '../helpers/redis.js';

describe('Redis session storage', () => {
  let db: TestRedis;
  beforeEach(async () => {
    db = await openTestRedis();
  });
  afterEach(() => db.cleanup());

  it('stores JSON, expires after the idle time, and renews on every read (the session manager reads each session before it touches it)', async () => {
    const storage = new RedisSessionStorage(db.redis, db.prefix, 100);
    expect(await storage.get('1:1')).toBeUndefined();
    await storage.set('1:1', { lang: 'en', nested: { a: [1] }, $forceUpdate: () => undefined });
    expect(await storage.get('1:1')).toEqual({ lang: 'en', nested: { a: [1] } });
    const key = `${db.prefix}session:1:1`;
    expect(await db.redis.ttl(key)).toBeGreaterThan(90);
    await db.redis.expire(key, 5);
    await storage.get('1:1');
    expect(await db.redis.ttl(key)).toBeGreaterThan(90);
    expect(await storage.delete('1:1')).toBe(true);
    expect(await storage.get('1:1')).toBeUndefined();
  });
});
