/**
 * Parents and their children (F08, F10): linking a parent to the student who
 * is their child, by hand, when the child's name did not match on approval.
 */
import { authorize, loadMember, type ServiceContext } from './context.js';
import { ChildLinkError, MemberNotActiveError, NotFoundError, PermissionDeniedError } from './errors.js';
import { z } from 'zod';
import { LuaScript } from './lua.js';
import { can, isClassTeacherOf } from './permissions.js';
import { memberSchema } from './records.js';
import type { ActorId, Member } from './types.js';
import type { PersonId } from './person.js';

/**
 * Links parent ARGV[2] to student ARGV[3] in class ARGV[4]: the parent's
 * unlinked child of that name (or their only unlinked child) gets the
 * student's id; otherwise the student is added as another child. A new link
 * is audited. ARGV[5] = actor, whose right is checked in the same step (`forbidden` when it was
 * taken away since `authorize`).
 */
const LINK = new LuaScript(
  'family-link',
  z.object({ error: z.string().optional(), changed: z.boolean().optional(), parent: z.unknown().optional(), student: z.unknown().optional(), childName: z.string().optional() }),
);

/** Whether a parent already has a child of that name in a class (ARGV[2] parent, [3] class, [4] the child's name); reads only. */
const HAS_CHILD = new LuaScript('family-has-child', z.object({ has: z.boolean() }));

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
   * Whether the parent already has the child named so in the class (by the name they gave, or the
   * linked student's name, in either word order): joining for that child again would be refused.
   */
  async hasChild(parentId: PersonId, classId: string, childName: string): Promise<boolean> {
    const { redis, keys, now } = this.ctx;
    return (await HAS_CHILD.run(redis, [keys.base], now(), [parentId, classId, childName])).has;
  }

  /**
   * Links a parent to a student of a class where the parent is a parent (the first such class
   * of the student, unless `classId` is given). Admins and the class teacher of that class may.
   */
  async linkChild(actor: ActorId, parentId: PersonId, studentId: PersonId, classId?: string): Promise<LinkChildResult> {
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
    const reply = await LINK.apply(this.ctx, [parentId, studentId, cid, String(actor)]);
    if (reply.error === 'forbidden') throw new PermissionDeniedError('request.review', actor);
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
  private async commonClass(parentId: PersonId, student: Member): Promise<string | undefined> {
    const { redis, keys } = this.ctx;
    for (const cid of student.classIds) {
      const [isStudent, isParent] = await Promise.all([
        redis.sismember(keys.classStudents(cid), String(student.personId)),
        redis.hexists(keys.classParents(cid), String(parentId)),
      ]);
      if (isStudent === 1 && isParent === 1) return cid;
    }
    return undefined;
  }
}
