/**
 * The Lua scripts that change several records atomically. Each script is a file of its own in
 * `./lua/` (`<name>.lua`), put together at module load with the shared prelude (`prelude.lua`;
 * for school scripts also the key builders of keys.ts, the constants and rights of types.ts and
 * permissions.ts, `school.lua` and `family.lua`), and registered on each connection with ioredis's
 * `defineCommand` (EVALSHA, the source sent only when Redis does not know it yet).
 *
 * Calling convention: KEYS[1] is the key base of the slot the script runs in — for a school
 * script the school's base `<prefix>{s:<schoolId>}:`, whose hash tag puts every key of one school
 * in one Redis Cluster slot; further KEYS are the other keys the caller knows. ARGV[1] = now (ms);
 * a script's own arguments start at ARGV[2]; the last ARGV is the operation key ('' for none).
 * Scripts derive record keys they find on the way (a class's roster, a member) from KEYS[1]; they
 * share its hash tag, so a Cluster runs them, though they are not all declared (README).
 *
 * Exactly once: a run with an operation key keeps its reply under
 * `KEYS[1] .. 'once:' .. key .. ':' .. script` for three days (as long as the update gate remembers
 * an event); a repeat of the same script with the same key (the same update handled again after a
 * crash) gets the kept reply and changes nothing. A re-run that takes another path calls another
 * script, which then runs instead of answering with a reply kept for a different one.
 *
 * A script that changes something audited calls the prelude's `audit(actor, action, target,
 * details)` itself, so the entry is written in the same atomic step as the change (a refused
 * script writes none). Every reply is JSON, parsed with the script's zod schema.
 */
import { readFileSync } from 'node:fs';
import { defineLuaCommand, type RedisClient } from './redis-client.js';
import { z } from 'zod';
import type { ServiceContext } from './context.js';
import { LUA_KEY_FUNCTIONS } from './keys.js';
import { PERMISSIONS } from './permissions.js';
import { INVITE_ROLES, ROLES } from './types.js';

/** How many audit entries a school keeps (the oldest are trimmed). */
export const AUDIT_LIMIT = 10_000;

/** How long the reply of a change is kept for a repeat of the same operation (a re-run after a crash comes within minutes). */
const ONCE_TTL_SECONDS = 3 * 24 * 3600;

/** The text of a Lua file at `path`, relative to the module `from` (its `import.meta.url`): `readLua(import.meta.url, './lua/gate-done.lua')`. */
export function readLua(from: string | URL, path: string): string {
  return readFileSync(new URL(path, from), 'utf8');
}

const luaFile = (file: string): string => readLua(import.meta.url, `./lua/${file}.lua`);
const luaString = (s: string): string => `'${s.replace(/[\\']/g, '\\$&')}'`;

/** The rights matrix as a Lua table, for the prelude's `can()`. */
const GRANTS_LUA = `local GRANTS = {\n${Object.entries(PERMISSIONS)
  .map(
    ([action, grant]) =>
      `  [${luaString(action)}] = { roles = { ${grant.roles.map(luaString).join(', ')} }` +
      `${grant.classTeacher ? `, classTeacher = ${luaString(grant.classTeacher)}` : ''} },`,
  )
  .join('\n')}\n}`;

const CORE = `local B = KEYS[1]
local NOW = tonumber(ARGV[1])
${luaFile('prelude')}`;

const SCHOOL = `${CORE}
${LUA_KEY_FUNCTIONS}
local ROLES = { ${ROLES.map(luaString).join(', ')} }
local INVITE_ROLES = { ${INVITE_ROLES.map(luaString).join(', ')} }
local AUDIT_LIMIT = ${AUDIT_LIMIT}
${GRANTS_LUA}
${luaFile('school')}
${luaFile('family')}`;

/** The prelude of a school script (tests run its helpers, e.g. `can()`, against their TypeScript twins). */
export const SCHOOL_PRELUDE = SCHOOL;

/** Where a script runs: in a school's slot (the full prelude), or in a slot of global keys (the core only). */
export type ScriptScope = 'school' | 'global';

/** Reads a Lua list reply: cjson writes an empty list as `{}`, and a nil one is left out. */
export function luaList<T extends z.ZodType>(item: T) {
  return z
    .preprocess((v) => (Array.isArray(v) ? v : []), z.array(item))
    .optional()
    .transform((v) => v ?? []);
}

type Command = (...args: (string | number)[]) => Promise<unknown>;

/** Thrown when a Lua script's reply is not of the shape its schema says (a script and its caller out of step). */
export class LuaReplyError extends Error {
  override readonly name = 'LuaReplyError';
  constructor(
    readonly command: string,
    readonly issues: string,
  ) {
    super(`Lua script ${command} returned a reply of an unexpected shape: ${issues}`);
  }
}

