/**
 * Study chats (F25): the subject chat a teacher opens for a class, one a class, subject and
 * teacher. The messenger creates the chat; the domain reserves it first and records it once made,
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

/** A study chat: reserved (`pending`) until the messenger made it, then `ready` with its chat id and join link. */
export interface StudyChat {
  id: string;
  status: 'pending' | 'ready';
  title: string;
  classId: string;
  /** As stored with the teacher (the school's Russian name, or what the teacher typed). */
  subject: string;
  teacher: number;
  createdAt: number;
  /** When the reservation was taken (a stale one may be taken over). */
  reservedAt: number;
  /** The messenger's chat id, once made. */
  peer?: number;
  /** The join link, once made. */
  link?: string;
}

export const studyChatSchema: z.ZodType<StudyChat> = z.object({
  id: z.string(),
  status: z.enum(['pending', 'ready']),
  title: z.string(),
  classId: z.string(),
  subject: z.string(),
  teacher: z.number().int(),
  createdAt: z.number(),
  reservedAt: z.number(),
  peer: z.number().int().optional(),
  link: z.string().optional(),
});

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
export interface StudyChatAudience {
  students: Member[];
  parents: Member[];
  /** The class's class teachers, who can pass the link on to those the bot cannot reach. */
  classTeachers: Member[];
}

/**
 * Whether a person belongs in a study chat (F25): its teacher, the school's staff (verified
 * teachers and the administration), and the active students and parents of its class. Anyone
 * else who joins by the link is a stranger, whom the teacher may remove.
 */
export function belongsInStudyChat(chat: Pick<StudyChat, 'teacher' | 'classId'>, member: Member | null | undefined): boolean {
  if (!member || member.status !== 'active') return false;
  if (member.vkId === chat.teacher) return true;
  const roles = effectiveRoles(member);
  if (roles.some((role) => (STAFF_ROLES as readonly string[]).includes(role))) return true;
  return member.classIds.includes(chat.classId) && (roles.includes('student') || roles.includes('parent'));
}

const chatReply = z.object({ error: z.string().optional(), status: z.enum(['reserved', 'exists', 'busy']).optional(), chat: z.unknown().optional() });

/** Reserves the pair's chat. ARGV[2] = actor, [3] class id, [4] subject, [5] title, [6] reservation lifetime (ms). */
const BEGIN = new LuaScript('study-chats-begin', chatReply);

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
  async find(teacher: number, classId: string, subject: string): Promise<(StudyChat & { status: 'ready' }) | undefined> {
    const id = await this.ctx.redis.hget(this.ctx.keys.studyChatIndex, `${classId}:${teacher}:${subject}`);
    const chat = id ? await this.get(id) : undefined;
    return chat && isReady(chat) ? chat : undefined;
  }

  /** The made chats of a teacher, oldest first. */
  async ofTeacher(teacher: number): Promise<StudyChat[]> {
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
  async audience(classId: string, options: { parents: boolean }): Promise<StudyChatAudience> {
    const { redis, keys } = this.ctx;
    const [studentIds, parentMap, leadIds] = await Promise.all([
      redis.smembers(keys.classStudents(classId)),
      options.parents ? redis.hgetall(keys.classParents(classId)) : Promise.resolve({}),
      redis.smembers(keys.classLeads(classId)),
    ]);
    const read = async (ids: string[]) =>
      (await readRecords(redis, memberSchema, ids.map((id) => keys.memberRecord(Number(id))))).filter((m) => m.status === 'active').sort((a, b) => a.vkId - b.vkId);
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
