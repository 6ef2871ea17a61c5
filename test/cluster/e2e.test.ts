/**
 * End-to-end tests of test/e2e/ run a second time with the bot on a real Redis Cluster (the harness
 * connects there when TEST_CLUSTER_ENV is set): sends to many through the delivery engine and its
 * jobs, join requests and their routing jobs, meetings and their reminders.
 */
import { describe, expect, it } from 'vitest';
import { crossSlotScriptRuns } from '../helpers/redis.js';
import { useTestCluster } from '../helpers/redis-cluster.js';

await useTestCluster();

describe('on a Redis Cluster', () => {
  for (const file of ['delivery', 'join-requests', 'request-routing', 'meetings']) {
    describe(`test/e2e/${file}.test.ts`, async () => {
      await import(`../e2e/${file}.test.ts`);
    });
  }
});

it("every script's declared KEYS were in one slot", () => {
  expect(crossSlotScriptRuns).toEqual([]);
});
