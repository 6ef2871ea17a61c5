/**
 * The audit log: who changed what, when — target ids only, never names or
 * phone numbers. Newest first, capped at {@link AUDIT_LIMIT} entries.
 */
import type { Redis } from 'ioredis';
import type { SchoolKeys } from './keys.js';
import { LuaScript } from './lua.js';
import { auditEntrySchema, parseRecord } from './records.js';
import type { ActorId, AuditEntry, AuditTarget } from './types.js';

export const AUDIT_LIMIT = 10_000;

/** Assigns the next id and pushes the entry; ARGV[3] = entry JSON without id, ARGV[4] = cap. */
const APPEND = new LuaScript(
  'audit.append',
  `
local id = redis.call('INCR', kSeq('audit'))
local entry = string.gsub(ARGV[3], '^{', '{"id":' .. id .. ',', 1)
redis.call('LPUSH', B .. 'audit', entry)
redis.call('LTRIM', B .. 'audit', 0, tonumber(ARGV[4]) - 1)
return cjson.encode({ id = id })
`,
);

export class AuditService {
  constructor(
    private readonly redis: Redis,
    private readonly keys: SchoolKeys,
    private readonly now: () => number,
  ) {}

  /** Appends one entry; `details` must hold counts or codes, not personal data. */
  async record(
    actor: ActorId,
    action: string,
    target: AuditTarget = {},
    details?: AuditEntry['details'],
  ): Promise<AuditEntry> {
    const at = this.now();
    const body = { at, actor, action, target, ...(details ? { details } : {}) };
    const reply = (await APPEND.run(this.redis, this.keys.base, at, [JSON.stringify(body), AUDIT_LIMIT])) as {
      id: number;
    };
    return { id: reply.id, ...body };
  }

  /** The most recent entries, newest first. */
  async recent(limit = 50): Promise<AuditEntry[]> {
    if (limit <= 0) return [];
    const raws = await this.redis.lrange(this.keys.audit, 0, limit - 1);
    return raws.map((raw) => parseRecord(auditEntrySchema, raw)).filter((e): e is AuditEntry => e !== undefined);
  }
}
