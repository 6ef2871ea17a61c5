/**
 * Stored record formats (JSON strings in Redis) and their parsers. A record
 * that fails to parse is a bug or a corrupted key, so parsing throws.
 */
import { z } from 'zod';
import type { RedisClient } from './redis-client.js';
import type { AuditEntry, ClassGroup, Invite, JoinRequest, Member, ParentLink } from './types.js';
import { INVITE_ROLES, REJECT_CODES, ROLES, STAFF_ROOM_ID, STAFF_ROOM_NAME } from './types.js';
import { actorIdSchema, personIdSchema } from './person.js';

/** Lua's cjson turns an empty list into `{}`; read any non-array as empty. */
const list = <T extends z.ZodType>(item: T) =>
  z.preprocess((v) => (Array.isArray(v) ? v : []), z.array(item));

const actorId = actorIdSchema;

const regularClass = z.object({
  id: z.string(),
  kind: z.literal('regular'),
  name: z.string(),
  grade: z.number().int(),
  letter: z.string(),
  status: z.enum(['active', 'archived']),
  createdAt: z.number(),
  archivedAt: z.number().optional(),
});

const staffRoom = z.object({
  id: z.literal(STAFF_ROOM_ID),
  kind: z.literal('staff'),
  name: z.literal(STAFF_ROOM_NAME),
  status: z.literal('active'),
  createdAt: z.number(),
});

export const classGroupSchema: z.ZodType<ClassGroup> = z.discriminatedUnion('kind', [regularClass, staffRoom]);

const inviteBase = {
  id: z.string(),
  classId: z.string(),
  role: z.enum(INVITE_ROLES),
  token: z.string(),
  code: z.string(),
  createdBy: actorId,
  createdAt: z.number(),
  expiresAt: z.number(),
  maxUses: z.number().int(),
  uses: z.number().int(),
};

export const inviteSchema: z.ZodType<Invite> = z.discriminatedUnion('revoked', [
  z.object({ ...inviteBase, revoked: z.literal(false) }),
  z.object({ ...inviteBase, revoked: z.literal(true), revokedAt: z.number(), revokedBy: actorId, revokedCause: z.literal('promotion').optional() }),
]);

const gender = z.enum(['female', 'male']).optional();
const applicantBase = { personId: personIdSchema, name: z.string(), gender, classId: z.string(), consent: z.literal(true), consentVersion: z.string().optional() };
const applicant = z.discriminatedUnion('role', [
  z.object({ ...applicantBase, role: z.literal('student') }),
  z.object({ ...applicantBase, role: z.literal('parent'), childName: z.string() }),
  z.object({ ...applicantBase, role: z.literal('teacher'), subjects: list(z.string()) }),
]);

const requestBase = { id: z.string(), inviteId: z.string(), applicant, createdAt: z.number(), awaitingConsent: z.literal(true).optional(),
  parentConsent: z
    .discriminatedUnion('kind', [
      z.object({ kind: z.literal('parent'), personId: personIdSchema, name: z.string(), at: z.number() }),
      z.object({ kind: z.literal('paper'), by: personIdSchema, at: z.number() }),
    ])
    .optional(),
};
export const joinRequestSchema: z.ZodType<JoinRequest> = z.discriminatedUnion('status', [
  z.object({ ...requestBase, status: z.literal('pending') }),
  z.object({ ...requestBase, status: z.literal('approved'), decidedBy: actorId, decidedAt: z.number() }),
  z.object({
    ...requestBase,
    status: z.literal('rejected'),
    decidedBy: actorId,
    decidedAt: z.number(),
    reason: z.string().optional(),
    reasonCode: z.enum(REJECT_CODES).optional(),
  }),
]);

const memberBase = {
  personId: personIdSchema,
  name: z.string(),
  gender,
  roles: list(z.enum(ROLES)),
  teacherStatus: z.enum(['pending', 'verified']).optional(),
  verifiedBy: personIdSchema.optional(),
  verifiedAt: z.number().optional(),
  classIds: list(z.string()),
  classTeacherOf: list(z.string()),
  subjects: list(z.string()),
  childName: z.string().optional(),
  joinedAt: z.number(),
};
export const memberSchema: z.ZodType<Member> = z.discriminatedUnion('status', [
  z.object({ ...memberBase, status: z.literal('active') }),
  z.object({ ...memberBase, status: z.literal('left'), leftAt: z.number() }),
]);

const parentLinks = z.array(z.object({ childName: z.string(), childId: personIdSchema.optional() })).min(1);

/** Reads a value of a class's parents hash: a JSON list of the parent's children in the class. */
export function parseParentLinks(raw: string): ParentLink[] {
  return parentLinks.parse(JSON.parse(raw)).map((l) => (l.childId === undefined ? { childName: l.childName } : { childName: l.childName, childId: l.childId }));
}

export const auditEntrySchema: z.ZodType<AuditEntry> = z.object({
  id: z.number().int(),
  at: z.number(),
  actor: actorId,
  action: z.string(),
  target: z.object({
    classId: z.string().optional(),
    inviteId: z.string().optional(),
    requestId: z.string().optional(),
    personId: personIdSchema.optional(),
  }),
  details: z.record(z.string(), z.union([z.number(), z.string(), z.boolean()])).optional(),
});

/** Parses a stored JSON record (or `undefined` for a missing key). */
export function parseRecord<T>(schema: z.ZodType<T>, raw: string | null | undefined): T | undefined {
  if (raw === null || raw === undefined) return undefined;
  return schema.parse(JSON.parse(raw));
}

/**
 * Reads many JSON records in one round trip, skipping missing keys. One MGET: the keys must be of one
 * school (one Redis Cluster slot, its hash tag), or a cluster refuses it with CROSSSLOT.
 */
export async function readRecords<T>(redis: RedisClient, schema: z.ZodType<T>, keys: string[]): Promise<T[]> {
  if (keys.length === 0) return [];
  const raws = await redis.mget(...keys);
  const out: T[] = [];
  for (const raw of raws) {
    const rec = parseRecord(schema, raw);
    if (rec !== undefined) out.push(rec);
  }
  return out;
}
