/**
 * The domain on a real Redis Cluster: every test of test/domain runs here a second time, with its
 * connections on a three-master cluster (test/helpers/redis-cluster.ts) instead of the single Redis.
 * The same assertions pass, so every service gives the same results on both; and every Lua script
 * of src/domain/lua/ has run on the cluster at least once, or the last test says which did not.
 */
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { crossSlotScriptRuns, scriptsRunOnCluster } from '../helpers/redis.js';
import { useTestCluster } from '../helpers/redis-cluster.js';

await useTestCluster();

const domainTests = readdirSync(new URL('../domain/', import.meta.url)).filter((file) => file.endsWith('.test.ts')).sort();
// Shared files (prelude, school, family) are put in front of every script; the others are one script each.
const PRELUDES = new Set(['prelude', 'school', 'family']);
const scriptFiles = readdirSync(new URL('../../src/domain/lua/', import.meta.url))
  .filter((file) => file.endsWith('.lua'))
  .map((file) => file.slice(0, -'.lua'.length))
  .filter((name) => !PRELUDES.has(name))
  .sort();

describe('on a Redis Cluster', () => {
  for (const file of domainTests) {
    describe(`test/domain/${file}`, async () => {
      await import(`../domain/${file}`);
    });
  }
});

it('every Lua script of src/domain/lua/ ran on the cluster', () => {
  expect(scriptFiles.length).toBeGreaterThan(40);
  expect([...scriptsRunOnCluster].sort()).toEqual(scriptFiles);
});

it("every script's declared KEYS were in one slot (the keys it builds itself Redis checks: a key of another slot fails the run)", () => {
  expect(crossSlotScriptRuns).toEqual([]);
});
