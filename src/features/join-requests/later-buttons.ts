/**
 * «Позже» under a request card (F08): asks when to bring the card back («Через час», «Завтра утром»,
 * «Через 3 дня»), then a scheduled job sends the card again at that time, if the request is still
 * undecided and the reviewer may still decide it; and «Показать» under a reviewer's summary of new
 * requests. Every press is checked again, never trusted from the payload.
 */
import type { App } from '../../app.js';
import { formatWhen } from '../../i18n.js';
import type { Translate } from '../../i18n.js';
import { z } from 'zod';
import { NotFoundError, PermissionDeniedError, type JoinRequest } from '../../domain/index.js';
import { personIdSchema, type PersonId } from '../../domain/person.js';
import type { ActionSpec } from '../shared/action-registry.js';
import type { JobSpec } from '../shared/job-registry.js';
import { inlineKeyboard, type Button } from '../shared/keyboards.js';
import { readerFor } from '../shared/recipients.js';
import { classNameOf } from '../shared/class-ref.js';
import { parseTypedTime } from '../shared/typed-time.js';
import type { Turn } from '../../turn.js';
import { REQ_LATER, sendRequestCard } from './request-card.js';
import { REQ_SHOW, editSummary } from './request-routing.js';
import { alreadyDecidedText } from './review-notices.js';

/** Callback action of the «when» buttons after «Позже» (`v`: one of {@link LATER_CHOICES}). */
export const REQ_LATER_AT = 'req.later.at';
/** The job kind that brings a postponed card back. */
export const REQUEST_REMINDER = 'request-reminder';

/** When a postponed card may come back. */
export const LATER_CHOICES = ['hour', 'morning', 'days'] as const;
export type LaterChoice = (typeof LATER_CHOICES)[number];
const isLaterChoice = (v: string | undefined): v is LaterChoice => (LATER_CHOICES as readonly string[]).includes(v ?? '');

/** The hour «Завтра утром» means, in the school's time. */
const MORNING = '8:00';

/** The moment a choice means from `now`: in an hour, tomorrow at 8:00 in the school's time, in three days. */
export function laterMoment(choice: LaterChoice, now: number, timeZone: string): number {
  if (choice === 'hour') return now + 3_600_000;
  if (choice === 'days') return now + 3 * 86_400_000;
  const tomorrow = parseTypedTime(`завтра ${MORNING}`, now, timeZone);
  return tomorrow.ok ? tomorrow.at : now + 86_400_000;
}

/** The id of the job bringing a card back to one reviewer at one time. */
export const reminderJobId = (requestId: string, reviewer: PersonId, at: number): string => `req-remind.${requestId}.${reviewer}.${at}`;

/** The request this person may still decide, or the refusal in words (not found, not theirs, decided). */
async function postponable(app: App, turn: Turn, requestId: string | undefined): Promise<{ ok: true; request: JoinRequest } | { ok: false; text: string }> {
  const { t, caller } = turn;
  if (!requestId) return { ok: false, text: t('button-stale-short') };
  try {
    const result = await app.services.requests.later(caller.personId, requestId);
    if (result.ok) return { ok: true, request: result.request };
    if (result.reason === 'already_decided') return { ok: false, text: await alreadyDecidedText(app, t, result.status, result.decidedBy) };
    return { ok: false, text: t('req-class-unavailable') };
  } catch (error) {
    if (error instanceof PermissionDeniedError) return { ok: false, text: t('req-denied') };
    if (error instanceof NotFoundError) return { ok: false, text: t('req-not-found') };
    throw error;
  }
}

/** The three «when» buttons. */
function whenKeyboard(t: Translate, requestId: string) {
  const button = (choice: LaterChoice): Button => ({ label: t(`req-later-${choice}`), payload: { k: 'cb', a: REQ_LATER_AT, id: requestId, v: choice }, color: 'secondary' });
  return inlineKeyboard([LATER_CHOICES.map(button)]);
}

