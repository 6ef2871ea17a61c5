/**
 * Members and their roles (F06, F07, F09, F18, F20, F24): bootstrap admins,
 * appointing and removing admins (never the last one), head and deputies,
 * teacher verification, class teachers, and class rosters.
 */
import { authorize, loadMember, type ServiceContext } from './context.js';
import {
  ClassArchivedError,
  LastAdminError,
  MemberNotActiveError,
  NotATeacherError,
  NotFoundError,
  NotVerifiedTeacherError,
  StaffRoomImmutableError,
} from './errors.js';
import { LuaScript } from './lua.js';
import { classGroupSchema, memberSchema, parseParentLinks, parseRecord, readRecords } from './records.js';
import type { ActorId, AdministrationRole, ClassRoster, Member, Role } from './types.js';

type ScriptReply = { error?: string; member?: unknown };

/** Makes each listed id an admin, creating a bare member if needed. ARGV[3] = JSON list of vkIds. */
const BOOTSTRAP = new LuaScript(
  'members.bootstrapAdmins',
  `
local changed = {}
for _, vkId in ipairs(cjson.decode(ARGV[3])) do
  local m = getMember(vkId)
  if not m then
    m = { vkId = vkId, name = '', roles = {}, classIds = {}, classTeacherOf = {}, subjects = {},
      status = 'active', joinedAt = NOW }
  end
  if m.status ~= 'active' or not has(m.roles, 'admin') then
    m.status = 'active'
    m.leftAt = nil
    addTo(m.roles, 'admin')
    saveMember(m)
    audit('system', 'admin.bootstrapped', { vkId = vkId })
    table.insert(changed, vkId)
  end
end
return jenc({ changed = changed })
`,
);

/**
 * Changes one member's roles. ARGV[3] = vkId, [4] operation, [5] extra, [6] actor,
 * [7] audit action, [8] class id for the audit target ('' for none).
 * Operations: verify, appoint_admin, remove_admin, set_admin_role (extra = head|deputy),
 * unset_admin_role (extra = head|deputy), assign_class (extra = classId), unassign_class, set_name.
 * A change is audited (and, for a new head, each previous head losing the role); a no-op is not.
 */
const CHANGE = new LuaScript(
  'members.change',
  `
local m = getMember(ARGV[3])
local op, extra = ARGV[4], ARGV[5]
if not m then return jenc({ error = 'not_found' }) end
if m.status ~= 'active' then return jenc({ error = 'not_active' }) end
local function done(changed, more)
  if changed then
    saveMember(m)
    local target = { vkId = m.vkId }
    if ARGV[8] ~= '' then target.classId = ARGV[8] end
    audit(ARGV[6], ARGV[7], target)
    for _, previous in ipairs(more and more.previous or {}) do audit(ARGV[6], 'head.unassigned', { vkId = previous }) end
  end
  local out = { member = m, changed = changed }
  if more then for k, v in pairs(more) do out[k] = v end end
  return jenc(out)
end
if op == 'set_name' then
  if m.name == extra then return done(false) end
  m.name = extra
  return done(true)
end
if op == 'remove_admin' then
  if not has(m.roles, 'admin') then return done(false) end
  if redis.call('SCARD', kRole('admin')) <= 1 then return jenc({ error = 'last_admin' }) end
  m.roles = removeFrom(m.roles, 'admin')
  return done(true)
end
if op == 'unset_admin_role' then
  if not has(m.roles, extra) then return done(false) end
  m.roles = removeFrom(m.roles, extra)
  return done(true)
end
if op == 'unassign_class' then
  redis.call('SREM', kLeads(extra), m.vkId)
  if not has(m.classTeacherOf, extra) then return done(false) end
  m.classTeacherOf = removeFrom(m.classTeacherOf, extra)
  return done(true)
end
if not has(m.roles, 'teacher') then return jenc({ error = 'not_teacher' }) end
if op == 'verify' then
  if m.teacherStatus == 'verified' then return done(false) end
  m.teacherStatus = 'verified'
  return done(true)
end
if not isVerifiedTeacher(m) then return jenc({ error = 'not_verified' }) end
if op == 'appoint_admin' then
  if has(m.roles, 'admin') then return done(false) end
  addTo(m.roles, 'admin')
  return done(true)
end
if op == 'set_admin_role' then
  local previous = {}
  if extra == 'head' then
    for _, other in ipairs(redis.call('SMEMBERS', kRole('head'))) do
      if tostring(other) ~= tostring(m.vkId) then
        local o = getMember(other)
        if o then
          o.roles = removeFrom(o.roles, 'head')
          saveMember(o)
          table.insert(previous, o.vkId)
        end
      end
    end
  end
  if has(m.roles, extra) then return done(false, { previous = previous }) end
  addTo(m.roles, extra)
  return done(true, { previous = previous })
end
if op == 'assign_class' then
  local c = getJson(kClass(extra))
  if not c then return jenc({ error = 'class_not_found' }) end
  if c.kind ~= 'regular' then return jenc({ error = 'staff' }) end
  if c.status ~= 'active' then return jenc({ error = 'class_archived' }) end
  redis.call('SADD', kLeads(extra), m.vkId)
  if has(m.classTeacherOf, extra) then return done(false) end
  addTo(m.classTeacherOf, extra)
  return done(true)
end
return redis.error_reply('unknown operation ' .. op)
`,
);

export class MemberService {
  constructor(private readonly ctx: ServiceContext) {}

  /** A member by VK id, or `undefined` if they never joined. */
  async get(vkId: number): Promise<Member | undefined> {
    return loadMember(this.ctx, vkId);
  }

  /** A member by VK id; throws NotFoundError if missing. */
  async require(vkId: number): Promise<Member> {
    const m = await this.get(vkId);
    if (!m) throw new NotFoundError('member', vkId);
    return m;
  }

