/**
 * Broadcasts, webinars and online lessons (F13, F26, F31): an event at a time with a link, announced
 * to an audience — a broadcast to the school, a class or the staff (the administration plans it), a
 * webinar or seminar for the staff (likewise), an online lesson in a subject chat (its teacher). The
 * record keeps where the announcement went (the chat, and who got a private copy), so that the
 * reminders, a move and a cancellation reach the same people. Each change runs in a Lua script keyed
 * by the operation, so a run repeated after a crash keeps one event and moves it once.
 */
import { z } from 'zod';
import type { ServiceContext } from './context.js';
import { NotFoundError, PermissionDeniedError } from './errors.js';
import { LuaScript, luaList } from './lua.js';
import type { Action } from './permissions.js';
import { readRecords } from './records.js';
import type { ActorId } from './types.js';
import { type PersonId, personIdSchema } from './person.js';

/** `broadcast` (трансляция), `webinar` (вебинар или семинар для педагогов), `lesson` (онлайн-урок в учебном чате). */
export const BROADCAST_KINDS = ['broadcast', 'webinar', 'lesson'] as const;
export type BroadcastKind = (typeof BROADCAST_KINDS)[number];

/** Whom it is announced to: the whole school, the staff, one class (its students and parents), or one subject chat. */
export type BroadcastAudience = { kind: 'school' } | { kind: 'staff' } | { kind: 'class'; classId: string } | { kind: 'chat'; studyChatId: string };

export interface Broadcast {
  id: string;
  kind: BroadcastKind;
  status: 'planned' | 'cancelled';
  /** Raised by every move: the reminders of an older version are stale. */
  version: number;
  /** The title typed (a lesson's is its chat's subject). */
  title: string;
  /** When it starts (ms epoch). */
  at: number;
  link: string;
  audience: BroadcastAudience;
  organiser: PersonId;
  /** The chat the announcement was posted in (the channel's, or the subject chat); none when it went privately only. */
  chat?: number | undefined;
  /** Who got a private copy of the announcement: the reminders, a move and a cancellation go to them again. */
  recipients: PersonId[];
  /** How many of the audience the private copy did not reach. */
  missed: number;
  createdAt: number;
  cancelledAt?: number | undefined;
}

const audienceSchema: z.ZodType<BroadcastAudience> = z.union([
  z.object({ kind: z.literal('school') }),
  z.object({ kind: z.literal('staff') }),
  z.object({ kind: z.literal('class'), classId: z.string() }),
  z.object({ kind: z.literal('chat'), studyChatId: z.string() }),
]);

export const broadcastSchema: z.ZodType<Broadcast> = z.object({
  id: z.string(),
  kind: z.enum(BROADCAST_KINDS),
  status: z.enum(['planned', 'cancelled']),
  version: z.number().int().positive(),
  title: z.string(),
  at: z.number(),
  link: z.string(),
  audience: audienceSchema,
  organiser: personIdSchema,
  chat: z.number().int().optional(),
  recipients: luaList(personIdSchema),
  missed: z.number().int(),
  createdAt: z.number(),
  cancelledAt: z.number().optional(),
});

/** Longest title of a broadcast or a webinar. */
export const BROADCAST_TITLE_MAX = 150;
/** Longest link. */
export const BROADCAST_LINK_MAX = 500;

/** The right each kind is planned, moved and cancelled with. */
export const BROADCAST_RIGHT: Readonly<Record<BroadcastKind, Action>> = { broadcast: 'broadcast.plan', webinar: 'broadcast.plan', lesson: 'lesson.announce' };

/** What {@link BroadcastService.create} keeps: the event and where its announcement went. */
export interface BroadcastInput {
  kind: BroadcastKind;
  title: string;
  at: number;
  link: string;
  audience: BroadcastAudience;
  chat?: number | undefined;
  recipients: readonly PersonId[];
  missed: number;
}

const reply = z.object({ error: z.string().optional(), broadcast: z.unknown().optional() });

/** Keeps a new event. ARGV[2] = actor, [3] JSON input. */
const CREATE = new LuaScript('broadcasts-create', reply);
/** Moves or cancels one. ARGV[2] = actor, [3] id, [4] op, [5] new time. */
const CHANGE = new LuaScript('broadcasts-change', reply);

