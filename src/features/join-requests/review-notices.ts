/**
 * Join requests in front of their reviewers (F08): the request card with its decision buttons,
 * the notices sent when a request is filed, and what a decision sends (every reviewer's copy
 * edited to show the outcome, the applicant told, linked parents told). The decision itself is
 * the use case in decide-request.ts.
 */
import type { Keyboard } from '../../messenger/keyboard.js';
import type { App } from '../../app.js';
import type { Translate } from '../../i18n.js';
import { inlineKeyboard, type Button } from '../shared/keyboards.js';
import { formatWhen } from '../../i18n.js';
import { readerFor, type Reader } from '../shared/recipients.js';
import { classNameOf, commandLinesFor, personName } from '../shared/review-format.js';
import type { ActorId, ChildMatch, JoinRequest, Member } from '../../domain/index.js';
import { subjectName } from '../onboarding/subjects.js';
import { deliverNotices, type Notice } from '../shared/notices.js';
import { teacherApprovedNotices } from '../verification/verify-notices.js';

/** Callback action names of the request buttons (the `a` of their payload). */
export const REQ_APPROVE = 'req.ok';
export const REQ_REJECT = 'req.no';
export const REQ_LATER = 'req.later';
export const REQ_PAGE = 'req.page';

/** The reason of a rejection in the reader's language: the bot's own reason code translated, a reviewer's words as written. */
function reasonText(t: Translate, request: JoinRequest & { status: 'rejected' }): string | undefined {
  return request.reasonCode ? t(`req-reason-${request.reasonCode}`) : request.reason;
}

/** The key under which the messages about a request are remembered. */
export const requestSubject = (requestId: string): string => `req:${requestId}`;

/** The request as a reviewer reads it: who (with a VK link), role, class, child or subjects, when (in the reader's language). */
export function requestCardText(app: App, reader: Reader, request: JoinRequest, className: string): string {
  const { t } = reader;
  const a = request.applicant;
  const lines = [
    t('req-card-title', { id: request.id }),
    t('req-card-who', { who: app.messenger.mention(a.vkId, a.name) }),
    t('req-card-role', { role: t(`role-${a.role}`) }),
    t('req-card-class', { className }),
  ];
  if (a.role === 'parent') lines.push(t('req-card-child', { child: a.childName }));
  if (a.role === 'teacher') lines.push(a.subjects.length > 0 ? t('req-card-subjects', { subjects: a.subjects.map((s) => subjectName(t, s)).join(', ') }) : t('req-card-no-subjects'));
  lines.push(t('req-card-when', { when: formatWhen(request.createdAt, app.config.SCHOOL_TZ, reader.locale) }));
  // A young student's request: whose consent let it through (src/features/consent/).
  if (request.parentConsent) lines.push(request.parentConsent.kind === 'parent' ? t('cns-card-parent', { parent: app.messenger.mention(request.parentConsent.vkId, request.parentConsent.name) }) : t('cns-card-paper'));
  return lines.join('\n');
}

/** The decision buttons under a request card; «Позже» only on the notice sent when it was filed. */
export function requestButtons(t: Translate, requestId: string, withLater: boolean): Keyboard {
  const button = (label: string, a: string, color: Button['color']): Button => ({ label, payload: { k: 'cb', a, id: requestId }, color });
  const rows: Button[][] = [[button(t('req-btn-approve'), REQ_APPROVE, 'positive'), button(t('req-btn-reject'), REQ_REJECT, 'negative')]];
  if (withLater) rows.push([button(t('req-btn-later'), REQ_LATER, 'secondary')]);
  return inlineKeyboard(rows);
}

/**
 * Sends one request card with its buttons to a reviewer and remembers the message, so that it is
 * edited when anyone decides. Throws UserUnreachableError when VK refuses the reviewer.
 */
export async function sendRequestCard(
  app: App,
  reader: Reader,
  reviewerId: number,
  request: JoinRequest,
  options: { withLater: boolean; heading?: string; key?: string },
): Promise<void> {
  const { t } = reader;
  const card = requestCardText(app, reader, request, await classNameOf(app, request.applicant.classId));
  const text = options.heading ? `${options.heading}\n\n${card}` : card;
  const sent = await app.messenger.send(reviewerId, { text, keyboard: requestButtons(t, request.id, options.withLater) }, options.key);
  await app.services.reviewNotices.remember(requestSubject(request.id), sent);
}

