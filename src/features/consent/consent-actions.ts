/**
 * The consent use cases behind /consent and its buttons: an admin records a paper consent; a
 * parent asks to withdraw a consent they gave, the admins are asked to confirm; an admin
 * confirms, the child's data is removed and the parent told. Rights are checked by the domain.
 */
import type { App } from '../../app.js';
import { ConsentForbiddenError, type Member } from '../../domain/index.js';
import type { PersonId } from '../../domain/person.js';
import { removeFromClassChats, type ClassLeaver } from '../study-chats/chat-members.js';
import { inlineKeyboard } from '../shared/keyboards.js';
import { deliverNotices, type Notice } from '../shared/notices.js';
import { classNameOf } from '../shared/class-ref.js';
import type { Turn } from '../../turn.js';
import { announceFiled } from '../join-requests/review-notices.js';

/** Callback action names of the consent buttons. */
export const CNS_PAPER = 'cns.paper';
export const CNS_WITHDRAW = 'cns.wd';
export const CNS_WITHDRAW_CONFIRM = 'cns.wdok';

/** What the person acting is told, in full and for a snackbar. */
export interface ConsentReport {
  readonly ok: boolean;
  readonly text: string;
  readonly short?: string;
}

/** The child's name: as a member, or as their request has it (before approval). */
export async function childNameOf(app: App, studentId: PersonId): Promise<string> {
  const member = await app.services.members.get(studentId);
  if (member) return member.name;
  const consent = await app.services.consent.of(studentId);
  return (consent ? await app.services.requests.get(consent.requestId) : undefined)?.applicant.name ?? '';
}

/** An admin records the paper consent for a request waiting for a parent; the reviewers get the card, the student is told. */
export async function recordPaperConsent(app: App, turn: Turn, requestId: string): Promise<ConsentReport> {
  const { t, caller } = turn;
  let result;
  try {
    result = await app.services.consent.recordPaper(caller.personId, requestId);
  } catch (error) {
    if (error instanceof ConsentForbiddenError) return { ok: false, text: t('cns-paper-denied') };
    throw error;
  }
  if (!result.ok) return { ok: false, text: t(result.reason === 'not_waiting' ? 'cns-paper-not-waiting' : 'cns-paper-no-request') };
  const { applicant } = result.request;
  app.logger.info({ requestId, actor: caller.personId }, 'paper consent recorded');
  await announceFiled(app, [result.request]);
  await deliverNotices(app, [{ kind: 'send', to: applicant.personId, build: (reader) => ({ text: reader.t('cns-student-paper') }) }]);
  const who = app.messenger.mention(applicant.personId, applicant.name);
  return { ok: true, text: t('cns-paper-done', { who, class: await classNameOf(app, applicant.classId) }), short: t('cns-paper-done-short') };
}

/** A parent asks to withdraw the consent they gave for `studentId`; every admin gets the request with a confirm button. */
export async function askWithdrawal(app: App, turn: Turn, studentId: PersonId): Promise<ConsentReport> {
  const { t, caller } = turn;
  const consent = await app.services.consent.of(studentId);
  const result = await app.services.consent.askWithdraw(caller.personId, studentId);
  if (!result.ok || consent?.kind !== 'parent') return { ok: false, text: t('cns-withdraw-not-yours') };
  if (result.already) return { ok: true, text: t('cns-withdraw-already') };
  const childName = await childNameOf(app, studentId);
  const className = await classNameOf(app, consent.classId);
  const parent = app.messenger.mention(caller.personId, consent.parentName);
  const notices: Notice[] = (await app.services.members.listAdmins()).map((admin) => ({
    kind: 'send',
    to: admin.personId,
    build: (reader) => ({
      text: reader.t('cns-admin-withdraw-notice', { parent, child: childName, class: className }),
      keyboard: inlineKeyboard([[{ label: reader.t('cns-btn-withdraw-confirm'), payload: { k: 'cb', a: CNS_WITHDRAW_CONFIRM, id: studentId }, color: 'negative' }]]),
    }),
  }));
  await deliverNotices(app, notices);
  app.logger.info({ studentId, parentId: caller.personId }, 'consent withdrawal asked');
  return { ok: true, text: t('cns-withdraw-asked', { child: childName }), short: t('cns-withdraw-asked-short') };
}

/** An admin confirms a withdrawal: the child's data is removed, the parent is told. */
export async function confirmWithdrawal(app: App, turn: Turn, studentId: PersonId): Promise<ConsentReport> {
  const { t, caller } = turn;
  const childName = await childNameOf(app, studentId);
  // The classes the child was of, for their study chats (the record is gone after the removal).
  const before = await app.services.members.get(studentId);
  let result;
  try {
    result = await app.services.consent.confirmWithdraw(caller.personId, studentId);
  } catch (error) {
    if (error instanceof ConsentForbiddenError) return { ok: false, text: t('cns-paper-denied') };
    throw error;
  }
  if (!result.ok) return { ok: false, text: t('cns-withdraw-gone') };
  app.logger.info({ actor: caller.personId }, 'consent withdrawn, child data removed');
  if (before) {
    const gone: Member = { ...before, roles: [], classIds: [], classTeacherOf: [], status: 'left', leftAt: Date.now() };
    await removeFromClassChats(app, before.classIds.map((classId): ClassLeaver => ({ member: gone, classId, exit: { kind: 'consent' } })));
  }
  await deliverNotices(app, [{ kind: 'send', to: result.parentId, build: (reader) => ({ text: reader.t('cns-withdraw-done-parent', { child: childName }) }) }]);
  return { ok: true, text: t('cns-withdraw-done-admin'), short: t('cns-withdraw-done-short') };
}
