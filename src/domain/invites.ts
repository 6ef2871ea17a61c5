/**
 * Invite links (F05, F11): per class × role, with a long token for the deep
 * link and a short code to type by hand; expiry, use limit, revocation. Using
 * an invite creates a pending join request in the same atomic step, so the
 * last use goes to exactly one person.
 */
import { checkPersonName, MAX_NAME_LENGTH } from './person-names.js';
import { randomBytes, randomInt } from 'node:crypto';
import { authorize, loadMember, type ServiceContext } from './context.js';
import {
  ClassArchivedError,
  InvalidApplicantError,
  InvalidInviteOptionsError,
  InviteTargetError,
  NotFoundError,
  PermissionDeniedError,
} from './errors.js';
import { schoolKeys } from './keys.js';
import { LuaScript, luaList } from './lua.js';
import { z } from 'zod';
import { can } from './permissions.js';
import { inviteSchema, joinRequestSchema, parseRecord, readRecords } from './records.js';
import {
  DAY_MS,
  INVITE_LIMITS,
  type ActorId,
  type Applicant,
  type ApplicantInput,
  type Invite,
  type InviteRole,
  type InviteState,
  type InviteUseResult,
  type InviteView,
} from './types.js';
import { asPersonId, type PersonId } from './person.js';

/** Code alphabet without look-alikes: no 0/O, 1/I/L, U/V pairs that people misread. */
export const INVITE_CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTWXYZ';
export const INVITE_CODE_LENGTH = 8;
/** 18 random bytes = 144 bits, 24 base64url characters. */
export const INVITE_TOKEN_BYTES = 18;
/** How long an expired invite can still be found (to say "expired" rather than "unknown"). */
export const INVITE_INDEX_GRACE_MS = 30 * 24 * 3600_000;

export interface CodeThrottleOptions {
  maxFailures: number;
  windowMs: number;
}
export const DEFAULT_CODE_THROTTLE: CodeThrottleOptions = { maxFailures: 5, windowMs: 10 * 60_000 };

/** Result of typing a code by hand. */
export type CodeLookupResult =
  | { ok: true; view: InviteView }
  | { ok: false; reason: 'not_found'; attemptsLeft: number }
  | { ok: false; reason: 'throttled'; retryAfterMs: number };

export interface CreateInviteOptions {
  classId: string;
  role: InviteRole;
  ttlMs?: number;
  maxUses?: number;
}

/** The state of an invite at `now`: revoked wins over used up, used up over expired. */
export function inviteState(invite: Invite, now: number): InviteState {
  if (invite.revoked) return 'revoked';
  if (invite.uses >= invite.maxUses) return 'used_up';
  if (now >= invite.expiresAt) return 'expired';
  return 'active';
}

/** A fresh random token (base64url, 144 bits). */
export function newInviteToken(): string {
  return randomBytes(INVITE_TOKEN_BYTES).toString('base64url');
}

/** A fresh random 8-character code from {@link INVITE_CODE_ALPHABET}. */
export function newInviteCode(): string {
  let code = '';
  for (let i = 0; i < INVITE_CODE_LENGTH; i++) code += INVITE_CODE_ALPHABET[randomInt(INVITE_CODE_ALPHABET.length)];
  return code;
}

/** Cyrillic letters typed on a Russian layout that look like the Latin ones of the code. */
const CYRILLIC_TO_LATIN: Readonly<Record<string, string>> = {
  А: 'A', В: 'B', Е: 'E', К: 'K', М: 'M', Н: 'H', О: 'O', Р: 'P', С: 'C', Т: 'T', Х: 'X', У: 'Y',
};

/** Canonical form of a typed code: upper case, no spaces or dashes, Cyrillic look-alikes as Latin. */
export function normaliseInviteCode(input: string): string {
  return Array.from(input.replace(/[\s\-‐‑‒–—_]/gu, '').toLocaleUpperCase('ru-RU'))
    .map((ch) => CYRILLIC_TO_LATIN[ch] ?? ch)
    .join('');
}

