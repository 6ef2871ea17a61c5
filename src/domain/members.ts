/**
 * Members and their roles (F06, F07, F09, F18, F20, F24): bootstrap admins,
 * appointing and removing admins (never the last one), head and deputies,
 * teacher verification, class teachers, and class rosters.
 */
import { authorize, loadMember, type ServiceContext } from './context.js';
import { ACTIONS } from './permissions.js';
import {
  ClassArchivedError,
  LastAdminError,
  MemberNotActiveError,
  NotATeacherError,
  NotFoundError,
  NotVerifiedTeacherError,
  PermissionDeniedError,
  StaffRoomImmutableError,
} from './errors.js';
import { z } from 'zod';
import { LuaScript, luaList } from './lua.js';
import { classGroupSchema, memberSchema, parseParentLinks, parseRecord, readRecords } from './records.js';
import type { ActorId, AdministrationRole, ClassRoster, Member, Role } from './types.js';
import { byMemberName, nameMatches, nameWords } from './member-search.js';
import { comparePersonIds, type PersonId, personIdSchema, storedPersonId } from './person.js';

const changeReply = z.object({
  error: z.string().optional(),
  /** The action the actor lacked the right for, with `error: 'forbidden'`. */
  action: z.enum(ACTIONS).optional(),
  member: z.unknown().optional(),
  changed: z.boolean().optional(),
});

/** Makes each listed id an admin, creating a bare member if needed. ARGV[2] = JSON list of personIds. */
const BOOTSTRAP = new LuaScript('members-bootstrap-admins', z.object({ changed: luaList(personIdSchema) }));

/**
 * Changes one member's roles. ARGV[2] = personId, [3] operation, [4] extra, [5] actor,
 * [6] audit action, [7] class id for the audit target ('' for none).
 * Operations: verify, appoint_admin, remove_admin, set_admin_role (extra = head|deputy),
 * unset_admin_role (extra = head|deputy), assign_class (extra = classId), unassign_class, set_name.
 * A change is audited (and, for a new head, each previous head losing the role); a no-op is not.
 * The actor's right for the operation is checked in the script too, in the same step as the change
 * (`authorize` before it refuses early; a right taken away in between still counts): `forbidden`.
 */
const CHANGE = new LuaScript('members-change', changeReply);

export class MemberService {
  constructor(private readonly ctx: ServiceContext) {}

  /** A member by VK id, or `undefined` if they never joined. */
  async get(personId: PersonId): Promise<Member | undefined> {
    return loadMember(this.ctx, personId);
  }

  /** A member by VK id; throws NotFoundError if missing. */
  async require(personId: PersonId): Promise<Member> {
    const m = await this.get(personId);
    if (!m) throw new NotFoundError('member', personId);
    return m;
  }

  /** The language the person chose or VK told (`ru`, `en`…), for members and strangers alike; undefined if unknown. */
  async languageOf(personId: PersonId): Promise<string | undefined> {
    return (await this.ctx.redis.hget(this.ctx.keys.languages, String(personId))) ?? undefined;
  }

  /** Keeps the language a person chose (/lang); it outlives any dialog. */
  async setLanguage(personId: PersonId, language: string): Promise<void> {
    await this.ctx.redis.hset(this.ctx.keys.languages, String(personId), language);
  }

  /** Makes the configured ids admins from the first start; idempotent. Returns the ids that changed. */
  async ensureBootstrapAdmins(personIds: readonly PersonId[]): Promise<PersonId[]> {
    const ids = [...new Set(personIds)];
    if (ids.length === 0) return [];
    return (await BOOTSTRAP.apply(this.ctx, [JSON.stringify(ids)])).changed;
  }

  /** Active members holding a role (teachers regardless of verification). */
  async listByRole(role: Role): Promise<Member[]> {
    const { redis, keys } = this.ctx;
    const ids = await redis.smembers(keys.role(role));
    const members = await readRecords(redis, memberSchema, ids.map((id) => keys.memberRecord(storedPersonId(id))));
    return members.sort((a, b) => comparePersonIds(a.personId, b.personId));
  }

  /**
   * Active members whose name matches what was typed (a part of a surname, a surname and a name; any
   * case, «ё» = «е»), by name; at most `limit` of them. See member-search.ts for why it is a scan.
   */
  async searchByName(query: string, limit = 200): Promise<Member[]> {
    const words = nameWords(query);
    if (words.length === 0) return [];
    const { redis, keys } = this.ctx;
    const ids = await redis.smembers(keys.members);
    const members = await readRecords(redis, memberSchema, ids.map((id) => keys.memberRecord(storedPersonId(id))));
    return members
      .filter((m) => m.status === 'active' && nameMatches(m.name, words))
      .sort(byMemberName)
      .slice(0, limit);
  }

  /** The school's admins. */
  async listAdmins(): Promise<Member[]> {
    return this.listByRole('admin');
  }

  /** Teachers waiting for verification (F09). */
  async listUnverifiedTeachers(): Promise<Member[]> {
    return (await this.listByRole('teacher')).filter((m) => m.teacherStatus !== 'verified');
  }

  /** Confirms a teacher's status (admin, head or deputy); only verified teachers have teachers' powers. */
  async verifyTeacher(actor: ActorId, personId: PersonId): Promise<Member> {
    return (await this.confirmTeacherStatus(actor, personId)).teacher;
  }

