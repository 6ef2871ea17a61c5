/**
 * The audit log: who changed what, when — people by id only, never their names or
 * phone numbers; an entry about a class keeps the class's name of the moment
 * (`details.className`, and `fromClassName` for a move), so that the journal
 * reads it as it was. Newest first, capped at {@link AUDIT_LIMIT} entries.
 *
 * The services' scripts write their entries themselves, with the prelude's
 * `audit()` (see lua.ts), in the same atomic step as the change they record.
 * {@link AuditService.record} appends an entry of the same shape for a change
 * made outside a script.
 */
import type { RedisClient } from './redis-client.js';
import type { SchoolKeys } from './keys.js';
import { z } from 'zod';
import { AUDIT_LIMIT, LuaScript } from './lua.js';
import { auditEntrySchema, parseRecord } from './records.js';
import type { ActorId, AuditEntry, AuditTarget } from './types.js';

export { AUDIT_LIMIT };

/** Appends one entry with the prelude's `audit()`. ARGV[2] = actor, [3] action, [4] target JSON, [5] details JSON or ''. */
const APPEND = new LuaScript('audit-append', z.object({ id: z.number() }));

export class AuditService {
  constructor(
    private readonly redis: RedisClient,
    private readonly keys: SchoolKeys,
    private readonly now: () => number,
    /** The operation key of the change under way (see ServiceContext), so an entry repeated after a crash is written once. */
    private readonly operationKey?: () => string | undefined,
  ) {}

  /** Appends one entry; `details` must hold counts or codes, not personal data. */
  async record(
    actor: ActorId,
    action: string,
    target: AuditTarget = {},
    details?: AuditEntry['details'],
  ): Promise<AuditEntry> {
    const at = this.now();
    const reply = await APPEND.run(this.redis, [this.keys.base], at, [
      String(actor),
      action,
      JSON.stringify(target),
      details ? JSON.stringify(details) : '',
    ], this.operationKey?.());
    return { id: reply.id, at, actor, action, target, ...(details ? { details } : {}) };
  }

  /** The most recent entries, newest first. */
  async recent(limit = 50): Promise<AuditEntry[]> {
    if (limit <= 0) return [];
    const raws = await this.redis.lrange(this.keys.audit, 0, limit - 1);
    return raws.map((raw) => parseRecord(auditEntrySchema, raw)).filter((e): e is AuditEntry => e !== undefined);
  }
}
