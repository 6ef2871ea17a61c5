import { Redis } from 'ioredis';
import { afterEach, describe, expect, it } from 'vitest';
import { isStoreOutage } from '../../src/runtime/store-outage.js';
import { createServer } from 'node:net';
import { openTestRedis, type TestRedis } from '../helpers/redis.js';

/** A local TCP port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as { port: number };
  await new Promise((done) => server.close(done));
  return port;
}

/** What a command on this client fails with. */
async function failureOf(run: () => Promise<unknown>): Promise<unknown> {
  try {
    await run();
  } catch (error) {
    return error;
  }
  throw new Error('the command did not fail');
}

describe('Redis outage, told from what ioredis gives (not from its wording)', () => {
  let db: TestRedis | undefined;
  let spare: Redis | undefined;
  afterEach(async () => {
    await db?.cleanup();
    spare?.disconnect();
    db = spare = undefined;
  });

  it('a refused command on a live connection (a bug, not an outage) is not an outage', async () => {
    db = await openTestRedis();
    await db.redis.set(`${db.prefix}s`, 'x');
    const error = await failureOf(() => db!.redis.lpush(`${db!.prefix}s`, 'y'));
    expect(isStoreOutage(error, db.redis)).toBe(false);
    expect(isStoreOutage(new Error('handler bug'), db.redis)).toBe(false);
  });

  it('a command after the connection dropped is an outage', async () => {
    db = await openTestRedis();
    db.redis.disconnect();
    const error = await failureOf(() => db!.redis.get(`${db!.prefix}k`));
    expect(isStoreOutage(error, db.redis)).toBe(true);
    await db.redis.connect();
  });

  it('a command that used up its retries against a server that is not there is an outage, whatever the connection does next', async () => {
    spare = new Redis({ port: await closedPort(), host: '127.0.0.1', maxRetriesPerRequest: 0, retryStrategy: () => 50 });
    spare.on('error', () => undefined);
    const error = await failureOf(() => spare!.get('k'));
    expect((error as Error).name).toBe('MaxRetriesPerRequestError');
    expect(isStoreOutage(error, { status: 'ready' })).toBe(true);
  });
});
