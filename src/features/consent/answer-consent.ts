/**
 * A parent's answer to a consent link, the use case: the domain records it atomically (the
 * child's request made reviewable and the parent's own request filed, or the child's request
 * closed); then the reviewers get the cards, and the student is told.
 */
import type { App } from '../../app.js';
import { announceFiled } from '../join-requests/review-notices.js';
import { deliverNotices, type Notice } from '../shared/notices.js';
import type { Turn } from '../../turn.js';

/** What the parent is told. */
export interface ConsentAnswerReport {
  readonly ok: boolean;
  readonly text: string;
}

/** Records the turn's caller's answer (`give` or `decline`) to the consent link `token`, as `parentName`. */
export async function answerConsent(app: App, turn: Turn, token: string, parentName: string, decision: 'give' | 'decline'): Promise<ConsentAnswerReport> {
  const { t, caller } = turn;
  const result = await app.services.consent.answer(token, { personId: caller.personId, name: parentName }, decision);
  if (!result.ok) return { ok: false, text: t(result.reason === 'self' ? 'cns-link-self' : 'cns-parent-gone') };
  const child = result.request.applicant;
  app.logger.info({ requestId: result.request.id, personId: caller.personId, decision }, 'parent consent answered');
  const notices: Notice[] = [
    {
      kind: 'send',
      to: child.personId,
      build: (reader) => ({ text: decision === 'give' ? reader.t('cns-student-consented', { parent: parentName }) : reader.t('cns-student-declined') }),
    },
  ];
  if (decision === 'decline') {
    await deliverNotices(app, notices);
    return { ok: true, text: t('cns-parent-declined', { child: child.name }) };
  }
  await announceFiled(app, result.parentRequest ? [result.request, result.parentRequest] : [result.request]);
  await deliverNotices(app, notices);
  return { ok: true, text: t(result.parentRequest ? 'cns-parent-given' : 'cns-parent-given-linked', { child: child.name }) };
}
