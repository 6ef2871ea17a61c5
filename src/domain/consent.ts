/**
 * A parent's consent to the processing of a young student's personal data (152-ФЗ, art. 9): a
 * student of the grades that need it (CONSENT_PARENT_GRADES) files a request that waits for it;
 * a parent gives it by a single-purpose link, or an admin records a consent received on paper.
 * A parent may withdraw a consent they gave; once an admin confirms, the child's data is removed.
 *
 * Redis (under the school's base): `consent:token:<token>` → request id (expiring),
 * `consent:link:<requestId>` → the request's current token, `consent:of:<studentId>` → the
 * consent record, `consent:by:<parentId>` → SET of the children they consented for,
 * `consent:withdraw:<studentId>` → a withdrawal waiting for an admin.
 */
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import type { ServiceContext } from './context.js';
import { DomainError } from './errors.js';
import { LuaScript } from './lua.js';
import { joinRequestSchema, parseRecord } from './records.js';
import type { ActorId, JoinRequest } from './types.js';
import { comparePersonIds, type PersonId, personIdSchema, storedPersonId } from './person.js';

/** The version of the consent text a consent was given to (locales' `consent-text`); bump it when the text changes. */
export const CONSENT_TEXT_VERSION = '2026-12.2';

/** How long a consent link works. */
export const CONSENT_LINK_TTL_MS = 7 * 24 * 3600 * 1000;

/** A consent on record for a student: given by a parent through the bot, or on paper as an admin recorded. */
export type ConsentRecord =
  | { kind: 'parent'; studentId: PersonId; classId: string; requestId: string; parentId: PersonId; parentName: string; version: string; at: number }
  | { kind: 'paper'; studentId: PersonId; classId: string; requestId: string; recordedBy: PersonId; version: string; at: number };

const consentSchema: z.ZodType<ConsentRecord> = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('parent'),
    studentId: personIdSchema,
    classId: z.string(),
    requestId: z.string(),
    parentId: personIdSchema,
    parentName: z.string(),
    version: z.string(),
    at: z.number(),
  }),
  z.object({
    kind: z.literal('paper'),
    studentId: personIdSchema,
    classId: z.string(),
    requestId: z.string(),
    recordedBy: personIdSchema,
    version: z.string(),
    at: z.number(),
  }),
]);

/** Thrown when an actor who is not an admin tries to record a paper consent or confirm a withdrawal. */
export class ConsentForbiddenError extends DomainError {
  readonly code = 'consent.forbidden';
  constructor(readonly actor: ActorId) {
    super(`${String(actor)} is not an admin: only admins record paper consents and confirm withdrawals`);
  }
}

const LINK = new LuaScript('consent-link', z.object({ ok: z.boolean(), token: z.string().optional(), expiresAt: z.number().optional() }));
const GIVE = new LuaScript(
  'consent-give',
  z.object({ ok: z.boolean(), reason: z.enum(['invalid', 'self']).optional(), request: z.unknown().optional(), parentRequest: z.unknown().optional() }),
);
const PAPER = new LuaScript('consent-paper', z.object({ ok: z.boolean(), reason: z.enum(['forbidden', 'not_found', 'not_waiting']).optional(), request: z.unknown().optional() }));
const WITHDRAW = new LuaScript('consent-withdraw', z.object({ ok: z.boolean(), reason: z.literal('not_yours').optional(), already: z.boolean().optional() }));
const REMOVE = new LuaScript(
  'consent-remove',
  z.object({ ok: z.boolean(), reason: z.enum(['forbidden', 'not_found']).optional(), parentId: personIdSchema.optional(), classId: z.string().optional() }),
);

/** What a parent's answer to a consent link did. */
export type ConsentAnswer =
  | { ok: true; request: JoinRequest; parentRequest?: JoinRequest }
  | { ok: false; reason: 'invalid' | 'self' };

/** What recording a paper consent did. */
export type PaperConsentResult = { ok: true; request: JoinRequest } | { ok: false; reason: 'not_found' | 'not_waiting' };

export class ConsentService {
  constructor(private readonly ctx: ServiceContext) {}

  private key(rest: string): string {
    return `${this.ctx.keys.base}consent:${rest}`;
  }

  /** Gives a waiting request a fresh link token (the previous one stops working); undefined if it waits for nothing. */
  async issueLink(requestId: string): Promise<{ token: string; expiresAt: number } | undefined> {
    const token = `c${randomBytes(12).toString('base64url')}`;
    const reply = await LINK.apply(this.ctx, [requestId, token, this.ctx.now() + CONSENT_LINK_TTL_MS]);
    return reply.ok && reply.token && reply.expiresAt ? { token: reply.token, expiresAt: reply.expiresAt } : undefined;
  }