/** Whether typed text has the shape of a code (8 Latin letters or digits once normalised), so a greeting is not counted as a wrong code. */
export function looksLikeInviteCode(input: string): boolean {
  return new RegExp(`^[A-Z0-9]{${INVITE_CODE_LENGTH}}$`).test(normaliseInviteCode(input));
}

const errorReply = z.object({ error: z.string().optional() });

/**
 * Stores a new invite whose token and code are claimed (school slot). ARGV[2] = invite JSON
 * without id. Audits the creation. The author's right (`invite.create` for the class and role) is
 * checked in the same step: `forbidden` when it was taken away since `authorize`.
 */
const CREATE = new LuaScript('invites-create', errorReply.extend({ invite: z.unknown().optional() }));

/**
 * The global token and code index (slot `{invite-index}`): KEYS = [index base, token key, code
 * key]; ARGV[2] = 'claim' | 'set' | 'release', [3] reference JSON, [4] lifetime (ms).
 */
const INDEX = new LuaScript('invites-index', z.object({ ok: z.boolean() }), 'global');

/**
 * Takes one use of an invite and files a pending join request, or says why not. ARGV[2] = invite
 * id, [3] = applicant JSON (role and class from the invite). The applicant needs no right; the
 * invite's state (revoked, used up, expired) is read in the same step as the use is taken.
 */
const USE = new LuaScript(
  'invites-use',
  z.object({
    ok: z.boolean(),
    reason: z.enum(['not_found', 'expired', 'revoked', 'outdated', 'used_up', 'already_member', 'already_pending']).optional(),
    requestId: z.string().optional(),
    request: z.unknown().optional(),
  }),
);

/**
 * Revokes one invite (idempotent; audited only when it changes), if the actor may — checked in
 * the same step. ARGV[2] = id, [3] = actor.
 */
const REVOKE = new LuaScript('invites-revoke', errorReply.extend({ invite: z.unknown().optional() }));

/**
 * Revokes every active invite nobody used, and audits how many (even none). ARGV[2] = actor,
 * [3] = class id or '' for all. The script reads the actor's right itself: an admin revokes any,
 * a class teacher of the class its student and parent invites.
 */
const REVOKE_UNUSED = new LuaScript('invites-revoke-unused', errorReply.extend({ revoked: luaList(z.string()) }));

/**
 * Checks the code throttle, looks the code up, and counts a miss (slot `{invite-index}`):
 * KEYS = [index base, throttle key, code key]; ARGV[2] = max misses, [3] window (ms).
 */
const LOOKUP_CODE = new LuaScript(
  'invites-lookup-code',
  z.object({
    throttled: z.boolean().optional(),
    retryAfterMs: z.number().optional(),
    hit: z.string().optional(),
    attemptsLeft: z.number().optional(),
  }),
  'global',
);

/** A reference of the global index: the invite's school and id (null while its creation is under way). */
const indexRef = z.object({ schoolId: z.string().optional(), inviteId: z.string().nullish() });

export class InviteService {
  constructor(
    private readonly ctx: ServiceContext,
    private readonly throttle: CodeThrottleOptions = DEFAULT_CODE_THROTTLE,
  ) {}