/**
 * One Lua script registered on a connection with ioredis's `defineCommand` under `command` (EVALSHA,
 * the source sent only when Redis does not know it yet; left out of auto-pipelining on a cluster,
 * see `defineLuaCommand`), run with its KEYS and ARGV as given and its Redis reply parsed with
 * `reply`. The runtime's scripts are these, each from a file of its own ({@link LuaCommand.fromFile});
 * the domain's {@link LuaScript} adds the prelude and the exactly-once wrapper around one.
 */
export class LuaCommand<T> {
  constructor(
    /** The command's name on a connection; the bot's all start with `parta` (the tests' script watcher relies on it). */
    readonly command: string,
    readonly source: string,
    private readonly reply: z.ZodType<T>,
  ) {}

  /** The script of a file, `path` relative to the module `from` (its `import.meta.url`). */
  static fromFile<T>(from: string | URL, path: string, command: string, reply: z.ZodType<T>): LuaCommand<T> {
    return new LuaCommand(command, readLua(from, path), reply);
  }

  /** Runs the script with its KEYS and ARGV and returns its reply, parsed. */
  async run(redis: RedisClient, keys: readonly string[], args: readonly (string | number)[] = []): Promise<T> {
    const raw = await this.define(redis)(keys.length, ...keys, ...args);
    const parsed = this.reply.safeParse(raw);
    if (!parsed.success) throw new LuaReplyError(this.command, parsed.error.message);
    return parsed.data;
  }

  /** Defines the script's command on a connection, once. */
  defineOn(redis: RedisClient): void {
    if (typeof (redis as unknown as Record<string, unknown>)[this.command] !== 'function') defineLuaCommand(redis, this.command, this.source);
  }

  /** The script's command on this connection (defined here if not yet). */
  private define(redis: RedisClient): Command {
    this.defineOn(redis);
    const command = (redis as unknown as Record<string, Command | undefined>)[this.command];
    if (!command) throw new Error(`could not define Lua script ${this.command}`);
    return command.bind(redis);
  }
}

/** Binds a script to one connection: what a runtime part that owns its connection keeps. */
export type BoundLuaCommand<T> = (keys: readonly string[], args?: readonly (string | number)[]) => Promise<T>;

/** The script defined on `redis` now (see the note on auto-pipelining at {@link defineScripts}), as a function that runs it there. */
export function bindLua<T>(redis: RedisClient, script: LuaCommand<T>): BoundLuaCommand<T> {
  script.defineOn(redis);
  return (keys, args) => script.run(redis, keys, args);
}

/** Every script of the domain, to define them all on a connection at once (see {@link defineScripts}). */
const SCRIPTS = new Set<LuaScript<unknown>>();

/**
 * Defines every domain script on a connection before it is used. With auto-pipelining (on a
 * connection that has it) a command defined later is missing from a pipeline opened earlier in the same tick,
 * and the call fails with "pipeline[…] is not a function".
 */
export function defineScripts(redis: RedisClient): void {
  for (const script of SCRIPTS) script.defineOn(redis);
}

/**
 * One Lua script: its file with the prelude and the exactly-once wrapper, registered with
 * `defineCommand`, its reply parsed by `reply`.
 */
export class LuaScript<T> {
  readonly source: string;
  readonly command: string;
  /** The whole script as a command whose reply is the JSON text. */
  private readonly script: LuaCommand<string>;

  constructor(
    /** The file's name without `.lua`, e.g. `invites-use`. */
    readonly name: string,
    private readonly reply: z.ZodType<T>,
    scope: ScriptScope = 'school',
  ) {
    this.command = `parta_${name.replace(/-/g, '_')}`;
    this.source = `${scope === 'school' ? SCHOOL : CORE}
-- ${name}
local ONCE = table.remove(ARGV)
if ONCE ~= '' then ONCE = ONCE .. ':' .. '${name}' end
if ONCE ~= '' then
  local kept = redis.call('GET', B .. 'once:' .. ONCE)
  if kept then return kept end
end
local reply = (function()
${luaFile(name)}
end)()
if ONCE ~= '' then redis.call('SET', B .. 'once:' .. ONCE, reply, 'EX', ${ONCE_TTL_SECONDS}) end
return reply`;
    this.script = new LuaCommand(this.command, this.source, z.string());
    SCRIPTS.add(this as LuaScript<unknown>);
  }

  /** Runs the script for the context's school with its clock and operation key. */
  apply(ctx: Pick<ServiceContext, 'redis' | 'keys' | 'now' | 'operationKey'>, args: (string | number)[] = []): Promise<T> {
    return this.run(ctx.redis, [ctx.keys.base], ctx.now(), args, ctx.operationKey?.());
  }

  /** Runs the script with its keys (KEYS[1] = the slot's key base) and returns its reply, parsed. */
  async run(redis: RedisClient, keys: readonly string[], now: number, args: (string | number)[] = [], operationKey = ''): Promise<T> {
    const raw = await this.script.run(redis, keys, [String(now), ...args.map(String), operationKey ?? '']);
    return this.reply.parse(JSON.parse(raw));
  }

  /** Defines the script's command on a connection, once. */
  defineOn(redis: RedisClient): void {
    this.script.defineOn(redis);
  }
}
