/**
 * Approving or rejecting a join request (F08), the use case: the domain records at most one
 * decision and re-checks the decider's right in the same atomic step (of two reviewers at once,
 * exactly one wins; the other is told who decided). The outcome is returned for the decider to
 * read, with what the decision sends to others (see decisionNotices).
 */
import type { App } from '../../app.js';
import { NotFoundError, PermissionDeniedError, type Gender } from '../../domain/index.js';
import type { PersonId } from '../../domain/person.js';
import { personValue } from '../../i18n.js';
import { deliverNotices, type WithNotices } from '../shared/notices.js';
import type { Turn } from '../../turn.js';
import { alreadyDecidedText, decisionNotices } from './review-notices.js';

/** What the decider is told: whether the decision was recorded, the words for it, and whose it was. */
export interface DecisionReport {
  ok: boolean;
  text: string;
  /** The applicant of a recorded decision (to say when the messenger would not tell them). */
  applicant?: { personId: PersonId; name: string; gender?: Gender };
}

/** Decides the request `requestId` on behalf of the turn's caller. */
export async function decideRequest(app: App, turn: Turn, requestId: string, decision: 'approved' | 'rejected', reason = ''): Promise<WithNotices<DecisionReport>> {
  const { t, caller } = turn;
  const refused = (text: string): WithNotices<DecisionReport> => ({ outcome: { ok: false, text }, notices: [] });
  let result;
  try {
    result = decision === 'approved' ? await app.services.requests.approve(caller.personId, requestId) : await app.services.requests.reject(caller.personId, requestId, reason);
  } catch (error) {
    if (error instanceof PermissionDeniedError) return refused(t('req-denied'));
    if (error instanceof NotFoundError) return refused(t('req-not-found'));
    throw error;
  }
  if (!result.ok) {
    if (result.reason === 'class_unavailable') return refused(t('req-class-unavailable'));
    if (result.reason === 'awaiting_consent') return refused(t('cns-req-waiting'));
    return refused(await alreadyDecidedText(app, t, result.status, result.decidedBy));
  }
  const family = { ...(result.child ? { child: result.child } : {}), ...(result.linkedParents ? { linkedParents: result.linkedParents } : {}) };
  const { name, personId, gender } = result.request.applicant;
  return {
    outcome: { ok: true, text: decision === 'approved' ? t('req-done-approved', { name }) : t('req-done-rejected', { name }), applicant: { personId, name, ...(gender ? { gender } : {}) } },
    notices: await decisionNotices(app, result.request, result.member, family),
  };
}

/**
 * Decides and sends what the decision sends; when the messenger would not tell the applicant (they
 * have not written lately, or closed messages), the decider learns it and can pass it on.
 */
export async function decideAndNotify(app: App, turn: Turn, requestId: string, decision: 'approved' | 'rejected', reason = ''): Promise<DecisionReport> {
  const { outcome, notices } = await decideRequest(app, turn, requestId, decision, reason);
  const { unreachable } = await deliverNotices(app, notices);
  const applicant = outcome.applicant;
  if (applicant && unreachable.includes(applicant.personId)) await turn.reply(turn.t('req-applicant-unreachable', { who: personValue(applicant.name, applicant.gender, (name) => app.messenger.mention(applicant.personId, name)) }));
  return outcome;
}
