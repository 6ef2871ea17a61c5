/**
 * Invite links (F05, F11): per class × role, with a long token for the deep
 * link and a short code to type by hand; expiry, use limit, revocation. Using
 * an invite creates a pending join request in the same atomic step, so the
 * last use goes to exactly one person.
 */
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
import { LuaScript } from './lua.js';
import { can } from './permissions.js';
import { inviteSchema, joinRequestSchema, parseRecord, readRecords } from './records.js';
import {
  DAY_MS,
  INVITE_LIMITS,
  INVITE_ROLES,
  type ActorId,
  type Applicant,
  type ApplicantInput,
  type Invite,
  type InviteRole,
  type InviteState,
  type InviteUseResult,
  type InviteView,
} from './types.js';

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

/**
 * Stores a new invite and claims its global token and code. ARGV[3] = invite
 * JSON without id, [4] token key, [5] code key, [6] school id, [7] index lifetime (ms).
 */
const CREATE = new LuaScript(
  'invites.create',
  `
local inv = cjson.decode(ARGV[3])
local c = getJson(kClass(inv.classId))
if not c then return jenc({ error = 'class_not_found' }) end
if c.status ~= 'active' then return jenc({ error = 'class_archived' }) end
if (inv.role == 'teacher') ~= (c.kind == 'staff') then return jenc({ error = 'wrong_target' }) end
if redis.call('EXISTS', ARGV[4]) == 1 or redis.call('EXISTS', ARGV[5]) == 1 then
  return jenc({ error = 'collision' })
end
inv.id = 'i' .. redis.call('INCR', kSeq('invite'))
local ref = cjson.encode({ schoolId = ARGV[6], inviteId = inv.id })
redis.call('SET', ARGV[4], ref)
redis.call('SET', ARGV[5], ref)
redis.call('PEXPIRE', ARGV[4], ARGV[7])
redis.call('PEXPIRE', ARGV[5], ARGV[7])
redis.call('SET', kInvite(inv.id), jenc(inv))
redis.call('ZADD', kInvites(), inv.createdAt, inv.id)
redis.call('SADD', kClassInvites(inv.classId), inv.id)
if type(inv.createdBy) == 'number' then redis.call('SADD', kInvitesByAuthor(inv.createdBy), inv.id) end
audit(inv.createdBy, 'invite.created', { inviteId = inv.id, classId = inv.classId }, { role = inv.role, maxUses = inv.maxUses })
return jenc({ invite = inv })
`,
);

/**
 * Takes one use of an invite and files a pending join request, or says why
 * not. ARGV[3] = invite id, ARGV[4] = applicant JSON (role and class from the invite).
 */
const USE = new LuaScript(
  'invites.use',
  `
local inv = getJson(kInvite(ARGV[3]))
if not inv then return jenc({ ok = false, reason = 'not_found' }) end
if inv.revoked then return jenc({ ok = false, reason = 'revoked' }) end
if inv.uses >= inv.maxUses then return jenc({ ok = false, reason = 'used_up' }) end
if NOW >= inv.expiresAt then return jenc({ ok = false, reason = 'expired' }) end
local c = getJson(kClass(inv.classId))
if not c or c.status ~= 'active' then return jenc({ ok = false, reason = 'revoked' }) end
local a = cjson.decode(ARGV[4])
local cid = inv.classId
local member = false
if inv.role == 'student' then member = redis.call('SISMEMBER', kStudents(cid), a.vkId) == 1
elseif inv.role == 'parent' then
  -- A parent may join a class once per child: the same child (by name or linked student) is a repeat.
  local key = nameKey(a.childName)
  for _, l in ipairs(getLinks(cid, a.vkId)) do
    if nameKey(l.childName) == key then member = true end
    local child = l.childVkId and getMember(l.childVkId)
    if child and nameKey(child.name) == key then member = true end
  end
else member = redis.call('SISMEMBER', kTeachers(cid), a.vkId) == 1 end
if member then return jenc({ ok = false, reason = 'already_member' }) end
local field = openField(a)
local open = redis.call('HGET', kRequestsOpen(), field)
if open then return jenc({ ok = false, reason = 'already_pending', requestId = open }) end
inv.uses = inv.uses + 1
redis.call('SET', kInvite(inv.id), jenc(inv))
local rid = 'r' .. redis.call('INCR', kSeq('request'))
local req = { id = rid, inviteId = inv.id, applicant = a, createdAt = NOW, status = 'pending' }
redis.call('SET', kRequest(rid), jenc(req))
redis.call('ZADD', kRequestsPending(), NOW, rid)
redis.call('HSET', kRequestsOpen(), field, rid)
redis.call('SADD', kRequestsOf(a.vkId), rid)
audit(a.vkId, 'invite.used', { inviteId = inv.id, requestId = rid, classId = cid, vkId = a.vkId })
return jenc({ ok = true, request = req })
`,
);

