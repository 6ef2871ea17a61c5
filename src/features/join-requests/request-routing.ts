/**
 * Requests go to whom they belong (F08): a new request is shown to the class teachers of its class
 * (or the admins, for a class without one and for the staff room), one card each while a reviewer has
 * few undecided cards out, else counted in one summary message («Новых заявок: 7», «Показать») edited
 * as the count changes (see src/domain/review-queue.ts for why it is sent once). A request its class
 * teachers leave undecided for REQUEST_ESCALATE_AFTER goes to the admins too (a scheduled job); one
 * decided before sends them nothing.
 */
import type { App } from '../../app.js';
import type { Translate } from '../../i18n.js';
import type { JoinRequest, NoticeRef } from '../../domain/index.js';
import type { PersonId } from '../../domain/person.js';
import { inlineKeyboard } from '../shared/keyboards.js';
import type { JobSpec } from '../shared/job-registry.js';
import { deliverNotices, type Notice } from '../shared/notices.js';
import { readerFor } from '../shared/recipients.js';
import { classNameOf } from '../shared/class-ref.js';
import { personMention } from '../shared/person-words.js';
import type { Keyboard } from '../../messenger/keyboard.js';
import type { OutgoingMessage } from '../../messenger/messenger.js';
import { sendRequestCard } from './review-notices.js';

/** Callback action of «Показать» under a summary (`v`: the summary's generation). */
export const REQ_SHOW = 'req.show';
/** The job kind of a request's escalation to the admins. */
export const REQUEST_ESCALATION = 'request-escalation';

/** The id of a request's escalation job (one per request). */
export const escalationJobId = (requestId: string): string => `req-escalate.${requestId}`;

/** The summary message: the count and «Показать» (none left: says so, without buttons). */
export function summaryMessage(t: Translate, count: number, gen: number): OutgoingMessage {
  if (count <= 0) return { text: t('req-summary-done') };
  const keyboard: Keyboard = inlineKeyboard([[{ label: t('req-summary-show'), payload: { k: 'cb', a: REQ_SHOW, v: String(gen) }, color: 'primary' }]]);
  return { text: t('req-summary', { count }), keyboard };
}

/** Edits a reviewer's summary to the count; a failed edit (the message deleted) is only logged. */
export async function editSummary(app: App, reviewer: PersonId, message: NoticeRef, count: number, gen: number): Promise<void> {
  const { t } = await readerFor(app, reviewer);
  await app.messenger.edit(message, summaryMessage(t, count, gen)).catch((error: unknown) => {
    app.logger.warn({ reviewerId: reviewer, err: error instanceof Error ? error.name : 'unknown' }, 'request summary not edited');
  });
}

/**
 * Shows a new request to one reviewer: a card of its own, or one more in their summary (sent by the
 * request that opened it, edited by the others). Throws when VK refuses the reviewer.
 */
async function showTo(app: App, reviewer: PersonId, request: JoinRequest, heading: string, key: string): Promise<void> {
  const placement = await app.services.reviewQueue.place(reviewer, request.id);
  const reader = await readerFor(app, reviewer);
  if (placement.place === 'card') {
    await sendRequestCard(app, reader, reviewer, request, { withLater: true, heading: reader.t(heading), key });
    return;
  }
  const { gen } = placement;
  if (placement.message) return editSummary(app, reviewer, placement.message, placement.count, gen);
  if (!placement.send) return;
  const sent = await app.messenger.send(reviewer, summaryMessage(reader.t, placement.count, gen), `req-summary:${reviewer}:${gen}`);
  const message: NoticeRef = sent;
  if (!(await app.services.reviewQueue.rememberSummary(reviewer, gen, message))) return;
  // Requests placed while it was being sent found no message to edit: the count is read again.
  const count = await app.services.reviewQueue.summaryCount(reviewer);
  if (count !== placement.count) await editSummary(app, reviewer, message, count, gen);
}

/** Shows a request to reviewers; the ones VK would not reach (and `missed`, reached by no one before) are named to those it did. Returns who was reached. */
async function showToAll(app: App, request: JoinRequest, reviewers: readonly PersonId[], heading: string, keyOf: (reviewer: PersonId) => string, missed: readonly PersonId[] = []): Promise<PersonId[]> {
  const reached: PersonId[] = [];
  const unreachable: PersonId[] = [...missed];
  for (const reviewer of reviewers) {
    const ok = await showTo(app, reviewer, request, heading, keyOf(reviewer))
      .then(() => true)
      .catch((error: unknown) => {
        app.logger.warn({ requestId: request.id, reviewerId: reviewer, err: error instanceof Error ? error.name : 'unknown' }, 'request notice not delivered');
        return false;
      });
    (ok ? reached : unreachable).push(reviewer);
  }
  if (unreachable.length === 0) return reached;
  const notices: Notice[] = reached.map((reviewer) => ({
    kind: 'send',
    to: reviewer,
    key: `req-unreachable:${request.id}:${reviewer}`,
    build: async ({ t }) => {
      const names = await Promise.all(unreachable.map((id) => personMention(app, t, id)));
      const className = await classNameOf(app, request.applicant.classId);
      return { text: t('req-notice-unreachable', { applicant: request.applicant.name, className, count: names.length, person: names[0]!, who: names.join(', ') }) };
    },
  }));
  await deliverNotices(app, notices).catch(() => undefined);
  return reached;
}

/**
 * Tells the reviewers of a freshly filed request about it: its class teachers (with the escalation to
 * the admins scheduled), or the admins when the class has none or it is a staff-room request, or when
 * the messenger would reach none of its class teachers.
 */
export async function routeJoinRequest(app: App, request: JoinRequest): Promise<void> {
  if (request.status !== 'pending') return;
  const route = await app.services.requests.routeOf(request);
  if (route.to === 'classTeachers') {
    const at = request.createdAt + app.config.REQUEST_ESCALATE_AFTER;
    await app.scheduler.schedule(escalationJobId(request.id), REQUEST_ESCALATION, at, { requestId: request.id });
  }
  const key = (reviewer: PersonId): string => `req-notice:${request.id}:${reviewer}`;
  const reached = await showToAll(app, request, route.reviewers, 'req-notice-heading', key);
  // No class teacher could be reached (they never wrote to the bot): the admins get it now, and are told why.
  if (route.to === 'classTeachers' && reached.length === 0) {
    await showToAll(app, request, await app.services.requests.escalationReviewers(request), 'req-notice-heading', key, route.reviewers);
  }
}

/** A request its class teachers have left undecided: shown to the admins, unless decided meanwhile. */
export const requestEscalationJob: JobSpec = {
  kind: REQUEST_ESCALATION,
  async run(app, job) {
    const { requestId } = job.data as { requestId: string };
    const request = await app.services.requests.get(requestId);
    if (!request || request.status !== 'pending') return;
    const admins = await app.services.requests.escalationReviewers(request);
    app.logger.info({ requestId, jobId: job.id, admins: admins.length }, 'join request escalated');
    await showToAll(app, request, admins, 'req-escalated-heading', (reviewer) => `req-escalated:${request.id}:${reviewer}`);
  },
};
