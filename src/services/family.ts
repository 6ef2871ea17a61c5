/**
 * Parents and their children (F08, F10): linking a parent to the student who
 * is their child, by hand, when the child's name did not match on approval.
 */
import { authorize, loadMember, type ServiceContext } from './context.js';
import { ChildLinkError, MemberNotActiveError, NotFoundError, PermissionDeniedError } from './errors.js';
import { LuaScript } from './lua.js';
import { can, isClassTeacherOf } from './permissions.js';
import { memberSchema } from './records.js';
import type { ActorId, Member } from './types.js';

/**
 * Links parent ARGV[3] to student ARGV[4] in class ARGV[5]: the parent's
 * unlinked child of that name (or their only unlinked child) gets the
 * student's id; otherwise the student is added as another child. A new link
 * is audited. ARGV[6] = actor.
 */
const LINK = new LuaScript(
  'family.link',
  `
local p = getMember(ARGV[3])
local s = getMember(ARGV[4])
local cid = ARGV[5]
if not p or p.status ~= 'active' or not s or s.status ~= 'active' then return jenc({ error = 'not_active' }) end
if redis.call('SISMEMBER', kStudents(cid), s.vkId) == 0 then return jenc({ error = 'not_a_student' }) end
if redis.call('HEXISTS', kParents(cid), p.vkId) == 0 then return jenc({ error = 'not_a_parent' }) end
local links = getLinks(cid, p.vkId)
for _, l in ipairs(links) do
  if sameId(l.childVkId, s.vkId) then return jenc({ changed = false, parent = p, student = s, childName = l.childName }) end
end
local pick = nil
local key = nameKey(s.name)
for _, l in ipairs(links) do
  if not pick and l.childVkId == nil and nameKey(l.childName) == key then pick = l end
end
if not pick then
  local unlinked = {}
  for _, l in ipairs(links) do if l.childVkId == nil then table.insert(unlinked, l) end end
  if #unlinked == 1 then pick = unlinked[1] end
end
if not pick then
  pick = { childName = s.name }
  table.insert(links, pick)
end
pick.childVkId = s.vkId
setLinks(cid, p.vkId, links)
audit(ARGV[6], 'family.child_linked', { vkId = p.vkId, classId = cid }, { childVkId = s.vkId, how = 'hand' })
return jenc({ changed = true, parent = p, student = s, childName = pick.childName })
`,
);

export interface LinkChildResult {
  parent: Member;
  student: Member;
  classId: string;
  /** The child's name as the parent gave it (or the student's name for a new link). */
  childName: string;
  changed: boolean;
}

export class FamilyService {
  constructor(private readonly ctx: ServiceContext) {}

  /**
   * Links a parent to a student of a class where the parent is a parent (the first such class
   * of the student, unless `classId` is given). Admins and the class teacher of that class may.
   */
  async linkChild(actor: ActorId, parentId: number, studentId: number, classId?: string): Promise<LinkChildResult> {
    await this.authorizeReviewer(actor);
    const [parent, student] = await Promise.all([loadMember(this.ctx, parentId), loadMember(this.ctx, studentId)]);
    if (!parent) throw new NotFoundError('member', parentId);
    if (!student) throw new NotFoundError('member', studentId);
    if (parent.status !== 'active') throw new MemberNotActiveError(parentId);
    if (student.status !== 'active') throw new MemberNotActiveError(studentId);
    if (!parent.roles.includes('parent')) throw new ChildLinkError(parentId, studentId, 'not_a_parent');
    if (!student.roles.includes('student')) throw new ChildLinkError(parentId, studentId, 'not_a_student');
    const cid = classId ?? (await this.commonClass(parentId, student));
    if (cid === undefined) throw new ChildLinkError(parentId, studentId, 'no_common_class');
    await authorize(this.ctx, actor, 'request.review', { classId: cid, role: 'parent' });
    const reply = (await LINK.apply(this.ctx, [parentId, studentId, cid, String(actor)])) as {
      error?: string;
      changed?: boolean;
      parent?: unknown;
      student?: unknown;
      childName?: string;
    };
    if (reply.error === 'not_active') throw new MemberNotActiveError(parentId);
    if (reply.error === 'not_a_student') throw new ChildLinkError(parentId, studentId, 'not_a_student');
    if (reply.error === 'not_a_parent') throw new ChildLinkError(parentId, studentId, 'not_a_parent');
    if (reply.error) throw new Error(`family.link failed: ${reply.error}`);
    return {
      parent: memberSchema.parse(reply.parent),
      student: memberSchema.parse(reply.student),
      classId: cid,
      childName: reply.childName ?? '',
      changed: reply.changed === true,
    };
  }

  /** Only admins and class teachers link children at all; the class itself is checked once known. */
  private async authorizeReviewer(actor: ActorId): Promise<void> {
    if (actor === 'system') return;
    const member = (await loadMember(this.ctx, actor)) ?? null;
    if (can(member, 'request.review')) return;
    if (member?.classTeacherOf.some((cid) => isClassTeacherOf(member, cid))) return;
    throw new PermissionDeniedError('request.review', actor);
  }

  /** The first class (in the student's order) where the student studies and the person is a parent. */
  private async commonClass(parentId: number, student: Member): Promise<string | undefined> {
    const { redis, keys } = this.ctx;
    for (const cid of student.classIds) {
      const [isStudent, isParent] = await Promise.all([
        redis.sismember(keys.classStudents(cid), String(student.vkId)),
        redis.hexists(keys.classParents(cid), String(parentId)),
      ]);
      if (isStudent === 1 && isParent === 1) return cid;
    }
    return undefined;
  }
}
