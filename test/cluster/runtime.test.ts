/**
 * The runtime on a real Redis Cluster: the tests of test/runtime that use Redis run here a second
 * time with their connections on a three-master cluster. The carry-over of an earlier version's keys
 * runs with the old keys in slots of their own (as they were: no hash tag), the scheduler in a whole
 * bot; the update gate, the peer leases and the sessions get a prefix with a hash tag, as the bot
 * gives them the school's (see TEST_ONE_SLOT_ENV).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { crossSlotScriptRuns, TEST_ONE_SLOT_ENV } from '../helpers/redis.js';
import { useTestCluster } from '../helpers/redis-cluster.js';

await useTestCluster();

// The scheduler's bot puts its queue under the school's hash tag itself; the old keys of the carry-over are in slots of their own.
describe('on a Redis Cluster, with the prefix as the bot has it', () => {
  for (const file of ['runtime-keys', 'scheduler']) {
    describe(`test/runtime/${file}.test.ts`, async () => {
      await import(`../runtime/${file}.test.ts`);
    });
  }
});

describe('on a Redis Cluster, under one hash tag', () => {
  beforeAll(() => {
    process.env[TEST_ONE_SLOT_ENV] = '1';
  });
  afterAll(() => {
    delete process.env[TEST_ONE_SLOT_ENV];
  });
  for (const file of ['update-gate', 'peer-queue', 'session-storage']) {
    describe(`test/runtime/${file}.test.ts`, async () => {
      await import(`../runtime/${file}.test.ts`);
    });
  }
});

it("every script's declared KEYS were in one slot", () => {
  expect(crossSlotScriptRuns).toEqual([]);
});
