/**
 * Meetings of the administration (F22): the head, a deputy or an admin plans one (title, time,
 * place or call link, audience), moves or cancels it. The record keeps whom it invited, so that a
 * move or a cancellation reaches the same people. Each change runs in a Lua script keyed by the
 * operation, so a run repeated after a crash makes one meeting and moves it once.
 */
import { z } from 'zod';
import type { ServiceContext } from './context.js';
import { NotFoundError, PermissionDeniedError } from './errors.js';
import { LuaScript, luaList } from './lua.js';
import { effectiveRoles } from './permissions.js';
import { memberSchema, parseParentLinks, readRecords } from './records.js';
import { STAFF_ROLES, type ActorId, type Member } from './types.js';
import { comparePersonIds, type PersonId, personIdSchema, storedPersonId } from './person.js';

/** Whom a meeting is for: the deputies (with the head), all staff, or one class's parents. */
export const MEETING_AUDIENCES = ['deputies', 'staff', 'parents'] as const;
export type MeetingAudienceKind = (typeof MEETING_AUDIENCES)[number];

export type MeetingAudience = { kind: 'deputies' } | { kind: 'staff' } | { kind: 'parents'; classId: string };

export interface Meeting {
  id: string;
  status: 'planned' | 'cancelled';
  /** Raised by every move: the reminders of an older version are stale. */
  version: number;
  title: string;
  /** When it starts (ms epoch). */
  at: number;
  /** A room or a call link; none when skipped. */
  place?: string | undefined;
  audience: MeetingAudience;
  organiser: PersonId;
  /** The people invited (the organiser not among them). */
  invited: PersonId[];
  createdAt: number;
  cancelledAt?: number | undefined;
}

const audienceSchema: z.ZodType<MeetingAudience> = z.union([
  z.object({ kind: z.literal('deputies') }),
  z.object({ kind: z.literal('staff') }),
  z.object({ kind: z.literal('parents'), classId: z.string() }),
]);

export const meetingSchema: z.ZodType<Meeting> = z.object({
  id: z.string(),
  status: z.enum(['planned', 'cancelled']),
  version: z.number().int().positive(),
  title: z.string(),
  at: z.number(),
  place: z.string().optional(),
  audience: audienceSchema,
  organiser: personIdSchema,
  invited: luaList(personIdSchema),
  createdAt: z.number(),
  cancelledAt: z.number().optional(),
});

/** Longest meeting title. */
export const MEETING_TITLE_MAX = 150;
/** Longest place or call link. */
export const MEETING_PLACE_MAX = 300;

const reply = z.object({ error: z.string().optional(), meeting: z.unknown().optional() });

/** Keeps a new meeting. ARGV[2] = actor, [3] JSON input. */
const CREATE = new LuaScript('meetings-create', reply);
/** Moves or cancels one. ARGV[2] = actor, [3] id, [4] op, [5] new time. */
const CHANGE = new LuaScript('meetings-change', reply);

/** Thrown when a meeting to move or cancel was cancelled already. */
export class MeetingCancelledError extends Error {
  override readonly name = 'MeetingCancelledError';
  constructor(readonly meetingId: string) {
    super(`meeting ${meetingId} is cancelled`);
  }
}

export class MeetingService {
  constructor(private readonly ctx: ServiceContext) {}

  async get(id: string): Promise<Meeting | undefined> {
    const raw = await this.ctx.redis.get(this.ctx.keys.meetingRecord(id));
    if (!raw) return undefined;
    const parsed = meetingSchema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : undefined;
  }

  /** The planned meetings that start after `from` (ms), soonest first: of one organiser, or the whole school's (`'all'`). */
  async upcoming(organiser: PersonId | 'all', from: number): Promise<Meeting[]> {
    const { redis, keys } = this.ctx;
    const ids = await redis.zrangebyscore(organiser === 'all' ? keys.meetingsPlanned : keys.meetingsByOrganiser(organiser), from, '+inf');
    const meetings = await readRecords(redis, meetingSchema, ids.map(keys.meetingRecord));
    return meetings.filter((m) => m.status === 'planned').sort((a, b) => a.at - b.at || a.id.localeCompare(b.id));
  }

  /** Who an audience is today: active members, each once, by id; for staff, verified teachers and the administration. */
  async audience(audience: MeetingAudience): Promise<Member[]> {
    const { redis, keys } = this.ctx;
    let ids: string[];
    if (audience.kind === 'parents') {
      const parents = await redis.hgetall(keys.classParents(audience.classId));
      ids = Object.entries(parents)
        .filter(([, raw]) => parseParentLinks(raw).length > 0)
        .map(([id]) => id);
    } else {
      const roles: readonly string[] = audience.kind === 'deputies' ? ['head', 'deputy'] : STAFF_ROLES;
      ids = [...new Set((await Promise.all(roles.map((role) => redis.smembers(keys.role(role))))).flat())];
    }
    const members = await readRecords(redis, memberSchema, ids.map((id) => keys.memberRecord(storedPersonId(id))));
    const wanted: readonly string[] = audience.kind === 'parents' ? ['parent'] : audience.kind === 'deputies' ? ['head', 'deputy'] : STAFF_ROLES;
    return members.filter((m) => effectiveRoles(m).some((role) => wanted.includes(role))).sort((a, b) => comparePersonIds(a.personId, b.personId));
  }

  /** Keeps a planned meeting. Throws PermissionDeniedError, NotFoundError (the class). */
  async create(actor: ActorId, input: { title: string; at: number; place?: string | undefined; audience: MeetingAudience; invited: readonly PersonId[] }): Promise<Meeting> {
    if (actor === 'system') throw new PermissionDeniedError('meeting.plan', actor);
    const done = await CREATE.apply(this.ctx, [String(actor), JSON.stringify({ ...input, place: input.place ?? null })]);
    if (done.error === 'denied') throw new PermissionDeniedError('meeting.plan', actor);
    if (done.error === 'class_not_found') throw new NotFoundError('class', input.audience.kind === 'parents' ? input.audience.classId : '');
    if (done.error) throw new Error(`meetings-create failed: ${done.error}`);
    return meetingSchema.parse(done.meeting);
  }

  /** Moves a meeting to `at` (its organiser, or an admin or the head). Throws PermissionDeniedError, NotFoundError, MeetingCancelledError. */
  move(actor: ActorId, id: string, at: number): Promise<Meeting> {
    return this.change(actor, id, 'move', at);
  }

  /** Cancels a meeting (its organiser, or an admin or the head). Throws PermissionDeniedError, NotFoundError, MeetingCancelledError. */
  cancel(actor: ActorId, id: string): Promise<Meeting> {
    return this.change(actor, id, 'cancel', 0);
  }

  private async change(actor: ActorId, id: string, op: 'move' | 'cancel', at: number): Promise<Meeting> {
    if (actor === 'system') throw new PermissionDeniedError('meeting.plan', actor);
    const done = await CHANGE.apply(this.ctx, [String(actor), id, op, at]);
    if (done.error === 'denied') throw new PermissionDeniedError('meeting.plan', actor);
    if (done.error === 'not_found') throw new NotFoundError('meeting', id);
    if (done.error === 'cancelled') throw new MeetingCancelledError(id);
    if (done.error) throw new Error(`meetings-change failed: ${done.error}`);
    return meetingSchema.parse(done.meeting);
  }
}