/** Revokes one invite (idempotent; audited only when it changes). ARGV[3] = id, ARGV[4] = actor. */
const REVOKE = new LuaScript(
  'invites.revoke',
  `
local inv = getJson(kInvite(ARGV[3]))
if not inv then return jenc({ error = 'not_found' }) end
if inv.revoked then return jenc({ invite = inv, changed = false }) end
inv.revoked = true
inv.revokedAt = NOW
if ARGV[4] == 'system' then inv.revokedBy = 'system' else inv.revokedBy = tonumber(ARGV[4]) end
redis.call('SET', kInvite(inv.id), jenc(inv))
audit(inv.revokedBy, 'invite.revoked', { inviteId = inv.id, classId = inv.classId })
return jenc({ invite = inv, changed = true })
`,
);

/**
 * Revokes every active invite nobody used, and audits how many (even none).
 * ARGV[3] = actor, ARGV[4] = class id or '' for all, ARGV[5] = JSON list of
 * roles it may touch.
 */
const REVOKE_UNUSED = new LuaScript(
  'invites.revokeUnused',
  `
local ids
if ARGV[4] == '' then ids = redis.call('ZRANGE', kInvites(), 0, -1) else ids = redis.call('SMEMBERS', kClassInvites(ARGV[4])) end
local roles = cjson.decode(ARGV[5])
local by = ARGV[3]
if by ~= 'system' then by = tonumber(by) end
local revoked = {}
for _, id in ipairs(ids) do
  local inv = getJson(kInvite(id))
  if inv and not inv.revoked and inv.uses == 0 and NOW < inv.expiresAt and has(roles, inv.role) then
    inv.revoked = true
    inv.revokedAt = NOW
    inv.revokedBy = by
    redis.call('SET', kInvite(id), jenc(inv))
    table.insert(revoked, id)
  end
end
local target = {}
if ARGV[4] ~= '' then target.classId = ARGV[4] end
audit(by, 'invite.revoked_unused', target, { count = #revoked })
return jenc({ revoked = revoked })
`,
);

