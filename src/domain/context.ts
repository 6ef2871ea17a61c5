/**
 * What every service shares: the Redis connection, the school's keys, the
 * clock, the audit log, and the permission check against stored members.
 */
import type { RedisClient } from './redis-client.js';
import type { AuditService } from './audit.js';
import type { GlobalKeys, SchoolKeys } from './keys.js';
import { assertCan, type Action, type PermissionScope } from './permissions.js';
import { memberSchema, parseRecord } from './records.js';
import type { ActorId, Member } from './types.js';
import type { PersonId } from './person.js';

export interface ServiceContext {
  redis: RedisClient;
  schoolId: string;
  /** Global key prefix (without the school part). */
  prefix: string;
  keys: SchoolKeys;
  global: GlobalKeys;
  now: () => number;
  audit: AuditService;
  /**
   * The key of the operation under way (the update being handled and which change of it this is),
   * so that a change repeated after a crash is applied once; undefined outside an update.
   */
  operationKey?: () => string | undefined;
}

/** Reads a member record, or `undefined` if the person never joined this school. */
export async function loadMember(ctx: ServiceContext, personId: PersonId): Promise<Member | undefined> {
  return parseRecord(memberSchema, await ctx.redis.get(ctx.keys.memberRecord(personId)));
}

/** Loads the actor's current record and throws PermissionDeniedError unless the action is allowed. */
export async function authorize(
  ctx: ServiceContext,
  actor: ActorId,
  action: Action,
  scope?: PermissionScope,
): Promise<Member | null> {
  if (actor === 'system') return null;
  const member = (await loadMember(ctx, actor)) ?? null;
  assertCan(actor, member, action, scope);
  return member;
}
