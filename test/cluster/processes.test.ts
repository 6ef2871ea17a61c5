/**
 * Bot processes started as `npm start` starts them (main.ts, REDIS_CLUSTER_NODES set) on a real
 * Redis Cluster: the tests of test/e2e/ that run, kill and restart processes run here a second time,
 * so the takeover of a dead process's updates, deliveries and jobs, and the rate shared by two
 * processes, are shown on a cluster too. The tests read what the processes wrote through a cluster
 * connection (openTestRedis), so a process that had connected elsewhere would fail them.
 */
import { describe } from 'vitest';
import { useTestCluster } from '../helpers/redis-cluster.js';

await useTestCluster();

describe('on a Redis Cluster', () => {
  for (const file of ['process', 'restart', 'two-processes', 'delivery-restart']) {
    describe(`test/e2e/${file}.test.ts`, async () => {
      await import(`../e2e/${file}.test.ts`);
    });
  }
});