/** Checks the code throttle, looks the code up, and counts a miss. ARGV[3] = throttle key, [4] code key, [5] max, [6] window. */
const LOOKUP_CODE = new LuaScript(
  'invites.lookupCode',
  `
local key, max, window = ARGV[3], tonumber(ARGV[5]), tonumber(ARGV[6])
redis.call('ZREMRANGEBYSCORE', key, '-inf', NOW - window)
local fails = redis.call('ZCARD', key)
if fails >= max then
  local oldest = redis.call('ZRANGE', key, 0, 0, 'WITHSCORES')
  return jenc({ throttled = true, retryAfterMs = tonumber(oldest[2]) + window - NOW })
end
local hit = redis.call('GET', ARGV[4])
if hit then return jenc({ hit = hit }) end
redis.call('ZADD', key, NOW, NOW .. ':' .. redis.call('INCR', key .. ':n'))
redis.call('PEXPIRE', key, window)
redis.call('PEXPIRE', key .. ':n', window)
return jenc({ attemptsLeft = max - fails - 1 })
`,
);

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
    for (let attempt = 0; attempt < 5; attempt++) {
      const token = newInviteToken();
      const code = newInviteCode();
      const body = { classId, role, token, code, createdBy: actor, createdAt, expiresAt, maxUses, uses: 0, revoked: false };
      const reply = (await CREATE.run(redis, keys.base, createdAt, [
        JSON.stringify(body),
        global.inviteToken(token),
        global.inviteCode(code),
        schoolId,
        ttlMs + INVITE_INDEX_GRACE_MS,
      ])) as { error?: string; invite?: unknown };
      if (reply.error === 'collision') continue;
      if (reply.error === 'class_not_found') throw new NotFoundError('class', classId);
      if (reply.error === 'class_archived') throw new ClassArchivedError(classId);
      if (reply.error === 'wrong_target') throw new InviteTargetError(role, classId);
      return inviteSchema.parse(reply.invite);
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
  async findByCode(vkId: number, typed: string): Promise<CodeLookupResult> {
    const { global } = this.ctx;
    const code = normaliseInviteCode(typed);
    const reply = (await LOOKUP_CODE.apply(this.ctx, [
      global.codeThrottle(vkId),
      global.inviteCode(code),
      this.throttle.maxFailures,
      this.throttle.windowMs,
    ])) as { throttled?: boolean; retryAfterMs?: number; hit?: string; attemptsLeft?: number };
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
    const reply = (await USE.apply(this.ctx, [inviteId, JSON.stringify(applicant)])) as {
      ok: boolean;
      reason?: string;
      requestId?: string;
      request?: unknown;
    };
    if (!reply.ok) {
      if (reply.reason === 'already_pending') return { ok: false, reason: 'already_pending', requestId: reply.requestId ?? '' };
      if (reply.reason === 'already_member') return { ok: false, reason: 'already_member' };
      return { ok: false, reason: (reply.reason ?? 'not_found') as 'not_found' | 'expired' | 'revoked' | 'used_up' };
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
    const reply = (await REVOKE.apply(this.ctx, [inviteId, String(actor)])) as { error?: string; invite?: unknown };
    if (reply.error) throw new NotFoundError('invite', inviteId);
    return inviteSchema.parse(reply.invite);
  }

  /**
   * Revokes every active invite with no uses (F11) and returns how many. An
   * admin may do it school-wide; a class teacher only for their class, and
   * only student and parent invites.
   */
  async revokeAllUnused(actor: ActorId, filter: { classId?: string } = {}): Promise<number> {
    let roles: InviteRole[] = [...INVITE_ROLES];
    if (actor !== 'system') {
      const member = (await loadMember(this.ctx, actor)) ?? null;
      if (!can(member, 'invite.revoke')) {
        const { classId } = filter;
        if (classId === undefined || !can(member, 'invite.revoke', { classId, role: 'student' })) {
          throw new PermissionDeniedError('invite.revoke', actor);
        }
        roles = ['student', 'parent'];
      }
    }
    const reply = (await REVOKE_UNUSED.apply(this.ctx, [
      String(actor),
      filter.classId ?? '',
      JSON.stringify(roles),
    ])) as { revoked: unknown };
    return Array.isArray(reply.revoked) ? reply.revoked.length : 0;
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
    const ref = JSON.parse(raw) as { schoolId?: string; inviteId?: string | null };
    if (!ref.schoolId || !ref.inviteId) return undefined;
    const key = schoolKeys(this.ctx.prefix, ref.schoolId).inviteRecord(ref.inviteId);
    const invite = parseRecord(inviteSchema, await this.ctx.redis.get(key));
    return invite ? { schoolId: ref.schoolId, invite, state: inviteState(invite, this.ctx.now()) } : undefined;
  }
}

/** Builds the applicant record the invite's role needs; throws InvalidApplicantError if data is missing. */
function toApplicant(invite: Invite, input: ApplicantInput): Applicant {
  if (input.consent !== true) throw new InvalidApplicantError('consent to data processing is required');
  const name = input.name.trim();
  if (!Number.isInteger(input.vkId) || input.vkId <= 0) throw new InvalidApplicantError('vkId must be a positive integer');
  if (name === '') throw new InvalidApplicantError('name is required');
  const base = { vkId: input.vkId, name, classId: invite.classId, consent: true as const };
  switch (invite.role) {
    case 'student':
      return { ...base, role: 'student' };
    case 'parent': {
      const childName = input.childName?.trim() ?? '';
      if (childName === '') throw new InvalidApplicantError("a parent must name their child");
      return { ...base, role: 'parent', childName };
    }
    case 'teacher':
      return { ...base, role: 'teacher', subjects: (input.subjects ?? []).map((s) => s.trim()).filter(Boolean) };
  }
}
