/**
 * Join requests in front of their reviewers (F08): the notices sent when a request is filed (routed
 * in request-routing.ts, the card itself in request-card.ts), and what a decision sends (every
 * reviewer's copy edited to show the outcome, the summaries that counted it edited, the applicant
 * told, linked parents told). The decision itself is the use case in decide-request.ts.
 */
import type { App } from '../../app.js';
import { personValue, type Translate } from '../../i18n.js';
import { formatWhen } from '../../i18n.js';
import type { Reader } from '../shared/recipients.js';
import { classNameOf } from '../shared/class-ref.js';
import { commandLinesFor } from '../shared/command-words.js';
import { personMention, personName, personRef } from '../shared/person-words.js';
import type { ActorId, ChildMatch, JoinRequest, Member } from '../../domain/index.js';
import type { PersonId } from '../../domain/person.js';
import type { Notice } from '../shared/notices.js';
import { teacherApprovedNotices } from '../verification/verify-notices.js';

import { requestCardText, requestSubject } from './request-card.js';
import { routeJoinRequest, summaryMessage } from './request-routing.js';

export { REQ_APPROVE, REQ_REJECT, REQ_LATER, REQ_PAGE, requestSubject, requestCardText, requestButtons, sendRequestCard } from './request-card.js';

/** The reason of a rejection in the reader's language: the bot's own reason code translated, a reviewer's words as written. */
function reasonText(t: Translate, request: JoinRequest & { status: 'rejected' }): string | undefined {
  return request.reasonCode ? t(`req-reason-${request.reasonCode}`) : request.reason;
}

/**
 * Tells the reviewers of a freshly filed request about it: its class teachers, or the admins (see
 * request-routing.ts), with approve / reject / later buttons, or counted in their summary.
 */
export async function announceJoinRequest(app: App, request: JoinRequest): Promise<void> {
  await routeJoinRequest(app, request);
}

/** Shows requests just filed, or just reviewable after a consent, to their reviewers (see {@link announceJoinRequest}); a failed heads-up is only logged: the request is filed and listed in /requests anyway. */
export async function announceFiled(app: App, requests: readonly JoinRequest[]): Promise<void> {
  for (const request of requests) {
    try {
      await announceJoinRequest(app, request);
    } catch (error) {
      app.logger.error({ requestId: request.id, err: error instanceof Error ? error.name : 'unknown' }, 'join request announcement failed');
    }
  }
}

/** What the person pressing a stale button is told: who decided and how. */
export async function alreadyDecidedText(app: App, t: Translate, status: 'approved' | 'rejected', decidedBy: ActorId): Promise<string> {
  const by = await personRef(app, t, decidedBy);
  return status === 'approved' ? t('req-already-approved', { by }) : t('req-already-rejected', { by });
}

/** The outcome line added to every reviewer's copy of a decided request. */
async function outcomeText(app: App, reader: Reader, request: JoinRequest): Promise<string> {
  if (request.status === 'pending') return '';
  const { t } = reader;
  const by = await personName(app, t, request.decidedBy);
  const when = formatWhen(request.decidedAt, app.config.SCHOOL_TZ, reader.locale);
  if (request.status === 'approved') return t('req-outcome-approved', { by, when });
  const line = t('req-outcome-rejected', { by, when });
  const reason = reasonText(t, request);
  return reason ? `${line}\n${t('req-outcome-reason', { reason })}` : line;
}

/** What an approval did to families, for the reviewers' copies and the parents. */
export interface FamilyOutcome {
  /** An approved parent: whether their child was found among the class's students. */
  child?: ChildMatch;
  /** An approved student: the parents of the class now linked to them. */
  linkedParents?: PersonId[];
}

/** The lines about families under an approved request: the child linked or not (and how to link), the parents linked. */
async function familyLines(app: App, t: Translate, request: JoinRequest, className: string, family: FamilyOutcome): Promise<string[]> {
  const a = request.applicant;
  const lines: string[] = [];
  const child = family.child;
  if (child?.status === 'linked' && child.childId !== undefined) {
    lines.push(t('req-outcome-child-linked', { child: child.childName, student: app.messenger.mention(child.childId, await personName(app, t, child.childId)) }));
  } else if (child?.status === 'none') {
    lines.push(t('req-outcome-child-none', { child: child.childName, className, parent: app.messenger.mention(a.personId, a.name) }));
  } else if (child?.status === 'ambiguous') {
    lines.push(t('req-outcome-child-ambiguous', { child: child.childName, className, parent: app.messenger.mention(a.personId, a.name) }));
  }
  const parents = family.linkedParents ?? [];
  if (parents.length > 0) {
    const names = await Promise.all(parents.map(async (id) => app.messenger.mention(id, await personName(app, t, id))));
    lines.push(t('req-outcome-parents-linked', { student: personValue(a.name, a.gender), parents: names.join(', '), count: parents.length }));
  }
  return lines;
}

