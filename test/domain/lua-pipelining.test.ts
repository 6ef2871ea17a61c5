import { Redis } from 'ioredis';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createServices } from '../../src/domain/index.js';
import { deleteByPrefix, TEST_REDIS_URL } from '../helpers/redis.js';
import { vk } from '../helpers/people.js';

// The bot's own connection no longer auto-pipelines (src/runtime/redis-connection.ts); defineScripts still keeps an auto-pipelined one working.
describe("the domain's scripts on an auto-pipelined connection", () => {
  let redis: Redis;
  const prefix = `test:pipelining:${process.pid}:${Date.now()}:`;
  beforeEach(() => {
    redis = new Redis(TEST_REDIS_URL, { enableAutoPipelining: true });
  });
  afterEach(async () => {
    await deleteByPrefix(redis, prefix);
    redis.disconnect();
  });

  it('a script used for the first time in the same tick as another command runs (no "pipeline[…] is not a function")', async () => {
    const services = createServices({ redis, prefix, schoolId: 'main' });
    await redis.ping();
    // The GET opens this tick's pipeline; the scripts below are used for the first time after it.
    const [, classes, code] = await Promise.all([redis.get(`${prefix}x`), services.classes.createMany(vk(5), ['5А']).catch((error: Error) => error), services.invites.findByCode(vk(5), 'ABCD-EFGH')]);
    expect(classes).not.toBeInstanceOf(TypeError);
    expect(code).toBeDefined();
  });
});
