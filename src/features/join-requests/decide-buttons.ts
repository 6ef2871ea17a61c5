/**
 * The callback buttons of join requests (F08): approve, reject (opens the reason dialog), later,
 * and the pages of /requests. Every press is checked again by the service, never trusted from the payload.
 */
import { pressedInPrivate } from '../../messenger/events.js';
import { enterRejectReason } from '../../../scenes/reject-reason.js';
import type { ActionSpec } from '../shared/action-registry.js';
import { sendRequestsPage } from './requests-command.js';
import { decideAndNotify } from './decide-request.js';
import { REQ_APPROVE, REQ_LATER, REQ_PAGE, REQ_REJECT, alreadyDecidedText } from './review-notices.js';
import { NotFoundError, PermissionDeniedError, can } from '../../domain/index.js';

/** «Принять»: records the approval (or says who decided first); the snackbar tells the outcome. */
export const approveAction: ActionSpec = {
  name: REQ_APPROVE,
  async run(_context, payload, turn, app) {
    if (!payload.id) return turn.t('button-stale-short');
    return (await decideAndNotify(app, turn, payload.id, 'approved')).text;
  },
};

/** «Отклонить»: checks the request can still be rejected by this person, then asks the optional reason in the private dialog. */
export const rejectAction: ActionSpec = {
  name: REQ_REJECT,
  async run(context, payload, turn, app) {
    const { t, caller } = turn;
    const request = payload.id ? await app.services.requests.get(payload.id) : undefined;
    if (!request) return t('req-not-found');
    const { classId, role } = request.applicant;
    if (!can(caller.member, 'request.review', { classId, role })) return t('req-denied');
    if (request.status !== 'pending') return alreadyDecidedText(app, t, request.status, request.decidedBy);
    if (!pressedInPrivate(context)) return t('command-dm-only');
    if (!(await enterRejectReason(context.dialogs, request.id))) return t('req-finish-dialog');
    return undefined;
  },
};

/** «Позже»: the request stays pending and every notice stays as it is. */
export const laterAction: ActionSpec = {
  name: REQ_LATER,
  async run(_context, payload, turn, app) {
    const { t, caller } = turn;
    if (!payload.id) return t('button-stale-short');
    try {
      const result = await app.services.requests.later(caller.vkId, payload.id);
      if (result.ok) return t('req-later-done');
      if (result.reason === 'already_decided') return alreadyDecidedText(app, t, result.status, result.decidedBy);
      return t('req-class-unavailable');
    } catch (error) {
      if (error instanceof PermissionDeniedError) return t('req-denied');
      if (error instanceof NotFoundError) return t('req-not-found');
      throw error;
    }
  },
};

/** «←» / «→» under /requests: sends the asked page of pending requests. */
export const pageAction: ActionSpec = {
  name: REQ_PAGE,
  async run(context, payload, turn, app) {
    const page = Number(payload.v);
    if (!Number.isSafeInteger(page) || page < 0) return turn.t('button-stale-short');
    if (!pressedInPrivate(context)) return turn.t('command-dm-only');
    await sendRequestsPage(app, turn, page);
    return undefined;
  },
};

/** All callback buttons of join requests. */
export const requestActions: readonly ActionSpec[] = [approveAction, rejectAction, laterAction, pageAction];
