/**
 * Running Lua scripts atomically on Redis, with a shared prelude (JSON,
 * member, family and audit-log helpers). Each service keeps its own script bodies; this file only
 * holds what they all need.
 *
 * Every script gets ARGV[1] = school key base and ARGV[2] = now (ms); its own
 * arguments start at ARGV[3]. Scripts derive record keys from the base, which
 * is fine on a standalone Redis or Sentinel (not on Cluster).
 *
 * A script that changes something audited calls the prelude's `audit(actor,
 * action, target, details)` itself, so the entry is written in the same atomic
 * step as the change (a refused script writes none).
 */
import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { ServiceContext } from './context.js';
import { FAMILY_LUA } from './family-lua.js';
import { LUA_KEY_FUNCTIONS } from './keys.js';
import { ROLES } from './types.js';

/** How many audit entries a school keeps (the oldest are trimmed). */
export const AUDIT_LIMIT = 10_000;

const PRELUDE = `
local B = ARGV[1]
local NOW = tonumber(ARGV[2])
${LUA_KEY_FUNCTIONS}
-- cjson writes an empty table as {}; every empty table we store is a list.
local function jenc(v)
  local s = cjson.encode(v)
  s = string.gsub(s, '([%w_]"):{}', '%1:[]')
  return s
end
local function getJson(key)
  local s = redis.call('GET', key)
  if not s then return nil end
  return cjson.decode(s)
end
local function list(t) if type(t) ~= 'table' then return {} end return t end
local function has(t, v) for _, x in ipairs(t) do if x == v then return true end end return false end
local function addTo(t, v) if not has(t, v) then table.insert(t, v) end return t end
local function removeFrom(t, v)
  local r = {}
  for _, x in ipairs(t) do if x ~= v then table.insert(r, x) end end
  return r
end
local ROLES = { ${ROLES.map((r) => `'${r}'`).join(', ')} }
local AUDIT_LIMIT = ${AUDIT_LIMIT}
local function getMember(vkId)
  local m = getJson(kMember(vkId))
  if not m then return nil end
  m.roles = list(m.roles)
  m.classIds = list(m.classIds)
  m.classTeacherOf = list(m.classTeacherOf)
  m.subjects = list(m.subjects)
  return m
end
-- Saves a member and keeps the role index sets in step.
local function saveMember(m)
  redis.call('SET', kMember(m.vkId), jenc(m))
  redis.call('SADD', kMembers(), m.vkId)
  for _, r in ipairs(ROLES) do
    if m.status == 'active' and has(m.roles, r) then
      redis.call('SADD', kRole(r), m.vkId)
    else
      redis.call('SREM', kRole(r), m.vkId)
    end
  end
end
local function isVerifiedTeacher(m)
  return m ~= nil and m.status == 'active' and has(m.roles, 'teacher') and m.teacherStatus == 'verified'
end
-- Revokes every active invite whose id is in the set; returns how many it revoked.
local function revokeInvitesIn(setKey, actor)
  local revoked = 0
  for _, id in ipairs(redis.call('SMEMBERS', setKey)) do
    local inv = getJson(kInvite(id))
    if inv and not inv.revoked then
      inv.revoked = true
      inv.revokedAt = NOW
      inv.revokedBy = actor
      redis.call('SET', kInvite(id), jenc(inv))
      revoked = revoked + 1
    end
  end
  return revoked
end
-- JSON of a flat object with its keys sorted; {} when empty (never []).
local function jobj(t)
  local names = {}
  for k in pairs(t) do table.insert(names, k) end
  table.sort(names)
  local parts = {}
  for _, k in ipairs(names) do table.insert(parts, cjson.encode(k) .. ':' .. cjson.encode(t[k])) end
  return '{' .. table.concat(parts, ',') .. '}'
end
-- Appends one audit entry, in the same step as the change it records: the
-- shape AuditService.recent() reads ({ id, at, actor, action, target,
-- details? }), newest first, capped at AUDIT_LIMIT. The target holds ids
-- only, details small non-personal facts (counts, codes, flags); nil details
-- are left out. Returns the entry's id.
local function audit(actor, action, target, details)
  if actor ~= 'system' then actor = tonumber(actor) end
  local t = {}
  target = target or {}
  if target.classId ~= nil then t.classId = tostring(target.classId) end
  if target.inviteId ~= nil then t.inviteId = tostring(target.inviteId) end
  if target.requestId ~= nil then t.requestId = tostring(target.requestId) end
  if target.vkId ~= nil then t.vkId = tonumber(target.vkId) end
  local id = redis.call('INCR', kSeq('audit'))
  local entry = '{"id":' .. id .. ',"at":' .. cjson.encode(NOW) .. ',"actor":' .. cjson.encode(actor)
    .. ',"action":' .. cjson.encode(action) .. ',"target":' .. jobj(t)
  if details ~= nil then entry = entry .. ',"details":' .. jobj(details) end
  entry = entry .. '}'
  redis.call('LPUSH', kAudit(), entry)
  redis.call('LTRIM', kAudit(), 0, AUDIT_LIMIT - 1)
  return id
end
${FAMILY_LUA}
`;

/** How long the reply of a change is kept for a repeat of the same operation (a re-run after a crash comes within minutes). */
const ONCE_TTL_SECONDS = 24 * 3600;

/**
 * A Lua script with the shared prelude, run by EVALSHA with an EVAL fallback. A run may carry an
 * operation key: the first run with that key applies the change and keeps its reply; a repeat
 * (the same update handled again after a crash) gets the kept reply and changes nothing.
 */
export class LuaScript {
  readonly source: string;
  readonly sha: string;

  constructor(
    readonly name: string,
    body: string,
  ) {
    this.source = `${PRELUDE}
-- ${name}
local ONCE = table.remove(ARGV)
if ONCE ~= '' then
  local kept = redis.call('GET', B .. 'once:' .. ONCE)
  if kept then return kept end
end
local reply = (function()
${body}
end)()
if ONCE ~= '' then redis.call('SET', B .. 'once:' .. ONCE, reply, 'EX', ${ONCE_TTL_SECONDS}) end
return reply`;
    this.sha = createHash('sha1').update(this.source).digest('hex');
  }

  /** Runs the script for a school with the context's clock and operation key. */
  apply(ctx: Pick<ServiceContext, 'redis' | 'keys' | 'now' | 'operationKey'>, args: (string | number)[] = []): Promise<unknown> {
    return this.run(ctx.redis, ctx.keys.base, ctx.now(), args, ctx.operationKey?.());
  }

  /** Runs the script for a school and returns its JSON reply parsed (scripts reply with `jenc(...)`). */
  async run(redis: Redis, base: string, now: number, args: (string | number)[] = [], operationKey = ''): Promise<unknown> {
    const argv = [base, String(now), ...args.map(String), operationKey];
    let reply: unknown;
    try {
      reply = await redis.evalsha(this.sha, 0, ...argv);
    } catch (err) {
      if (!(err instanceof Error) || !err.message.includes('NOSCRIPT')) throw err;
      reply = await redis.eval(this.source, 0, ...argv);
    }
    if (typeof reply !== 'string') throw new Error(`Lua script ${this.name} returned a non-string reply`);
    return JSON.parse(reply) as unknown;
  }
}