/** «Позже»: asks when to bring the card back; the request stays pending. */
export const laterAction: ActionSpec = {
  name: REQ_LATER,
  async run(press, payload, turn, app) {
    const found = await postponable(app, turn, payload.id);
    if (!found.ok) return found.text;
    if (!press.isPrivate) return turn.t('command-dm-only');
    const { request } = found;
    const className = await classNameOf(app, request.applicant.classId);
    await turn.reply(turn.t('req-later-ask', { name: request.applicant.name, className }), whenKeyboard(turn.t, request.id));
    return undefined;
  },
};

/** «Через час» / «Завтра утром» / «Через 3 дня»: schedules the card's return and says when. */
export const laterAtAction: ActionSpec = {
  name: REQ_LATER_AT,
  async run(press, payload, turn, app) {
    const { t, caller } = turn;
    if (!isLaterChoice(payload.v)) return t('button-stale-short');
    const found = await postponable(app, turn, payload.id);
    if (!found.ok) return found.text;
    const { request } = found;
    // From the minute of the press: the same press handled again (after a crash) is the same job.
    const at = laterMoment(payload.v, Math.floor(Date.now() / 60_000) * 60_000, app.config.SCHOOL_TZ);
    await app.scheduler.schedule(reminderJobId(request.id, caller.personId, at), REQUEST_REMINDER, at, { requestId: request.id, reviewer: caller.personId });
    const when = formatWhen(at, app.config.SCHOOL_TZ, turn.locale);
    const className = await classNameOf(app, request.applicant.classId);
    await app.messenger.edit(press.message, { text: t('req-later-set', { name: request.applicant.name, className, when }) }).catch(() => undefined);
    app.logger.info({ requestId: request.id, reviewerId: caller.personId, at }, 'join request postponed');
    return t('req-later-done', { when });
  },
};

/** What a reminder job holds: the request and the reviewer (a number in jobs an earlier version queued). */
const reminderData = z.object({ requestId: z.string(), reviewer: personIdSchema });

/** A postponed card comes back, if the request is still undecided and the reviewer may still decide it. */
export const requestReminderJob: JobSpec = {
  kind: REQUEST_REMINDER,
  async run(app, job) {
    const data = reminderData.safeParse(job.data);
    if (!data.success) {
      app.logger.warn({ jobId: job.id }, 'request reminder job holds no request and reviewer');
      return;
    }
    const { requestId, reviewer } = data.data;
    const request = await app.services.requests.get(requestId);
    if (!request || request.status !== 'pending') return;
    if (!(await app.services.requests.reviewersOf(requestId)).includes(reviewer)) return;
    const reader = await readerFor(app, reviewer);
    await sendRequestCard(app, reader, reviewer, request, { withLater: true, heading: reader.t('req-reminder-heading'), key: `req-remind:${job.id}` }).catch((error: unknown) => {
      app.logger.warn({ requestId, reviewerId: reviewer, err: error instanceof Error ? error.name : 'unknown' }, 'postponed request card not delivered');
    });
  },
};

/** «Показать» under the summary: the next cards, the summary edited to what is left; a stale or foreign summary refused. */
export const showAction: ActionSpec = {
  name: REQ_SHOW,
  async run(press, payload, turn, app) {
    const { t, caller } = turn;
    const gen = Number(payload.v);
    if (!Number.isSafeInteger(gen) || gen < 0) return t('button-stale-short');
    if (!press.isPrivate) return t('command-dm-only');
    const result = await app.services.reviewQueue.show(caller.personId, gen, press.message);
    if (!result.ok) return t('req-summary-stale');
    for (const request of result.shown) await sendRequestCard(app, turn, caller.personId, request, { withLater: true, key: `req-show:${request.id}:${caller.personId}:${gen}` });
    await editSummary(app, caller.personId, result.message, result.remaining, gen);
    return undefined;
  },
};

/** The buttons of postponing and of the summary. */
export const laterActions: readonly ActionSpec[] = [laterAction, laterAtAction, showAction];
