/**
 * Classes (F03, F04): the staff room, bulk creation by the nomenclature, the
 * grid builder, rename and archive. Names are unique among active classes.
 */
import { MAX_LETTERS, buildClassGrid, compareClassNames, gradeOverLetters, parseClassName, type GridSpec, type GridError } from './class-names.js';
import { authorize, type ServiceContext } from './context.js';
import {
  ClassArchivedError,
  ClassNameTakenError,
  InvalidClassNameError,
  NotFoundError,
  PermissionDeniedError,
  StaffRoomImmutableError,
  TooManyLettersError,
} from './errors.js';
import { z } from 'zod';
import { LuaScript, luaList } from './lua.js';
import { classGroupSchema, parseRecord, readRecords } from './records.js';
import {
  STAFF_ROOM_ID,
  STAFF_ROOM_NAME,
  type ActorId,
  type ClassCreateResult,
  type ClassGroup,
  type GridPreviewRow,
  type RegularClass,
  type StaffRoom,
} from './types.js';

const classReply = z.object({ error: z.string().optional(), existingId: z.string().optional(), classGroup: z.unknown().optional() });

/** Creates the staff room unless it exists. ARGV[2] = name. */
const ENSURE_STAFF_ROOM = new LuaScript('classes-ensure-staff-room', z.object({ created: z.boolean(), classGroup: z.unknown().optional() }));

/**
 * Creates classes one by one, skipping names taken. ARGV[2] = JSON list of {input,name,grade,letter}, ARGV[3] = actor.
 * The actor's right is checked in the same step: `{ error: 'forbidden' }` when it was taken away since `authorize`.
 */
const createManyItem = z.discriminatedUnion('status', [
  z.object({ input: z.string(), status: z.literal('created'), classGroup: z.unknown().optional() }),
  z.object({ input: z.string(), status: z.literal('duplicate'), name: z.string(), existingId: z.string() }),
]);
const CREATE_MANY = new LuaScript('classes-create-many', z.union([z.object({ error: z.literal('forbidden') }), luaList(createManyItem)]));

/** Renames a class. ARGV[2] = id, ARGV[3..5] = name, grade, letter, ARGV[6] = actor (`forbidden` when they may not, checked in the step). */
const RENAME = new LuaScript('classes-rename', classReply);

/**
 * Archives a class: frees its name, revokes its open invites and unassigns its
 * class teachers. Students and parents stay on the (archived) roster.
 * ARGV[2] = id, ARGV[3] = actor (`forbidden` when they may not, checked in the step).
 */
const ARCHIVE = new LuaScript('classes-archive', classReply.extend({ revokedInvites: z.number().optional() }));

type GridPreview = { ok: true; rows: GridPreviewRow[] } | { ok: false; reason: GridError; detail?: string };

export class ClassService {
  constructor(private readonly ctx: ServiceContext) {}

  /** Makes sure the staff room «Учительская» exists; safe to call on every start. */
  async ensureStaffRoom(): Promise<StaffRoom> {
    const reply = await ENSURE_STAFF_ROOM.apply(this.ctx, [STAFF_ROOM_ID, STAFF_ROOM_NAME]);
    const room = classGroupSchema.parse(reply.classGroup);
    if (room.kind !== 'staff') throw new Error('staff room record is not of kind staff');
    return room;
  }

  /** A class by id, or `undefined`. */
  async get(classId: string): Promise<ClassGroup | undefined> {
    return parseRecord(classGroupSchema, await this.ctx.redis.get(this.ctx.keys.classRecord(classId)));
  }

  /** A class by id; throws NotFoundError if missing. */
  async require(classId: string): Promise<ClassGroup> {
    const c = await this.get(classId);
    if (!c) throw new NotFoundError('class', classId);
    return c;
  }

  /** The active class with this name (typed in any accepted spelling), or `undefined`. */
  async findByName(name: string): Promise<ClassGroup | undefined> {
    const parsed = parseClassName(name);
    const key = parsed.ok ? parsed.name : name.trim();
    const id = await this.ctx.redis.hget(this.ctx.keys.classByName, key);
    return id ? this.get(id) : undefined;
  }

  /** Classes: the staff room first, then by grade and letter; archived ones only if asked. */
  async list(options: { includeArchived?: boolean } = {}): Promise<ClassGroup[]> {
    const { redis, keys } = this.ctx;
    const ids = await redis.smembers(keys.classes);
    const all = await readRecords(redis, classGroupSchema, ids.map(keys.classRecord));
    return all
      .filter((c) => options.includeArchived || c.status === 'active')
      .sort((a, b) => {
        if (a.kind === 'staff' || b.kind === 'staff') return a.kind === 'staff' ? -1 : 1;
        return compareClassNames(a, b) || a.createdAt - b.createdAt;
      });
  }

