import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseSession, RedisSessionStorage } from '../../src/runtime/session-storage.js';
import { openTestRedis, type TestRedis } from '../helpers/redis.js';

describe('Redis session storage', () => {
  let db: TestRedis;
  beforeEach(async () => {
    db = await openTestRedis();
  });
  afterEach(() => db.cleanup());

  it('stores JSON, expires after the idle time, and renews on every read', async () => {
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

  it('after an update saves a session only when it changed, however deep, and deletes one that was emptied', async () => {
    const storage = new RedisSessionStorage(db.redis, db.prefix, 100);
    const key = `${db.prefix}session:1:1`;
    await storage.saveIfChanged('1:1', null, {});
    expect(await db.redis.exists(key)).toBe(0);
    await storage.saveIfChanged('1:1', null, { __scene: { current: 'a', state: { step: 1 } } });
    const stored = await db.redis.get(key);
    expect(JSON.parse(stored!)).toEqual({ __scene: { current: 'a', state: { step: 1 } } });
    // A nested change is saved.
    const session = parseSession(stored);
    (session.__scene as { state: { step: number } }).state.step = 2;
    await storage.saveIfChanged('1:1', stored, session);
    expect(await storage.get('1:1')).toEqual({ __scene: { current: 'a', state: { step: 2 } } });
    // Unchanged: not written (a value set meanwhile stays).
    await db.redis.set(key, '{"other":1}');
    await storage.saveIfChanged('1:1', JSON.stringify(session), session);
    expect(await db.redis.get(key)).toBe('{"other":1}');
    // Emptied: deleted.
    await storage.saveIfChanged('1:1', '{"other":1}', {});
    expect(await db.redis.exists(key)).toBe(0);
  });
});
