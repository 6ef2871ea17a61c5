/**
 * Study chats (F25): the subject chat a teacher opens for a class, one a class, subject and
 * teacher; and "other" chats (a club, a project group, a parallel of classes, the teachers of a
 * subject…) with a title and an audience — some classes or a role — one an operation. The messenger creates the chat; the domain reserves it first and records it once made,
 * each step in a Lua script keyed by the operation, so a run repeated after a crash reuses what
 * the first run made instead of making a second chat.
 */
import { z } from 'zod';
import type { ServiceContext } from './context.js';
import { ClassArchivedError, NotFoundError, PermissionDeniedError, StaffRoomImmutableError } from './errors.js';
import { LuaScript } from './lua.js';
import { effectiveRoles } from './permissions.js';
import { memberSchema, parseParentLinks, parseRecord, readRecords } from './records.js';
import { STAFF_ROLES, type ActorId, type Member } from './types.js';
import { comparePersonIds, type PersonId, personIdSchema, storedPersonId } from './person.js';

/** The roles an "other" study chat may be for: all students, all parents, all teachers, the administration. */
export const STUDY_CHAT_ROLES = ['student', 'parent', 'teacher', 'administration'] as const;
export type StudyChatRole = (typeof STUDY_CHAT_ROLES)[number];

/**
 * Who a study chat is for: the students of some classes (and their parents when `parents`), or
 * everyone of a role. A subject chat is for its one class, parents included.
 */
export type StudyChatAudience = { kind: 'class'; classIds: string[]; parents: boolean } | { kind: 'role'; role: StudyChatRole };

/** A study chat: reserved (`pending`) until the messenger made it, then `ready` with its chat id and join link. */
export interface StudyChat {
  id: string;
  status: 'pending' | 'ready';
  title: string;
  /** `subject`: one class and subject, one a teacher; `other`: a club, a project group, a parallel… for any audience. */
  kind: 'subject' | 'other';
  audience: StudyChatAudience;
  /** A subject chat's class (the one class of its audience). */
  classId?: string;
  /** A subject chat's subject, as stored with the teacher (the school's Russian name, or what the teacher typed). */
  subject?: string;
  teacher: PersonId;
  createdAt: number;
  /** When the reservation was taken (a stale one may be taken over). */
  reservedAt: number;
  /** The messenger's chat id, once made. */
  peer?: number;
  /** The join link, once made. */
  link?: string;
}

const audienceSchema: z.ZodType<StudyChatAudience> = z.union([
  z.object({ kind: z.literal('class'), classIds: z.array(z.string()).min(1), parents: z.boolean() }),
  z.object({ kind: z.literal('role'), role: z.enum(STUDY_CHAT_ROLES) }),
]);

/** A record kept before the "other" chats (classId + subject only) reads as a subject chat of its one class. */
function withAudience(raw: unknown): unknown {
  if (!raw || typeof raw !== 'object' || 'audience' in raw) return raw;
  const old = raw as { classId?: unknown };
  return { ...raw, kind: 'subject', audience: { kind: 'class', classIds: typeof old.classId === 'string' ? [old.classId] : [], parents: true } };
}

export const studyChatSchema: z.ZodType<StudyChat> = z.preprocess(withAudience, z.object({
  id: z.string(),
  status: z.enum(['pending', 'ready']),
  title: z.string(),
  kind: z.enum(['subject', 'other']),
  audience: audienceSchema,
  classId: z.string().optional(),
  subject: z.string().optional(),
  teacher: personIdSchema,
  createdAt: z.number(),
  reservedAt: z.number(),
  peer: z.number().int().optional(),
  link: z.string().optional(),
})) as z.ZodType<StudyChat>;

/** The classes a chat is for (none for a role chat). */
export function studyChatClassIds(chat: Pick<StudyChat, 'audience'>): readonly string[] {
  return chat.audience.kind === 'class' ? chat.audience.classIds : [];
}

/** Longest title of a study chat (VK's own limit on chat titles is higher; schools keep them short). */
export const STUDY_CHAT_TITLE_MAX = 100;

/** How long a reservation whose chat never came (its process died) blocks another /chat for the same pair. */
export const STUDY_CHAT_RESERVATION_MS = 60_000;

/**
 * What {@link StudyChatService.reserve} found: `create` — make the chat, then {@link StudyChatService.finish};
 * `created` — this operation already made it (a repeat after a crash): only deliver it again;
 * `exists` — the pair has its chat already; `busy` — another run is making it right now.
 */
export type StudyChatReservation =
  | { kind: 'create'; chat: StudyChat }
  | { kind: 'created'; chat: StudyChat & { status: 'ready' } }
  | { kind: 'exists'; chat: StudyChat & { status: 'ready' } }
  | { kind: 'busy' };

