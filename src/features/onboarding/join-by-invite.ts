/**
 * Joining by an invite (F23, F27, F19), the use case the onboarding dialog ends in: the answers it
 * collected become a join request through the domain (the invite used atomically), a young student's
 * waiting for a parent's consent (152-ФЗ) with a link for the parent; the applicant's words are
 * returned, with the request for its reviewers (its class teachers or the admins, request-routing.ts).
 */
import type { App } from '../../app.js';
import { CONSENT_TEXT_VERSION, type Gender, type InviteRole, type InviteUseResult, type JoinRequest } from '../../domain/index.js';
import type { PersonId } from '../../domain/person.js';
import { roleName } from '../invites/issue-invite.js';
import { decidersLine } from '../shared/deciders.js';
import type { WithNotices } from '../shared/notices.js';
import type { Turn } from '../../turn.js';
import { needsParentConsent, parentLinkText } from './parent-consent.js';
import { whomToAsk } from './whom-to-ask.js';

/** What the onboarding dialog collected: the invite as it was shown, and the applicant's answers. */
export interface JoinAnswers {
  readonly inviteId: string;
  readonly role: InviteRole;
  readonly className: string;
  /** The applicant's name as checked by the dialog. */
  readonly name: string;
  /** From the messenger profile, when it gives one. */
  readonly gender?: Gender | undefined;
  /** A parent's child. */
  readonly childName?: string | undefined;
  /** A teacher's subjects. */
  readonly subjects?: readonly string[] | undefined;
  /** Whether the applicant agreed to the consent for their own data; a young student is not asked (see {@link consentFrom}). */
  readonly consented: boolean;
}

/** Why using the invite filed nothing (the domain's reasons). */
export type JoinRefusal = Extract<InviteUseResult, { ok: false }>['reason'];

/** How joining went, with the words the applicant is told. */
export type JoinOutcome =
  /** A request filed for its reviewers. */
  | { readonly kind: 'filed'; readonly request: JoinRequest; readonly text: string }
  /** A young student's request, waiting for a parent's consent; `text` carries the link for the parent. */
  | { readonly kind: 'awaiting-parent'; readonly request: JoinRequest; readonly text: string }
  | { readonly kind: 'refused'; readonly reason: JoinRefusal; readonly text: string };

/** The outcome, the notices, and the requests to show their reviewers (none while one waits for a parent). */
export interface JoinResult extends WithNotices<JoinOutcome> {
  readonly toReview: readonly JoinRequest[];
}

/** Joining asked without the consent of an applicant who gives it themself: the dialog skipped its consent step. */
export class ConsentMissingError extends Error {
  override readonly name = 'ConsentMissingError';
  constructor(readonly inviteId: string) {
    super('joining without the applicant’s consent');
  }
}

/** Who consents to the applicant's data: a parent for a student of a class in CONSENT_PARENT_GRADES (not asked in the dialog), else the applicant. */
export async function consentFrom(app: App, inviteId: string, role: InviteRole): Promise<'self' | 'parent'> {
  if (role !== 'student') return 'self';
  const invite = await app.services.invites.get(inviteId);
  return invite && (await needsParentConsent(app, invite.classId)) ? 'parent' : 'self';
}

/** Whether the parent already has `childName` in the invite's class: joining for them again would be refused, so the dialog says so by name at once. */
export async function childAlreadyThere(app: App, parentId: PersonId, inviteId: string, childName: string): Promise<boolean> {
  const invite = await app.services.invites.get(inviteId);
  return invite !== undefined && (await app.services.family.hasChild(parentId, invite.classId, childName));
}

/** The applicant's words for an invite that filed nothing. */
function refusalText(turn: Turn, answers: JoinAnswers, reason: JoinRefusal): string {
  const { t } = turn;
  const whom = whomToAsk(answers.role);
  switch (reason) {
    case 'already_pending':
      return t('onb-already-pending');
    case 'already_member':
      return t('onb-already-member', { class: answers.className, role: roleName(t, answers.role) });
    case 'expired':
      return t('onb-invite-expired', { whom });
    case 'used_up':
      return t('onb-invite-used-up', { whom });
    case 'outdated':
      return t('onb-invite-outdated', { whom });
    case 'revoked':
    case 'not_found':
      return t('onb-invite-revoked', { whom });
  }
}

const refused = (turn: Turn, answers: JoinAnswers, reason: JoinRefusal): JoinResult => ({ outcome: { kind: 'refused', reason, text: refusalText(turn, answers, reason) }, notices: [], toReview: [] });

/**
 * Uses the invite for the turn's caller with the dialog's answers: a young student's request waits for
 * a parent (and a link for the parent is issued); anyone else's, with their consent, goes to review.
 * Sends nothing: the request to show its reviewers is returned with the notices (announceFiled in
 * join-requests/review-notices.ts shows it; this feature does not know the reviewers' side).
 */
export async function joinByInvite(app: App, turn: Turn, answers: JoinAnswers): Promise<JoinResult> {
  const personId: PersonId = turn.caller.personId;
  if ((await consentFrom(app, answers.inviteId, answers.role)) === 'parent') {
    const result = await app.services.invites.use(answers.inviteId, { personId, name: answers.name, consent: true, awaitingParentConsent: true });
    if (!result.ok) return refused(turn, answers, result.reason);
    app.logger.info({ requestId: result.request.id, personId }, 'join request filed, waiting for a parent');
    const { text } = await parentLinkText(app, turn, result.request, true);
    return { outcome: { kind: 'awaiting-parent', request: result.request, text }, notices: [], toReview: [] };
  }
  if (!answers.consented) throw new ConsentMissingError(answers.inviteId);
  const result = await app.services.invites.use(answers.inviteId, {
    personId,
    name: answers.name,
    ...(answers.gender ? { gender: answers.gender } : {}),
    consent: true,
    consentVersion: CONSENT_TEXT_VERSION,
    ...(answers.role === 'parent' ? { childName: answers.childName } : {}),
    ...(answers.role === 'teacher' ? { subjects: [...(answers.subjects ?? [])] } : {}),
  });
  if (!result.ok) return refused(turn, answers, result.reason);
  app.logger.info({ requestId: result.request.id, personId }, 'join request filed');
  const text = turn.t('req-filed', { who: await decidersLine(app, turn, result.request) });
  return { outcome: { kind: 'filed', request: result.request, text }, notices: [], toReview: [result.request] };
}
