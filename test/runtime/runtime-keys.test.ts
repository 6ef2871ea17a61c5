import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { carryOverLegacyKeys, runtimeBase } from '../../src/runtime/runtime-keys.js';
import { openTestRedis, type TestRedis } from '../helpers/redis.js';

describe("the runtime's keys under the school's hash tag", () => {
  let db: TestRedis;
  beforeEach(async () => {
    db = await openTestRedis();
  });
  afterEach(() => db.cleanup());

  it("carries an earlier version's inbox, seen marks, sessions and languages over, once, keeping expiries", async () => {
    const { redis, prefix } = db;
    const base = runtimeBase(prefix, 'main');
    expect(base).toBe(`${prefix}{s:main}:`);
    await redis.hset(`${prefix}inbox`, 'e1', '7:{"type":"message_new"}');
    await redis.hset(`${prefix}inbox:owner`, 'e1', 'old-process|5');
    await redis.set(`${prefix}inbox:seq`, '7');
    await redis.set(`${prefix}seen:e1`, '1', 'EX', 1000);
    await redis.set(`${prefix}session:5:5`, '{"step":2}', 'EX', 500);
    await redis.hset(`${prefix}lang`, '5', 'en');
    // A language chosen after the upgrade wins over the old one.
    await redis.hset(`${base}lang`, '6', 'ru');
    await redis.hset(`${prefix}lang`, '6', 'en');

    expect(await carryOverLegacyKeys(redis, prefix, base)).toBe(6);
    expect(await redis.hget(`${base}inbox`, 'e1')).toBe('7:{"type":"message_new"}');
    expect(await redis.hget(`${base}inbox:owner`, 'e1')).toBe('old-process|5');
    expect(await redis.get(`${base}inbox:seq`)).toBe('7');
    expect(await redis.ttl(`${base}seen:e1`)).toBeGreaterThan(900);
    expect(await redis.get(`${base}session:5:5`)).toBe('{"step":2}');
    expect(await redis.ttl(`${base}session:5:5`)).toBeGreaterThan(400);
    expect(await redis.hgetall(`${base}lang`)).toEqual({ '5': 'en', '6': 'ru' });
    // One EXISTS a key: on a Redis Cluster (test/cluster/) the old keys are in different slots.
    for (const key of ['inbox', 'inbox:owner', 'inbox:seq', 'seen:e1', 'session:5:5']) expect(await redis.exists(`${prefix}${key}`)).toBe(0);

    // Done once: a later start does not scan again, so it moves nothing (the README says to stop old processes first).
    await redis.set(`${prefix}session:9:9`, '{"step":1}', 'EX', 500);
    expect(await carryOverLegacyKeys(redis, prefix, base)).toBe(0);
    expect(await redis.exists(`${prefix}session:9:9`)).toBe(1);
    expect(await redis.hgetall(`${base}lang`)).toEqual({ '5': 'en', '6': 'ru' });
  });
});