  /**
   * Confirms a teacher's status; of two verifiers at once the first wins, in the same atomic step:
   * `confirmed` is false for everyone after them, and `teacher.verifiedBy` says who it was.
   */
  async confirmTeacherStatus(actor: ActorId, personId: PersonId): Promise<{ teacher: Member; confirmed: boolean }> {
    await authorize(this.ctx, actor, 'teacher.verify');
    const { member, changed } = await this.changeOf(actor, personId, 'verify', '', 'teacher.verified');
    return { teacher: member, confirmed: changed };
  }

  /** Appoints an admin from the joined verified teachers (admin or head). */
  async appointAdmin(actor: ActorId, personId: PersonId): Promise<Member> {
    await authorize(this.ctx, actor, 'admin.appoint');
    return this.change(actor, personId, 'appoint_admin', '', 'admin.appointed');
  }

  /** Removes the admin role; refuses (LastAdminError) to remove the last admin. */
  async removeAdmin(actor: ActorId, personId: PersonId): Promise<Member> {
    await authorize(this.ctx, actor, 'admin.appoint');
    return this.change(actor, personId, 'remove_admin', '', 'admin.removed');
  }

  /** Marks a verified teacher as head (only one; the previous head loses it) or deputy. */
  async setAdministrationRole(actor: ActorId, personId: PersonId, role: AdministrationRole): Promise<Member> {
    await authorize(this.ctx, actor, 'administration.assign');
    return this.change(actor, personId, 'set_admin_role', role, `${role}.assigned`);
  }

  /** Takes the head or deputy role away. */
  async unsetAdministrationRole(actor: ActorId, personId: PersonId, role: AdministrationRole): Promise<Member> {
    await authorize(this.ctx, actor, 'administration.assign');
    return this.change(actor, personId, 'unset_admin_role', role, `${role}.unassigned`);
  }

  /** Attaches a verified teacher to a regular class as class teacher (a teacher may lead several). */
  async assignClassTeacher(actor: ActorId, classId: string, personId: PersonId): Promise<Member> {
    await authorize(this.ctx, actor, 'classTeacher.assign');
    return this.change(actor, personId, 'assign_class', classId, 'classTeacher.assigned', classId);
  }

  /** Detaches a class teacher from a class. */
  async unassignClassTeacher(actor: ActorId, classId: string, personId: PersonId): Promise<Member> {
    await authorize(this.ctx, actor, 'classTeacher.assign');
    return this.change(actor, personId, 'unassign_class', classId, 'classTeacher.unassigned', classId);
  }

  /** Updates how a member is called (e.g. a bootstrap admin after their first message). */
  async setName(personId: PersonId, name: string): Promise<Member> {
    return this.change(personId, personId, 'set_name', name.trim().slice(0, 200), 'member.renamed');
  }

  /** The people of a class: students, parents with their children (names, ids once linked), class teachers (and teachers of the staff room). */
  async roster(actor: ActorId, classId: string): Promise<ClassRoster> {
    await authorize(this.ctx, actor, 'roster.view', { classId });
    const { redis, keys } = this.ctx;
    const classGroup = parseRecord(classGroupSchema, await redis.get(keys.classRecord(classId)));
    if (!classGroup) throw new NotFoundError('class', classId);
    const [students, parentMap, teachers, leads] = await Promise.all([
      redis.smembers(keys.classStudents(classId)),
      redis.hgetall(keys.classParents(classId)),
      redis.smembers(keys.classTeachers(classId)),
      redis.smembers(keys.classLeads(classId)),
    ]);
    const read = (ids: string[]) =>
      readRecords(redis, memberSchema, ids.map((id) => keys.memberRecord(storedPersonId(id)))).then((ms) =>
        ms.filter((m) => m.status === 'active').sort(byName),
      );
    const parents = await read(Object.keys(parentMap));
    return {
      classGroup,
      students: await read(students),
      parents: parents.map((member) => {
        const children = parseParentLinks(parentMap[String(member.personId)] ?? '');
        return { member, childName: children.map((c) => c.childName).join(', '), children };
      }),
      teachers: await read(teachers),
      classTeachers: await read(leads),
    };
  }

  private async change(actor: ActorId, personId: PersonId, op: string, extra: string, auditAction: string, classId?: string): Promise<Member> {
    return (await this.changeOf(actor, personId, op, extra, auditAction, classId)).member;
  }

  /** Runs one change; `changed` is false when it was so already. */
  private async changeOf(
    actor: ActorId,
    personId: PersonId,
    op: string,
    extra: string,
    auditAction: string,
    classId?: string,
  ): Promise<{ member: Member; changed: boolean }> {
    const reply = await CHANGE.apply(this.ctx, [
      personId,
      op,
      extra,
      String(actor),
      auditAction,
      classId ?? '',
    ]);
    switch (reply.error) {
      case undefined:
        break;
      case 'forbidden':
        throw new PermissionDeniedError(reply.action ?? 'member.change', actor);
      case 'not_found':
        throw new NotFoundError('member', personId);
      case 'not_active':
        throw new MemberNotActiveError(personId);
      case 'not_teacher':
        throw new NotATeacherError(personId);
      case 'not_verified':
        throw new NotVerifiedTeacherError(personId);
      case 'last_admin':
        throw new LastAdminError(personId);
      case 'class_not_found':
        throw new NotFoundError('class', extra);
      case 'class_archived':
        throw new ClassArchivedError(extra);
      case 'staff':
        throw new StaffRoomImmutableError('assign_class_teacher');
      default:
        throw new Error(`members.change failed: ${reply.error}`);
    }
    return { member: memberSchema.parse(reply.member), changed: reply.changed === true };
  }
}

function byName(a: Member, b: Member): number {
  return a.name.localeCompare(b.name, 'ru-RU') || comparePersonIds(a.personId, b.personId);
}
