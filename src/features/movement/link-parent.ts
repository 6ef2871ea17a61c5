/**
 * Linking a parent to their child (F08) when the name given on joining matched no student, the use
 * case: the domain re-checks the right (request.review in a class the two share: an admin, or its
 * class teacher) and links them atomically. The outcome is returned for the person linking, with
 * the parent's message about it.
 */
import type { App } from '../../app.js';
import { ChildLinkError } from '../../domain/errors.js';
import type { PersonId } from '../../domain/person.js';
import type { Member } from '../../domain/types.js';
import type { Translate } from '../../i18n.js';
import type { Turn } from '../../turn.js';
import type { WithNotices } from '../shared/notices.js';
import { refusalText } from '../shared/refusals.js';
import { personName } from '../shared/person-words.js';
import { childLinkedNotice } from './movement-notices.js';

/** What the person linking is told. */
export type LinkOutcome =
  | { kind: 'refused'; text: string }
  /** `changed: false`: the two were linked already. */
  | { kind: 'linked'; changed: boolean; parent: Member; student: Member; className: string };

/** The refusal for a parent and a student who cannot be linked, or for any other refused link; undefined for an error that is no refusal. */
function linkRefusal(app: App, t: Translate, error: unknown, parentId: PersonId, studentId: PersonId): Promise<string | undefined> | string | undefined {
  if (error instanceof ChildLinkError) {
    if (error.problem === 'not_a_parent') return t('mv-link-not-parent', { id: String(parentId) });
    if (error.problem === 'not_a_student') return t('mv-err-not-student', { id: String(studentId) });
    return Promise.all([parentId, studentId].map(async (id) => app.messenger.mention(id, await personName(app, t, id)))).then(([parent, student]) =>
      t('mv-link-no-common', { parent: parent ?? '', student: student ?? '' }),
    );
  }
  return refusalText(t, error);
}

/** Links the parent `parentId` to the student `studentId` on behalf of the turn's caller. */
export async function linkParent(app: App, turn: Turn, parentId: PersonId, studentId: PersonId): Promise<WithNotices<LinkOutcome>> {
  let result;
  try {
    result = await app.services.family.linkChild(turn.caller.personId, parentId, studentId);
  } catch (error) {
    const text = await linkRefusal(app, turn.t, error, parentId, studentId);
    if (text === undefined) throw error;
    return { outcome: { kind: 'refused', text }, notices: [] };
  }
  const className = (await app.services.classes.get(result.classId))?.name ?? '—';
  const outcome: LinkOutcome = { kind: 'linked', changed: result.changed, parent: result.parent, student: result.student, className };
  return { outcome, notices: result.changed ? [childLinkedNotice(parentId, result.student, className)] : [] };
}
