/**
 * The card of a join request (F08) as a reviewer reads it: who, role, class, child or subjects, when,
 * with «Принять» / «Отклонить» (and «Позже» on the notices), remembered so that a decision edits it.
 */
import type { Keyboard } from '../../messenger/keyboard.js';
import type { App } from '../../app.js';
import type { Translate } from '../../i18n.js';
import { inlineKeyboard, type Button } from '../shared/keyboards.js';
import { formatWhen } from '../../i18n.js';
import type { Reader } from '../shared/recipients.js';
import { classNameOf } from '../shared/class-ref.js';
import type { JoinRequest } from '../../domain/index.js';
import type { PersonId } from '../../domain/person.js';
import { subjectName } from '../onboarding/subjects.js';

/** Callback action names of the request buttons (the `a` of their payload). */
export const REQ_APPROVE = 'req.ok';
export const REQ_REJECT = 'req.no';
export const REQ_LATER = 'req.later';
export const REQ_PAGE = 'req.page';

/** The key under which the messages about a request are remembered. */
export const requestSubject = (requestId: string): string => `req:${requestId}`;

/** The request as a reviewer reads it: who (with a VK link), role, class, child or subjects, when (in the reader's language). */
export function requestCardText(app: App, reader: Reader, request: JoinRequest, className: string): string {
  const { t } = reader;
  const a = request.applicant;
  const lines = [
    t('req-card-title', { who: a.name, className }),
    t('req-card-who', { who: app.messenger.mention(a.personId, a.name) }),
    t('req-card-role', { role: t(`role-${a.role}`) }),
    t('req-card-class', { className }),
  ];
  if (a.role === 'parent') lines.push(t('req-card-child', { child: a.childName }));
  if (a.role === 'teacher') lines.push(a.subjects.length > 0 ? t('req-card-subjects', { subjects: a.subjects.map((s) => subjectName(t, s)).join(', ') }) : t('req-card-no-subjects'));
  lines.push(t('req-card-when', { when: formatWhen(request.createdAt, app.config.SCHOOL_TZ, reader.locale) }));
  // A young student's request: whose consent let it through (src/features/consent/).
  if (request.parentConsent) lines.push(request.parentConsent.kind === 'parent' ? t('cns-card-parent', { parent: app.messenger.mention(request.parentConsent.personId, request.parentConsent.name) }) : t('cns-card-paper'));
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
  reviewerId: PersonId,
  request: JoinRequest,
  options: { withLater: boolean; heading?: string; key?: string },
): Promise<void> {
  const { t } = reader;
  const card = requestCardText(app, reader, request, await classNameOf(app, request.applicant.classId));
  const text = options.heading ? `${options.heading}\n\n${card}` : card;
  const sent = await app.messenger.send(reviewerId, { text, keyboard: requestButtons(t, request.id, options.withLater) }, options.key);
  await app.services.reviewNotices.remember(requestSubject(request.id), sent);
}

