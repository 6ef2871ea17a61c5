/**
 * What the movement of people (F10) tells those it concerns, each in their own language: a student
 * moved to another class and the parents who moved with them, the parents of a student who left,
 * a parent linked to their child, the people of a graduating class. The use cases next to this file
 * return these notices; the caller delivers them (see deliverNotices).
 */
import type { DetachedParent, MovedParent } from '../../domain/movement.js';
import type { PersonId } from '../../domain/person.js';
import type { Member } from '../../domain/types.js';
import type { Notice } from '../shared/notices.js';
import { personShortArg } from '../shared/person-ref.js';

/** To the student moved from `from` to `to`, then to each parent who moved with them (or joined the new class as well). */
export function transferNotices(student: Member, parents: readonly MovedParent[], from: string, to: string): Notice[] {
  return [
    { kind: 'send', to: student.personId, build: ({ t }) => ({ text: t('mv-you-transferred', { from, to }) }) },
    ...parents.map(
      (parent): Notice => ({
        kind: 'send',
        to: parent.member.personId,
        build: ({ t }) => ({
          text: [t('mv-child-transferred', { child: personShortArg(student), from, to }), ...(parent.stayedInFromClass ? [t('mv-parent-stays', { from })] : [])].join('\n'),
        }),
      }),
    ),
  ];
}

/** To a parent of a student who left: the child left `className`, and whether the parent left the class or the school with them. */
export function childLeftNotice(student: Member, parent: DetachedParent, className: string): Notice {
  return {
    kind: 'send',
    to: parent.member.personId,
    build: ({ t }) => {
      const text = [t('mv-child-left', { child: personShortArg(student), className })];
      if (parent.leftSchool) text.push(t('mv-parent-left-school'));
      else if (parent.leftClass) text.push(t('mv-parent-left-class', { className }));
      return { text: text.join('\n') };
    },
  };
}

/** To a parent now linked to their child in `className`. */
export function childLinkedNotice(parentId: PersonId, student: Member, className: string): Notice {
  return { kind: 'send', to: parentId, build: ({ t }) => ({ text: t('mv-link-told', { child: personShortArg(student), className }) }) };
}

/** To a student or parent of a class that graduated: its place in the bot is closed (one message a person and class, even after a crash). */
export function graduatedNotice(personId: PersonId, classId: string, className: string): Notice {
  return { kind: 'send', to: personId, key: `graduated:${classId}:${personId}`, build: ({ t }) => ({ text: t('mv-graduated-notice', { name: className }) }) };
}

/**
 * To the class teachers of the old and the new class of a transferred student: who moves, from where
 * to where. A teacher of both classes gets one message (the new class's); the person acting gets none.
 */
export function classTeacherTransferNotices(student: Member, fromTeachers: readonly PersonId[], toTeachers: readonly PersonId[], from: string, to: string, actor: PersonId): Notice[] {
  const person = personShortArg(student);
  return [
    ...fromTeachers
      .filter((id) => id !== actor && !toTeachers.includes(id))
      .map((id): Notice => ({ kind: 'send', to: id, build: ({ t }) => ({ text: t('mv-ct-transfer-out', { person, from, to }) }) })),
    ...toTeachers
      .filter((id) => id !== actor)
      .map((id): Notice => ({ kind: 'send', to: id, build: ({ t }) => ({ text: t('mv-ct-transfer-in', { person, from, to }) }) })),
  ];
}

/** To the class teachers of a student who left the school (the person acting gets none). */
export function classTeacherLeftNotices(student: Member, teachers: readonly PersonId[], className: string, actor: PersonId): Notice[] {
  const person = personShortArg(student);
  return teachers.filter((id) => id !== actor).map((id): Notice => ({ kind: 'send', to: id, build: ({ t }) => ({ text: t('mv-ct-left', { person, className }) }) }));
}