/** Whom a study chat's link goes to: the class's active students and, if asked, their parents. */
export interface StudyChatRecipients {
  students: Member[];
  parents: Member[];
  /** The class's class teachers, who can pass the link on to those the bot cannot reach. */
  classTeachers: Member[];
}

/**
 * Whether a person belongs in a study chat (F25): its teacher, the school's staff (verified
 * teachers and the administration), and its audience — the active students (and parents, when
 * they are of it) of its classes, or everyone of its role. Anyone else who joins by the link is a
 * stranger, whom the teacher may remove.
 */
export function belongsInStudyChat(chat: Pick<StudyChat, 'teacher' | 'audience'>, member: Member | null | undefined): boolean {
  if (!member || member.status !== 'active') return false;
  if (member.personId === chat.teacher) return true;
  const roles = effectiveRoles(member);
  if (roles.some((role) => (STAFF_ROLES as readonly string[]).includes(role))) return true;
  const audience = chat.audience;
  if (audience.kind === 'role') return (roles as readonly string[]).includes(audience.role);
  return member.classIds.some((id) => audience.classIds.includes(id)) && (roles.includes('student') || (audience.parents && roles.includes('parent')));
}

/** The member roles of a role audience. */
const ROLE_MEMBERS: Record<StudyChatRole, readonly string[]> = {
  student: ['student'],
  parent: ['parent'],
  teacher: ['teacher'],
  administration: ['admin', 'head', 'deputy'],
};

const chatReply = z.object({ error: z.string().optional(), classId: z.string().optional(), status: z.enum(['reserved', 'exists', 'busy']).optional(), chat: z.unknown().optional() });

/** Reserves the pair's chat. ARGV[2] = actor, [3] class id, [4] subject, [5] title, [6] reservation lifetime (ms). */
const BEGIN = new LuaScript('study-chats-begin', chatReply);

/** Reserves an "other" chat, one an operation. ARGV[2] = actor, [3] JSON { title, audience }. */
const BEGIN_OTHER = new LuaScript('study-chats-begin-other', chatReply);

/** Records the chat made for a reservation. ARGV[2] = id, [3] chat id, [4] link, [5] actor. */
const FINISH = new LuaScript('study-chats-finish', chatReply);

const isReady = (chat: StudyChat): chat is StudyChat & { status: 'ready' } => chat.status === 'ready' && chat.peer !== undefined && chat.link !== undefined;

export class StudyChatService {
  constructor(private readonly ctx: ServiceContext) {}

  /** A study chat by id. */
  async get(id: string): Promise<StudyChat | undefined> {
    return parseRecord(studyChatSchema, await this.ctx.redis.get(this.ctx.keys.studyChatRecord(id)));
  }

  /** The made chat of a class, subject and teacher, if there is one. */
  async find(teacher: PersonId, classId: string, subject: string): Promise<(StudyChat & { status: 'ready' }) | undefined> {
    const id = await this.ctx.redis.hget(this.ctx.keys.studyChatIndex, `${classId}:${teacher}:${subject}`);
    const chat = id ? await this.get(id) : undefined;
    return chat && isReady(chat) ? chat : undefined;
  }

  /** The made chats of a teacher, oldest first. */
  async ofTeacher(teacher: PersonId): Promise<StudyChat[]> {
    const { redis, keys } = this.ctx;
    return this.read(await redis.smembers(keys.studyChatsByTeacher(teacher)));
  }

  /** The made chat with this messenger chat id, if the bot made it as a study chat. */
  async byPeer(peer: number): Promise<(StudyChat & { status: 'ready' }) | undefined> {
    // A school has tens of study chats, a few hundred at most: reading them all is one MGET.
    return (await this.all()).find((chat): chat is StudyChat & { status: 'ready' } => isReady(chat) && chat.peer === peer);
  }

  /** The made chats of a class, oldest first. */
  async ofClass(classId: string): Promise<StudyChat[]> {
    const { redis, keys } = this.ctx;
    return this.read(await redis.smembers(keys.studyChatsByClass(classId)));
  }

  /** Every made chat of the school, oldest first. */
  async all(): Promise<StudyChat[]> {
    const { redis, keys } = this.ctx;
    return this.read(await redis.zrange(keys.studyChats, '0', '-1'));
  }