  /** Creates an invite for a class and role; teachers to the staff room only, students/parents to regular classes. */
  async create(actor: ActorId, options: CreateInviteOptions): Promise<Invite> {
    const { classId, role } = options;
    await authorize(this.ctx, actor, 'invite.create', { classId, role });
    const ttlMs = options.ttlMs ?? INVITE_LIMITS.defaultDays * DAY_MS;
    const maxUses = options.maxUses ?? INVITE_LIMITS.defaultUses;
    const maxTtlMs = INVITE_LIMITS.maxDays * DAY_MS;
    if (!Number.isInteger(ttlMs) || ttlMs <= 0 || ttlMs > maxTtlMs) {
      throw new InvalidInviteOptionsError(`ttlMs must be 1..${maxTtlMs}`);
    }
    if (!Number.isInteger(maxUses) || maxUses < 1 || maxUses > INVITE_LIMITS.maxUses) {
      throw new InvalidInviteOptionsError(`maxUses must be 1..${INVITE_LIMITS.maxUses}`);
    }
    const { redis, keys, global, now, schoolId } = this.ctx;
    const createdAt = now();
    const expiresAt = createdAt + ttlMs;
    const lifetime = ttlMs + INVITE_INDEX_GRACE_MS;
    for (let attempt = 0; attempt < 5; attempt++) {
      const token = newInviteToken();
      const code = newInviteCode();
      // The token and code live in the global index (another Cluster slot than the school's), so they
      // are claimed first, then the invite is stored in the school's slot, then the index points at it.
      const indexKeys = [global.inviteIndexBase, global.inviteToken(token), global.inviteCode(code)];
      const placeholder = JSON.stringify({ schoolId, inviteId: null });
      if (!(await INDEX.run(redis, indexKeys, createdAt, ['claim', placeholder, lifetime])).ok) continue;
      const body = { classId, role, token, code, createdBy: actor, createdAt, expiresAt, maxUses, uses: 0, revoked: false };
      const reply = await CREATE.run(redis, [keys.base], createdAt, [JSON.stringify(body)]);
      if (reply.error) {
        await INDEX.run(redis, indexKeys, createdAt, ['release', placeholder, lifetime]);
        if (reply.error === 'forbidden') throw new PermissionDeniedError('invite.create', actor);
        if (reply.error === 'class_not_found') throw new NotFoundError('class', classId);
        if (reply.error === 'class_archived') throw new ClassArchivedError(classId);
        if (reply.error === 'wrong_target') throw new InviteTargetError(role, classId);
        throw new Error(`invites.create failed: ${reply.error}`);
      }
      const invite = inviteSchema.parse(reply.invite);
      await INDEX.run(redis, indexKeys, createdAt, ['set', JSON.stringify({ schoolId, inviteId: invite.id }), lifetime]);
      return invite;
    }
    throw new Error('could not find a free invite code after 5 attempts');
  }

  /** An invite of this school by id, or `undefined`. */
  async get(inviteId: string): Promise<Invite | undefined> {
    return parseRecord(inviteSchema, await this.ctx.redis.get(this.ctx.keys.inviteRecord(inviteId)));
  }

  /** Finds an invite by its deep-link token (any school of this deployment). */
  async findByToken(token: string): Promise<InviteView | undefined> {
    const hit = await this.ctx.redis.get(this.ctx.global.inviteToken(token.trim()));
    return hit ? this.viewFromIndex(hit) : undefined;
  }

  /** Finds an invite by a hand-typed code; after too many misses the user must wait (`retryAfterMs`). */
  async findByCode(personId: PersonId, typed: string): Promise<CodeLookupResult> {
    const { global } = this.ctx;
    const code = normaliseInviteCode(typed);
    const reply = await LOOKUP_CODE.run(
      this.ctx.redis,
      [global.inviteIndexBase, global.codeThrottle(personId), global.inviteCode(code)],
      this.ctx.now(),
      [this.throttle.maxFailures, this.throttle.windowMs],
      this.ctx.operationKey?.(),
    );
    if (reply.throttled) return { ok: false, reason: 'throttled', retryAfterMs: Math.max(0, reply.retryAfterMs ?? 0) };
    const view = reply.hit ? await this.viewFromIndex(reply.hit) : undefined;
    if (!view) return { ok: false, reason: 'not_found', attemptsLeft: Math.max(0, reply.attemptsLeft ?? 0) };
    return { ok: true, view };
  }

  /** Uses an invite of this school: takes one use and files a pending join request atomically. */
  async use(inviteId: string, input: ApplicantInput): Promise<InviteUseResult> {
    const invite = await this.get(inviteId);
    if (!invite) return { ok: false, reason: 'not_found' };
    const applicant = toApplicant(invite, input);
    const reply = await USE.apply(this.ctx, [inviteId, JSON.stringify(applicant), input.awaitingParentConsent && invite.role === 'student' ? 'parent' : '']);
    if (!reply.ok) {
      const reason = reply.reason ?? 'not_found';
      if (reason === 'already_pending') return { ok: false, reason, requestId: reply.requestId ?? '' };
      return { ok: false, reason };
    }
    const request = joinRequestSchema.parse(reply.request);
    if (request.status !== 'pending') throw new Error('new join request is not pending');
    return { ok: true, request };
  }