/** Edits of every remembered copy of the request's card (notices and /requests cards): the outcome shown, the buttons gone. */
async function reviewerCopyEdits(app: App, request: JoinRequest, className: string, family: FamilyOutcome = {}): Promise<Notice[]> {
  return (await app.services.reviewNotices.takeAll(requestSubject(request.id))).map((message) => ({
    kind: 'edit',
    message,
    build: async (reader) => {
      const outcome = [await outcomeText(app, reader, request), ...(await familyLines(app, reader.t, request, className, family))].join('\n');
      return { text: `${requestCardText(app, reader, request, className)}\n\n${outcome}` };
    },
  }));
}

/** The applicant's message about the outcome: a welcome with class, role and their commands, or the refusal with its reason and whom to ask. */
function applicantNotice(app: App, request: JoinRequest, className: string, member: Member | undefined): Notice | undefined {
  if (request.status === 'pending') return undefined;
  const a = request.applicant;
  return {
    kind: 'send',
    to: a.personId,
    key: `req-outcome:${request.id}`,
    build: async ({ t, locale }) => {
      const role = t(`role-${a.role}`);
      let lines: string[];
      if (request.status === 'approved') {
        lines = [t('req-welcome', { className, role })];
        if (a.role === 'teacher' && member?.teacherStatus !== 'verified') lines.push('', t('req-welcome-teacher-pending'));
        if (member) lines.push('', t('req-welcome-can'), ...commandLinesFor(app, t, locale, member));
      } else {
        lines = [t('req-rejected', { className, role })];
        const reason = reasonText(t, request);
        if (reason) lines.push(t('req-rejected-reason', { reason }));
        const decidedBy = request.decidedBy;
        // The bot rejects by itself only when the applicant left the school: the administrator is the one to ask.
        lines.push('', decidedBy === 'system' ? t('req-rejected-ask-admin') : t('req-rejected-ask', { who: await personMention(app, t, decidedBy) }));
      }
      return { text: lines.join('\n') };
    },
  };
}

/** The edits of the reviewers' copies of requests that were closed without a reviewer (e.g. the applicant left the school). */
export async function closedRequestNotices(app: App, requestIds: readonly string[]): Promise<Notice[]> {
  const notices: Notice[] = [];
  for (const id of requestIds) {
    const request = await app.services.requests.get(id);
    if (request) notices.push(...(await reviewerCopyEdits(app, request, await classNameOf(app, request.applicant.classId))));
  }
  return notices;
}

/**
 * What a recorded decision sends, in order: every reviewer's copy edited (with the child linked or
 * not), the applicant told, the parents told of a child who joined, the verifiers asked about a new teacher.
 */
export async function decisionNotices(app: App, request: JoinRequest, member: Member | undefined, family: FamilyOutcome = {}): Promise<Notice[]> {
  const className = await classNameOf(app, request.applicant.classId);
  const notices = await reviewerCopyEdits(app, request, className, family);
  // The summaries that counted it count one fewer.
  for (const held of await app.services.reviewQueue.dropDecided(request.id, await app.services.requests.reviewersOf(request.id))) {
    notices.push({ kind: 'edit', message: held.message, build: ({ t }) => summaryMessage(t, held.count, held.gen) });
  }
  const toApplicant = applicantNotice(app, request, className, member);
  if (toApplicant) notices.push(toApplicant);
  for (const parentId of family.linkedParents ?? []) {
    notices.push({ kind: 'send', to: parentId, key: `req-child-joined:${request.id}:${parentId}`, build: ({ t }) => ({ text: t('req-child-joined', { child: personValue(request.applicant.name, request.applicant.gender), className }) }) });
  }
  if (request.status === 'approved' && request.applicant.role === 'teacher' && member && member.teacherStatus !== 'verified') {
    notices.push(...(await teacherApprovedNotices(app, member)));
  }
  return notices;
}
