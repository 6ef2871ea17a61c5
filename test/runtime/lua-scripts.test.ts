// The runtime's Lua scripts: each a file of its own (src/runtime/lua/, src/vk/lua/), run through the
// domain's loader (LuaCommand in src/domain/lua.ts), its reply checked with zod rather than cast.
import { readdirSync, readFileSync } from 'node:fs';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { z } from 'zod';
import { LuaCommand, LuaReplyError } from '../../src/domain/lua.js';
import { openTestRedis, type TestRedis } from '../helpers/redis.js';

let db: TestRedis;
beforeEach(async () => {
  db = await openTestRedis();
});
afterEach(async () => {
  await db.cleanup();
});

const folders = ['../../src/runtime/', '../../src/vk/'];

it('every script file of the runtime and the VK adapter is loaded by a module beside it', () => {
  for (const folder of folders) {
    const dir = new URL(folder, import.meta.url);
    const lua = readdirSync(new URL('lua/', dir)).filter((file) => file.endsWith('.lua'));
    expect(lua.length).toBeGreaterThan(0);
    const sources = readdirSync(dir)
      .filter((file) => file.endsWith('.ts'))
      .map((file) => readFileSync(new URL(file, dir), 'utf8'))
      .join('\n');
    for (const file of lua) expect(sources, `${folder}lua/${file}`).toContain(`'./lua/${file}'`);
  }
});

it('a file script runs with its KEYS and ARGV, and a reply of another shape than its schema is a LuaReplyError', async () => {
  const create = LuaCommand.fromFile(new URL('../../src/runtime/', import.meta.url), './lua/delivery-create.lua', 'partaTestDeliveryCreate', z.union([z.literal(0), z.literal(1)]));
  const key = `${db.prefix}dl:t`;
  expect(await create.run(db.redis, [key], [60_000, 'meta', '{}'])).toBe(1);
  expect(await create.run(db.redis, [key], [60_000, 'meta', '{}'])).toBe(0);
  expect(await db.redis.hget(key, 'meta')).toBe('{}');

  const wrong = new LuaCommand('partaTestWrongShape', readFileSync(new URL('../../src/runtime/lua/delivery-create.lua', import.meta.url), 'utf8'), z.array(z.string()));
  await expect(wrong.run(db.redis, [key], [60_000, 'meta', '{}'])).rejects.toBeInstanceOf(LuaReplyError);
});