  /** Revokes one invite; idempotent. */
  async revoke(actor: ActorId, inviteId: string): Promise<Invite> {
    const existing = await this.get(inviteId);
    if (!existing) throw new NotFoundError('invite', inviteId);
    await authorize(this.ctx, actor, 'invite.revoke', { classId: existing.classId, role: existing.role });
    const reply = await REVOKE.apply(this.ctx, [inviteId, String(actor)]);
    if (reply.error === 'forbidden') throw new PermissionDeniedError('invite.revoke', actor);
    if (reply.error) throw new NotFoundError('invite', inviteId);
    return inviteSchema.parse(reply.invite);
  }

  /**
   * Revokes every active invite with no uses (F11) and returns how many. An
   * admin may do it school-wide; a class teacher only for their class, and
   * only student and parent invites.
   */
  async revokeAllUnused(actor: ActorId, filter: { classId?: string } = {}): Promise<number> {
    if (actor !== 'system') {
      const member = (await loadMember(this.ctx, actor)) ?? null;
      const { classId } = filter;
      if (!can(member, 'invite.revoke') && (classId === undefined || !can(member, 'invite.revoke', { classId, role: 'student' }))) {
        throw new PermissionDeniedError('invite.revoke', actor);
      }
    }
    const reply = await REVOKE_UNUSED.apply(this.ctx, [String(actor), filter.classId ?? '']);
    if (reply.error === 'forbidden') throw new PermissionDeniedError('invite.revoke', actor);
    return reply.revoked.length;
  }

  /** Active invites (newest first) with their use counts, optionally of one class. */
  async listActive(filter: { classId?: string } = {}): Promise<Invite[]> {
    const { redis, keys, now } = this.ctx;
    const ids: string[] = filter.classId
      ? await redis.smembers(keys.classInvites(filter.classId))
      : await redis.zrange(keys.invites, 0, '-1');
    const t = now();
    const invites = await readRecords(redis, inviteSchema, ids.map(keys.inviteRecord));
    return invites.filter((i) => inviteState(i, t) === 'active').sort((a, b) => b.createdAt - a.createdAt);
  }

  /** The invite's state now. */
  stateOf(invite: Invite): InviteState {
    return inviteState(invite, this.ctx.now());
  }

  private async viewFromIndex(raw: string): Promise<InviteView | undefined> {
    const ref = indexRef.safeParse(JSON.parse(raw));
    if (!ref.success) return undefined;
    const { schoolId, inviteId } = ref.data;
    if (!schoolId || !inviteId) return undefined;
    const key = schoolKeys(this.ctx.prefix, schoolId).inviteRecord(inviteId);
    const invite = parseRecord(inviteSchema, await this.ctx.redis.get(key));
    return invite ? { schoolId, invite, state: inviteState(invite, this.ctx.now()) } : undefined;
  }
}

/** Builds the applicant record the invite's role needs; throws InvalidApplicantError if data is missing. */
function toApplicant(invite: Invite, input: ApplicantInput): Applicant {
  if (input.consent !== true) throw new InvalidApplicantError('consent to data processing is required');
  if (asPersonId(input.personId) !== input.personId) throw new InvalidApplicantError('personId must name a person (a messenger user id)');
  const checked = checkPersonName(input.name);
  if (!checked.ok) throw new InvalidApplicantError(`the name must be 2–4 words of letters, at most ${MAX_NAME_LENGTH} characters (${checked.problem})`);
  const name = checked.value;
  const base = { personId: input.personId, name, ...(input.gender ? { gender: input.gender } : {}), classId: invite.classId, consent: true as const, ...(input.consentVersion ? { consentVersion: input.consentVersion } : {}) };
  switch (invite.role) {
    case 'student':
      return { ...base, role: 'student' };
    case 'parent': {
      const child = checkPersonName(input.childName ?? '');
      if (!child.ok) throw new InvalidApplicantError(`a parent must name their child: 2–4 words of letters (${child.problem})`);
      return { ...base, role: 'parent', childName: child.value };
    }
    case 'teacher':
      return { ...base, role: 'teacher', subjects: (input.subjects ?? []).map((s) => s.trim()).filter(Boolean) };
  }
}
