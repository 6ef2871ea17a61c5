/**
 * A parent's answer to a consent link, the use case: the domain records it atomically (the
 * child's request made reviewable and the parent's own request filed, or the child's request
 * closed); then the reviewers get the cards, and the student is told.
 */
import type { App } from '../../app.js';
import type { JoinRequest } from '../../domain/index.js';
import { announceJoinRequest } from '../join-requests/review-notices.js';
import { deliverNotices, type Notice } from '../shared/notices.js';
import type { Turn } from '../../turn.js';

/** What the parent is told. */
export interface ConsentAnswerReport {
  readonly ok: boolean;
  readonly text: string;
}

/** Announces requests that became reviewable; a failed heads-up is logged (the requests are listed in /requests anyway). */
export async function announceReviewable(app: App, requests: readonly JoinRequest[]): Promise<void> {
  for (const request of requests) {
    try {
      await announceJoinRequest(app, request);
    } catch (error) {
      app.logger.error({ requestId: request.id, err: error instanceof Error ? error.name : 'unknown' }, 'join request announcement failed');
    }
  }
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
  await announceReviewable(app, result.parentRequest ? [result.request, result.parentRequest] : [result.request]);
  await deliverNotices(app, notices);
  return { ok: true, text: t(result.parentRequest ? 'cns-parent-given' : 'cns-parent-given-linked', { child: child.name }) };
}