  /** Grid builder: the names grades × letters would give, each marked if it already exists. Creates nothing. */
  async previewGrid(spec: GridSpec): Promise<GridPreview> {
    const grid = buildClassGrid(spec);
    if (!grid.ok) return grid;
    const { redis, keys } = this.ctx;
    const existing = grid.names.length ? await redis.hmget(keys.classByName, ...grid.names.map((n) => n.name)) : [];
    return { ok: true, rows: grid.names.map((n, i) => ({ ...n, exists: existing[i] != null })) };
  }

  /**
   * Bulk create: one result per input name, in input order (created / duplicate / invalid with reason).
   * Throws TooManyLettersError, creating nothing, when the valid names give a grade more than MAX_LETTERS letters.
   */
  async createMany(actor: ActorId, names: readonly string[]): Promise<ClassCreateResult[]> {
    await authorize(this.ctx, actor, 'school.edit');
    const results: (ClassCreateResult | undefined)[] = [];
    const valid: { index: number; input: string; name: string; grade: number; letter: string }[] = [];
    names.forEach((input, index) => {
      const parsed = parseClassName(input);
      if (parsed.ok) {
        valid.push({ index, input, name: parsed.name, grade: parsed.grade, letter: parsed.letter });
        results.push(undefined);
      } else {
        results.push({ input, status: 'invalid', reason: parsed.reason });
      }
    });
    const crowded = gradeOverLetters(valid);
    if (crowded !== undefined) throw new TooManyLettersError(crowded, MAX_LETTERS);
    if (valid.length > 0) {
      const items = valid.map(({ input, name, grade, letter }) => ({ input, name, grade, letter }));
      const reply = await CREATE_MANY.apply(this.ctx, [JSON.stringify(items), String(actor)]);
      if (!Array.isArray(reply)) throw new PermissionDeniedError('school.edit', actor);
      reply.forEach((raw, i) => {
        const slot = valid[i];
        if (slot) results[slot.index] = toCreateResult(raw);
      });
    }
    return results.filter((r): r is ClassCreateResult => r !== undefined);
  }

  /** Creates one class; throws InvalidClassNameError or ClassNameTakenError. */
  async create(actor: ActorId, name: string): Promise<RegularClass> {
    const [result] = await this.createMany(actor, [name]);
    if (!result) throw new Error('createMany returned no result');
    if (result.status === 'invalid') throw new InvalidClassNameError(name, result.reason);
    if (result.status === 'duplicate') throw new ClassNameTakenError(result.name, result.existingId ?? '');
    return result.classGroup;
  }

  /** Renames a regular active class to another free valid name. */
  async rename(actor: ActorId, classId: string, newName: string): Promise<RegularClass> {
    await authorize(this.ctx, actor, 'school.edit');
    const parsed = parseClassName(newName);
    if (!parsed.ok) throw new InvalidClassNameError(newName, parsed.reason);
    const reply = await RENAME.apply(this.ctx, [
      classId,
      parsed.name,
      parsed.grade,
      parsed.letter,
      String(actor),
    ]);
    if (reply.error === 'forbidden') throw new PermissionDeniedError('school.edit', actor);
    if (reply.error === 'taken') throw new ClassNameTakenError(parsed.name, reply.existingId ?? '');
    return this.checkReply(reply, classId, 'rename');
  }

  /** Archives a regular class (frees its name, revokes its invites, unassigns its class teachers). Idempotent. */
  async archive(actor: ActorId, classId: string): Promise<{ classGroup: RegularClass; revokedInvites: number }> {
    await authorize(this.ctx, actor, 'school.edit');
    const reply = await ARCHIVE.apply(this.ctx, [classId, String(actor)]);
    if (reply.error === 'forbidden') throw new PermissionDeniedError('school.edit', actor);
    const c = this.checkReply(reply, classId, 'archive');
    return { classGroup: c, revokedInvites: reply.revokedInvites ?? 0 };
  }

  private checkReply(
    reply: { error?: string; classGroup?: unknown },
    classId: string,
    operation: 'rename' | 'archive',
  ): RegularClass {
    if (reply.error === 'not_found') throw new NotFoundError('class', classId);
    if (reply.error === 'staff') throw new StaffRoomImmutableError(operation);
    if (reply.error === 'archived') throw new ClassArchivedError(classId);
    const c = classGroupSchema.parse(reply.classGroup);
    if (c.kind !== 'regular') throw new StaffRoomImmutableError(operation);
    return c;
  }
}

function toCreateResult(r: z.infer<typeof createManyItem>): ClassCreateResult {
  if (r.status === 'created') {
    const c = classGroupSchema.parse(r.classGroup);
    if (c.kind !== 'regular') throw new Error('created class is not regular');
    return { input: r.input, status: 'created', classGroup: c };
  }
  return { input: r.input, status: 'duplicate', name: r.name, existingId: r.existingId };
}