  /**
   * Reserves the chat of a class and subject for a teacher (the actor), if the actor may create
   * study chats for the class; throws PermissionDeniedError, NotFoundError, StaffRoomImmutableError,
   * ClassArchivedError.
   */
  async reserve(actor: ActorId, input: { classId: string; subject: string; title: string }): Promise<StudyChatReservation> {
    if (actor === 'system') throw new PermissionDeniedError('studyChat.create', actor);
    const reply = await BEGIN.apply(this.ctx, [String(actor), input.classId, input.subject, input.title, STUDY_CHAT_RESERVATION_MS]);
    switch (reply.error) {
      case undefined:
        break;
      case 'denied':
        throw new PermissionDeniedError('studyChat.create', actor);
      case 'class_not_found':
        throw new NotFoundError('class', input.classId);
      case 'staff':
        throw new StaffRoomImmutableError('study_chat');
      case 'class_archived':
        throw new ClassArchivedError(input.classId);
      default:
        throw new Error(`study-chats.begin failed: ${reply.error}`);
    }
    if (reply.status === 'busy') return { kind: 'busy' };
    const chat = studyChatSchema.parse(reply.chat);
    if (reply.status === 'exists' && isReady(chat)) return { kind: 'exists', chat };
    // Reserved by this operation; a repeat after a crash reads whether the first run got as far as making it.
    const now = (await this.get(chat.id)) ?? chat;
    return isReady(now) ? { kind: 'created', chat: now } : { kind: 'create', chat: now };
  }

  /**
   * Reserves an "other" chat (a club, a project group, a parallel…) for an audience: one chat an
   * operation (a repeat after a crash gets the same reservation, or the chat it made), no
   * uniqueness by class. Throws PermissionDeniedError, NotFoundError, StaffRoomImmutableError, ClassArchivedError.
   */
  async reserveOther(actor: ActorId, input: { title: string; audience: StudyChatAudience }): Promise<Extract<StudyChatReservation, { kind: 'create' | 'created' }>> {
    if (actor === 'system') throw new PermissionDeniedError('studyChat.create', actor);
    const reply = await BEGIN_OTHER.apply(this.ctx, [String(actor), JSON.stringify(input)]);
    const classId = reply.classId ?? '';
    switch (reply.error) {
      case undefined:
        break;
      case 'denied':
        throw new PermissionDeniedError('studyChat.create', actor);
      case 'class_not_found':
        throw new NotFoundError('class', classId);
      case 'staff':
        throw new StaffRoomImmutableError('study_chat');
      case 'class_archived':
        throw new ClassArchivedError(classId);
      default:
        throw new Error(`study-chats.begin-other failed: ${reply.error}`);
    }
    const reserved = studyChatSchema.parse(reply.chat);
    const now = (await this.get(reserved.id)) ?? reserved;
    return isReady(now) ? { kind: 'created', chat: now } : { kind: 'create', chat: now };
  }

  /** The active members of a role audience, by id: verified teachers only; the administration is the admins, the head and the deputies. */
  async membersOfRole(role: StudyChatRole): Promise<Member[]> {
    const { redis, keys } = this.ctx;
    const wanted = ROLE_MEMBERS[role];
    const ids = [...new Set((await Promise.all(wanted.map((r) => redis.smembers(keys.role(r))))).flat())];
    const members = await readRecords(redis, memberSchema, ids.map((id) => keys.memberRecord(storedPersonId(id))));
    return members.filter((m) => m.status === 'active' && effectiveRoles(m).some((r) => wanted.includes(r))).sort((a, b) => comparePersonIds(a.personId, b.personId));
  }

  /** Records the chat the messenger made for a reservation; a second call keeps the first record. */
  async finish(actor: ActorId, id: string, peer: number, link: string): Promise<StudyChat & { status: 'ready' }> {
    const reply = await FINISH.apply(this.ctx, [id, peer, link, String(actor)]);
    if (reply.error === 'not_found') throw new NotFoundError('studyChat', id);
    if (reply.error) throw new Error(`study-chats.finish failed: ${reply.error}`);
    const chat = studyChatSchema.parse(reply.chat);
    if (!isReady(chat)) throw new Error(`study chat ${id} is not ready after finish`);
    return chat;
  }

  /** The class's active students and (if asked) the active parents of the class, for the link. */
  async audience(classId: string, options: { parents: boolean }): Promise<StudyChatRecipients> {
    const { redis, keys } = this.ctx;
    const [studentIds, parentMap, leadIds] = await Promise.all([
      redis.smembers(keys.classStudents(classId)),
      options.parents ? redis.hgetall(keys.classParents(classId)) : Promise.resolve({}),
      redis.smembers(keys.classLeads(classId)),
    ]);
    const read = async (ids: string[]) =>
      (await readRecords(redis, memberSchema, ids.map((id) => keys.memberRecord(storedPersonId(id))))).filter((m) => m.status === 'active').sort((a, b) => comparePersonIds(a.personId, b.personId));
    const parentIds = Object.entries(parentMap as Record<string, string>)
      .filter(([, raw]) => parseParentLinks(raw).length > 0)
      .map(([id]) => id);
    return { students: await read(studentIds), parents: await read(parentIds), classTeachers: await read(leadIds) };
  }

  private async read(ids: string[]): Promise<StudyChat[]> {
    const { redis, keys } = this.ctx;
    const chats = await readRecords(redis, studyChatSchema, ids.map(keys.studyChatRecord));
    return chats.filter(isReady).sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id));
  }
}