  /** The language the person chose or VK told (`ru`, `en`…), for members and strangers alike; undefined if unknown. */
  async languageOf(vkId: number): Promise<string | undefined> {
    return (await this.ctx.redis.hget(this.ctx.global.languages, String(vkId))) ?? undefined;
  }

  /** Keeps the language a person chose (/lang); it outlives any dialog. */
  async setLanguage(vkId: number, language: string): Promise<void> {
    await this.ctx.redis.hset(this.ctx.global.languages, String(vkId), language);
  }

  /** Makes the configured ids admins from the first start; idempotent. Returns the ids that changed. */
  async ensureBootstrapAdmins(vkIds: readonly number[]): Promise<number[]> {
    const ids = [...new Set(vkIds)].filter((id) => Number.isInteger(id) && id > 0);
    if (ids.length === 0) return [];
    const reply = (await BOOTSTRAP.apply(this.ctx, [JSON.stringify(ids)])) as { changed: unknown };
    return Array.isArray(reply.changed) ? (reply.changed as number[]) : [];
  }

  /** Active members holding a role (teachers regardless of verification). */
  async listByRole(role: Role): Promise<Member[]> {
    const { redis, keys } = this.ctx;
    const ids = await redis.smembers(keys.role(role));
    const members = await readRecords(redis, memberSchema, ids.map((id) => keys.memberRecord(Number(id))));
    return members.sort((a, b) => a.vkId - b.vkId);
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
  async verifyTeacher(actor: ActorId, vkId: number): Promise<Member> {
    await authorize(this.ctx, actor, 'teacher.verify');
    return this.change(actor, vkId, 'verify', '', 'teacher.verified');
  }

  /** Appoints an admin from the joined verified teachers (admin or head). */
  async appointAdmin(actor: ActorId, vkId: number): Promise<Member> {
    await authorize(this.ctx, actor, 'admin.appoint');
    return this.change(actor, vkId, 'appoint_admin', '', 'admin.appointed');
  }

  /** Removes the admin role; refuses (LastAdminError) to remove the last admin. */
  async removeAdmin(actor: ActorId, vkId: number): Promise<Member> {
    await authorize(this.ctx, actor, 'admin.appoint');
    return this.change(actor, vkId, 'remove_admin', '', 'admin.removed');
  }

  /** Marks a verified teacher as head (only one; the previous head loses it) or deputy. */
  async setAdministrationRole(actor: ActorId, vkId: number, role: AdministrationRole): Promise<Member> {
    await authorize(this.ctx, actor, 'administration.assign');
    return this.change(actor, vkId, 'set_admin_role', role, `${role}.assigned`);
  }

  /** Takes the head or deputy role away. */
  async unsetAdministrationRole(actor: ActorId, vkId: number, role: AdministrationRole): Promise<Member> {
    await authorize(this.ctx, actor, 'administration.assign');
    return this.change(actor, vkId, 'unset_admin_role', role, `${role}.unassigned`);
  }

  /** Attaches a verified teacher to a regular class as class teacher (a teacher may lead several). */
  async assignClassTeacher(actor: ActorId, classId: string, vkId: number): Promise<Member> {
    await authorize(this.ctx, actor, 'classTeacher.assign');
    return this.change(actor, vkId, 'assign_class', classId, 'classTeacher.assigned', classId);
  }

  /** Detaches a class teacher from a class. */
  async unassignClassTeacher(actor: ActorId, classId: string, vkId: number): Promise<Member> {
    await authorize(this.ctx, actor, 'classTeacher.assign');
    return this.change(actor, vkId, 'unassign_class', classId, 'classTeacher.unassigned', classId);
  }

  /** Updates how a member is called (e.g. a bootstrap admin after their first message). */
  async setName(vkId: number, name: string): Promise<Member> {
    return this.change(vkId, vkId, 'set_name', name.trim().slice(0, 200), 'member.renamed');
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
      readRecords(redis, memberSchema, ids.map((id) => keys.memberRecord(Number(id)))).then((ms) =>
        ms.filter((m) => m.status === 'active').sort(byName),
      );
    const parents = await read(Object.keys(parentMap));
    return {
      classGroup,
      students: await read(students),
      parents: parents.map((member) => {
        const children = parseParentLinks(parentMap[String(member.vkId)] ?? '');
        return { member, childName: children.map((c) => c.childName).join(', '), children };
      }),
      teachers: await read(teachers),
      classTeachers: await read(leads),
    };
  }

  private async change(
    actor: ActorId,
    vkId: number,
    op: string,
    extra: string,
    auditAction: string,
    classId?: string,
  ): Promise<Member> {
    const reply = (await CHANGE.apply(this.ctx, [
      vkId,
      op,
      extra,
      String(actor),
      auditAction,
      classId ?? '',
    ])) as ScriptReply;
    switch (reply.error) {
      case undefined:
        break;
      case 'not_found':
        throw new NotFoundError('member', vkId);
      case 'not_active':
        throw new MemberNotActiveError(vkId);
      case 'not_teacher':
        throw new NotATeacherError(vkId);
      case 'not_verified':
        throw new NotVerifiedTeacherError(vkId);
      case 'last_admin':
        throw new LastAdminError(vkId);
      case 'class_not_found':
        throw new NotFoundError('class', extra);
      case 'class_archived':
        throw new ClassArchivedError(extra);
      case 'staff':
        throw new StaffRoomImmutableError('assign_class_teacher');
      default:
        throw new Error(`members.change failed: ${reply.error}`);
    }
    return memberSchema.parse(reply.member);
  }
}

function byName(a: Member, b: Member): number {
  return a.name.localeCompare(b.name, 'ru-RU') || a.vkId - b.vkId;
}
