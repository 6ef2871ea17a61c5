/**
 * The administration chats (F22): the head's chat with the deputies (`leadership`) and the head's
 * chat with all teachers (`staff`), one of each a school. The messenger creates the chat; the
 * domain reserves it first and records it once made, each step in a Lua script keyed by the
 * operation, so a run repeated after a crash reuses what the first run made, and a second attempt
 * (also from another process) finds the chat instead of making another.
 */
import { z } from 'zod';
import type { ServiceContext } from './context.js';
import { PermissionDeniedError } from './errors.js';
import { LuaScript } from './lua.js';
import { effectiveRoles } from './permissions.js';
import { memberSchema, parseRecord, readRecords } from './records.js';
import type { ActorId, Member } from './types.js';
import { comparePersonIds, type PersonId, personIdSchema, storedPersonId } from './person.js';

export const ADMIN_CHAT_KINDS = ['leadership', 'staff'] as const;
/** `leadership`: the head with the deputies; `staff`: the head with the deputies and all verified teachers. */
export type AdminChatKind = (typeof ADMIN_CHAT_KINDS)[number];

export const isAdminChatKind = (value: unknown): value is AdminChatKind => (ADMIN_CHAT_KINDS as readonly unknown[]).includes(value);

/** An administration chat: reserved (`pending`) until the messenger made it, then `ready` with its chat id and join link. */
export interface AdminChat {
  kind: AdminChatKind;
  status: 'pending' | 'ready';
  title: string;
  /** Who made it (or is making it). */
  createdBy: PersonId;
  createdAt: number;
  /** When the reservation was taken (a stale one may be taken over). */
  reservedAt: number;
  peer?: number;
  link?: string;
}

export type ReadyAdminChat = AdminChat & { status: 'ready'; peer: number; link: string };

export const adminChatSchema: z.ZodType<AdminChat> = z.object({
  kind: z.enum(ADMIN_CHAT_KINDS),
  status: z.enum(['pending', 'ready']),
  title: z.string(),
  createdBy: personIdSchema,
  createdAt: z.number(),
  reservedAt: z.number(),
  peer: z.number().int().optional(),
  link: z.string().optional(),
});

/** How long a reservation whose chat never came (its process died) blocks another attempt. */
export const ADMIN_CHAT_RESERVATION_MS = 60_000;

/**
 * What {@link AdminChatService.reserve} found: `create` — make the chat, then {@link AdminChatService.finish};
 * `created` — this operation already made it (a repeat after a crash): only deliver it again;
 * `exists` — the school has this chat already; `busy` — another run is making it right now.
 */
export type AdminChatReservation =
  | { kind: 'create'; chat: AdminChat }
  | { kind: 'created'; chat: ReadyAdminChat }
  | { kind: 'exists'; chat: ReadyAdminChat }
  | { kind: 'busy' };

/** Whom an administration chat is for: the head and deputies; for the staff chat also every active verified teacher. */
export function belongsInAdminChat(kind: AdminChatKind, member: Member | null | undefined): boolean {
  const roles = effectiveRoles(member ?? null);
  if (roles.includes('head') || roles.includes('deputy')) return true;
  return kind === 'staff' && roles.includes('teacher');
}

const chatReply = z.object({ error: z.string().optional(), status: z.enum(['reserved', 'exists', 'busy']).optional(), chat: z.unknown().optional() });

/** Reserves a kind's chat. ARGV[2] = actor, [3] kind, [4] title, [5] reservation lifetime (ms). */
const BEGIN = new LuaScript('admin-chats-begin', chatReply);
/** Records the chat made for a reservation. ARGV[2] = kind, [3] chat id, [4] link, [5] actor. */
const FINISH = new LuaScript('admin-chats-finish', chatReply);

export const isReadyAdminChat = (chat: AdminChat | undefined): chat is ReadyAdminChat =>
  chat !== undefined && chat.status === 'ready' && chat.peer !== undefined && chat.link !== undefined;

export class AdminChatService {
  constructor(private readonly ctx: ServiceContext) {}

  /** The made chat of a kind, if there is one. */
  async get(kind: AdminChatKind): Promise<ReadyAdminChat | undefined> {
    const chat = parseRecord(adminChatSchema, await this.ctx.redis.hget(this.ctx.keys.adminChats, kind));
    return isReadyAdminChat(chat) ? chat : undefined;
  }

  /** The made chats by kind (a kind not made yet is absent). */
  async all(): Promise<Partial<Record<AdminChatKind, ReadyAdminChat>>> {
    const out: Partial<Record<AdminChatKind, ReadyAdminChat>> = {};
    for (const kind of ADMIN_CHAT_KINDS) {
      const chat = await this.get(kind);
      if (chat) out[kind] = chat;
    }
    return out;
  }

  /** Reserves the chat of a kind for the actor (the head or an admin); throws PermissionDeniedError. */
  async reserve(actor: ActorId, kind: AdminChatKind, title: string): Promise<AdminChatReservation> {
    if (actor === 'system') throw new PermissionDeniedError('adminChat.create', actor);
    const reply = await BEGIN.apply(this.ctx, [String(actor), kind, title, ADMIN_CHAT_RESERVATION_MS]);
    if (reply.error === 'denied') throw new PermissionDeniedError('adminChat.create', actor);
    if (reply.error) throw new Error(`admin-chats-begin failed: ${reply.error}`);
    if (reply.status === 'busy') return { kind: 'busy' };
    const chat = adminChatSchema.parse(reply.chat);
    if (reply.status === 'exists' && isReadyAdminChat(chat)) return { kind: 'exists', chat };
    // Reserved by this operation; a repeat after a crash reads whether the first run got as far as making it.
    const now = (await this.get(kind)) ?? chat;
    return isReadyAdminChat(now) ? { kind: 'created', chat: now } : { kind: 'create', chat: now };
  }

  /** Records the chat the messenger made for a reservation; a second call keeps the first record. */
  async finish(actor: ActorId, kind: AdminChatKind, peer: number, link: string): Promise<ReadyAdminChat> {
    const reply = await FINISH.apply(this.ctx, [kind, peer, link, String(actor)]);
    if (reply.error) throw new Error(`admin-chats-finish failed: ${reply.error}`);
    const chat = adminChatSchema.parse(reply.chat);
    if (!isReadyAdminChat(chat)) throw new Error(`admin chat ${kind} is not ready after finish`);
    return chat;
  }

  /** The active members a kind's chat is for, by id: the head and deputies; for `staff` also the verified teachers. */
  async audience(kind: AdminChatKind): Promise<Member[]> {
    const { redis, keys } = this.ctx;
    const ids = new Set<string>();
    for (const role of kind === 'staff' ? ['head', 'deputy', 'teacher'] : ['head', 'deputy']) for (const id of await redis.smembers(keys.role(role))) ids.add(id);
    const members = await readRecords(redis, memberSchema, [...ids].map((id) => keys.memberRecord(storedPersonId(id))));
    return members.filter((m) => belongsInAdminChat(kind, m)).sort((a, b) => comparePersonIds(a.personId, b.personId));
  }
}