/**
 * Tells every reviewer of a freshly filed request about it (admins; the class teachers of the class
 * for student and parent requests), with approve / reject / later buttons. Reviewers VK cannot reach
 * (they never wrote to the bot) are named to the reviewers who did get the notice.
 */
export async function announceJoinRequest(app: App, request: JoinRequest): Promise<void> {
  if (request.status !== 'pending') return;
  const reviewers = await app.services.requests.reviewersOf(request.id);
  const reached: number[] = [];
  const unreachable: number[] = [];
  for (const reviewerId of reviewers) {
    const reader = await readerFor(app, reviewerId);
    const t = reader.t;
    const ok = await sendRequestCard(app, reader, reviewerId, request, { withLater: true, heading: t('req-notice-heading'), key: `req-notice:${request.id}:${reviewerId}` })
      .then(() => true)
      .catch((error: unknown) => {
        app.logger.warn({ requestId: request.id, reviewerId, err: error instanceof Error ? error.name : 'unknown' }, 'request notice not delivered');
        return false;
      });
    (ok ? reached : unreachable).push(reviewerId);
  }
  if (unreachable.length === 0) return;
  for (const reviewerId of reached) {
    const notice: Notice = {
      kind: 'send',
      to: reviewerId,
      key: `req-unreachable:${request.id}:${reviewerId}`,
      build: async ({ t }) => {
        const names = await Promise.all(unreachable.map(async (id) => app.messenger.mention(id, await personName(app, t, id))));
        return { text: t('req-notice-unreachable', { id: request.id, who: names.join(', ') }) };
      },
    };
    await deliverNotices(app, [notice]).catch(() => undefined);
  }
}

/** What the person pressing a stale button is told: who decided and how. */
export async function alreadyDecidedText(app: App, t: Translate, status: 'approved' | 'rejected', decidedBy: ActorId): Promise<string> {
  const by = await personName(app, t, decidedBy);
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
  linkedParents?: number[];
}

/** The lines about families under an approved request: the child linked or not (and how to link), the parents linked. */
async function familyLines(app: App, t: Translate, request: JoinRequest, className: string, family: FamilyOutcome): Promise<string[]> {
  const a = request.applicant;
  const lines: string[] = [];
  const child = family.child;
  if (child?.status === 'linked' && child.childVkId !== undefined) {
    lines.push(t('req-outcome-child-linked', { child: child.childName, student: app.messenger.mention(child.childVkId, await personName(app, t, child.childVkId)) }));
  } else if (child?.status === 'none') {
    lines.push(t('req-outcome-child-none', { child: child.childName, className, parent: String(a.vkId) }));
  } else if (child?.status === 'ambiguous') {
    lines.push(t('req-outcome-child-ambiguous', { child: child.childName, className, parent: String(a.vkId) }));
  }
  const parents = family.linkedParents ?? [];
  if (parents.length > 0) {
    const names = await Promise.all(parents.map(async (id) => app.messenger.mention(id, await personName(app, t, id))));
    lines.push(t('req-outcome-parents-linked', { parents: names.join(', '), count: parents.length }));
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
    to: a.vkId,
    key: `req-outcome:${request.id}`,
    build: async ({ t }) => {
      const role = t(`role-${a.role}`);
      let lines: string[];
      if (request.status === 'approved') {
        lines = [t('req-welcome', { className, role })];
        if (a.role === 'teacher' && member?.teacherStatus !== 'verified') lines.push('', t('req-welcome-teacher-pending'));
        if (member) lines.push('', t('req-welcome-can'), ...commandLinesFor(app, t, member));
      } else {
        lines = [t('req-rejected', { className, role })];
        const reason = reasonText(t, request);
        if (reason) lines.push(t('req-rejected-reason', { reason }));
        const decidedBy = request.decidedBy;
        const contact = decidedBy === 'system' ? t('req-by-system') : app.messenger.mention(decidedBy, await personName(app, t, decidedBy));
        lines.push('', t('req-rejected-ask', { who: contact }));
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
  const toApplicant = applicantNotice(app, request, className, member);
  if (toApplicant) notices.push(toApplicant);
  for (const parentId of family.linkedParents ?? []) {
    notices.push({ kind: 'send', to: parentId, key: `req-child-joined:${request.id}:${parentId}`, build: ({ t }) => ({ text: t('req-child-joined', { child: request.applicant.name, className }) }) });
  }
  if (request.status === 'approved' && request.applicant.role === 'teacher' && member && member.teacherStatus !== 'verified') {
    notices.push(...(await teacherApprovedNotices(app, member)));
  }
  return notices;
}