/** Thrown when an event to move or cancel was cancelled already. */
export class BroadcastCancelledError extends Error {
  override readonly name = 'BroadcastCancelledError';
  constructor(readonly broadcastId: string) {
    super(`broadcast ${broadcastId} is cancelled; list the upcoming ones again`);
  }
}

/** Thrown when the start asked for has passed (the dialog sat open, or the clock moved on). */
export class BroadcastTimePastError extends Error {
  override readonly name = 'BroadcastTimePastError';
  constructor(readonly at: number) {
    super(`the time ${new Date(at).toISOString()} has passed; ask for a time in the future`);
  }
}

export class BroadcastService {
  constructor(private readonly ctx: ServiceContext) {}

  async get(id: string): Promise<Broadcast | undefined> {
    const raw = await this.ctx.redis.get(this.ctx.keys.broadcastRecord(id));
    if (!raw) return undefined;
    const parsed = broadcastSchema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : undefined;
  }

  /** The planned events (of the kinds asked) that start after `from` (ms), soonest first: of one organiser, or the whole school's (`'all'`). */
  async upcoming(organiser: PersonId | 'all', from: number, kinds: readonly BroadcastKind[] = BROADCAST_KINDS): Promise<Broadcast[]> {
    const { redis, keys } = this.ctx;
    const ids = await redis.zrangebyscore(organiser === 'all' ? keys.broadcastsPlanned : keys.broadcastsByOrganiser(organiser), from, '+inf');
    const found = await readRecords(redis, broadcastSchema, ids.map(keys.broadcastRecord));
    return found.filter((b) => b.status === 'planned' && kinds.includes(b.kind)).sort((a, b) => a.at - b.at || a.id.localeCompare(b.id));
  }

  /**
   * Keeps an announced event. Throws PermissionDeniedError (no right; a lesson in a chat the actor
   * does not teach), NotFoundError (the class or the study chat), BroadcastTimePastError.
   */
  async create(actor: ActorId, input: BroadcastInput): Promise<Broadcast> {
    const right = BROADCAST_RIGHT[input.kind];
    if (actor === 'system') throw new PermissionDeniedError(right, actor);
    const done = await CREATE.apply(this.ctx, [String(actor), JSON.stringify({ ...input, chat: input.chat ?? null })]);
    if (done.error === 'denied') throw new PermissionDeniedError(right, actor);
    if (done.error === 'class_not_found') throw new NotFoundError('class', input.audience.kind === 'class' ? input.audience.classId : '');
    if (done.error === 'chat_not_found') throw new NotFoundError('studyChat', input.audience.kind === 'chat' ? input.audience.studyChatId : '');
    if (done.error === 'past') throw new BroadcastTimePastError(input.at);
    if (done.error) throw new Error(`broadcasts-create failed: ${done.error}`);
    return broadcastSchema.parse(done.broadcast);
  }

  /** Moves an event to `at` (its organiser, or an admin or the head). Throws PermissionDeniedError, NotFoundError, BroadcastCancelledError, BroadcastTimePastError. */
  move(actor: ActorId, id: string, at: number): Promise<Broadcast> {
    return this.change(actor, id, 'move', at);
  }

  /** Cancels an event (its organiser, or an admin or the head). Throws PermissionDeniedError, NotFoundError, BroadcastCancelledError. */
  cancel(actor: ActorId, id: string): Promise<Broadcast> {
    return this.change(actor, id, 'cancel', 0);
  }

  private async change(actor: ActorId, id: string, op: 'move' | 'cancel', at: number): Promise<Broadcast> {
    if (actor === 'system') throw new PermissionDeniedError('broadcast.plan', actor);
    const done = await CHANGE.apply(this.ctx, [String(actor), id, op, at]);
    if (done.error === 'denied') throw new PermissionDeniedError('broadcast.plan', actor);
    if (done.error === 'not_found') throw new NotFoundError('broadcast', id);
    if (done.error === 'cancelled') throw new BroadcastCancelledError(id);
    if (done.error === 'past') throw new BroadcastTimePastError(at);
    if (done.error) throw new Error(`broadcasts-change failed: ${done.error}`);
    return broadcastSchema.parse(done.broadcast);
  }
}