  /** The request a consent link token stands for, if the token still works and the request still waits. */
  async requestOfToken(token: string): Promise<JoinRequest | undefined> {
    if (!/^c[\w-]{8,40}$/u.test(token)) return undefined;
    const rid = await this.ctx.redis.get(this.key(`token:${token}`));
    if (!rid) return undefined;
    const request = parseRecord(joinRequestSchema, await this.ctx.redis.get(this.ctx.keys.requestRecord(rid)));
    return request?.status === 'pending' && request.awaitingConsent ? request : undefined;
  }

  /** A parent gives (or declines) consent by the link's token, atomically with what it changes. */
  async answer(token: string, parent: { personId: PersonId; name: string }, decision: 'give' | 'decline'): Promise<ConsentAnswer> {
    const reply = await GIVE.apply(this.ctx, [token, parent.personId, parent.name, CONSENT_TEXT_VERSION, decision]);
    if (!reply.ok) return { ok: false, reason: reply.reason ?? 'invalid' };
    const request = joinRequestSchema.parse(reply.request);
    return reply.parentRequest ? { ok: true, request, parentRequest: joinRequestSchema.parse(reply.parentRequest) } : { ok: true, request };
  }

  /** An admin records a paper consent for a waiting request. Throws ConsentForbiddenError for a non-admin. */
  async recordPaper(actor: PersonId, requestId: string): Promise<PaperConsentResult> {
    const reply = await PAPER.apply(this.ctx, [requestId, actor, CONSENT_TEXT_VERSION]);
    if (reply.reason === 'forbidden') throw new ConsentForbiddenError(actor);
    if (!reply.ok) return { ok: false, reason: reply.reason === 'not_waiting' ? 'not_waiting' : 'not_found' };
    return { ok: true, request: joinRequestSchema.parse(reply.request) };
  }

  /** The student requests waiting for a parent's consent, oldest first. */
  async waiting(): Promise<JoinRequest[]> {
    const { redis, keys } = this.ctx;
    const ids = await redis.zrange(keys.requestsPending, 0, '-1');
    const raw = ids.length > 0 ? await redis.mget(ids.map(keys.requestRecord)) : [];
    return raw.map((s) => parseRecord(joinRequestSchema, s)).filter((r): r is JoinRequest => r?.status === 'pending' && r.awaitingConsent === true);
  }

  /** The consent on record for a student, if any. */
  async of(studentId: PersonId): Promise<ConsentRecord | undefined> {
    return parseRecord(consentSchema, await this.ctx.redis.get(this.key(`of:${studentId}`)));
  }

  /** The consents a parent gave, with whether a withdrawal of each is waiting for an admin. */
  async givenBy(parentId: PersonId): Promise<Array<ConsentRecord & { withdrawing: boolean }>> {
    const ids = (await this.ctx.redis.smembers(this.key(`by:${parentId}`))).map(storedPersonId).sort(comparePersonIds);
    const exists = (id: PersonId) => this.ctx.redis.exists(this.key(`withdraw:${id}`));
    const out: Array<ConsentRecord & { withdrawing: boolean }> = [];
    for (const id of ids) {
      const record = await this.of(id);
      if (record?.kind !== 'parent' || record.parentId !== parentId) continue;
      out.push({ ...record, withdrawing: (await exists(id)) === 1 });
    }
    return out;
  }

  /** A parent asks to withdraw the consent they gave for a child; `not_yours` for anyone else. */
  async askWithdraw(parentId: PersonId, studentId: PersonId): Promise<{ ok: true; already: boolean } | { ok: false }> {
    const reply = await WITHDRAW.apply(this.ctx, [studentId, parentId]);
    return reply.ok ? { ok: true, already: reply.already === true } : { ok: false };
  }

  /** An admin confirms a withdrawal: the child's data is removed. Throws ConsentForbiddenError for a non-admin. */
  async confirmWithdraw(actor: PersonId, studentId: PersonId): Promise<{ ok: true; parentId: PersonId; classId: string } | { ok: false }> {
    const reply = await REMOVE.apply(this.ctx, [studentId, actor]);
    if (reply.reason === 'forbidden') throw new ConsentForbiddenError(actor);
    if (!reply.ok || reply.parentId === undefined || reply.classId === undefined) return { ok: false };
    return { ok: true, parentId: reply.parentId, classId: reply.classId };
  }
}
