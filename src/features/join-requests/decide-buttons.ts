/**
 * The callback buttons of join requests (F08): approve, reject (opens the reason dialog), the pages
 * of /requests, and (later-buttons.ts) «Позже» with its times and «Показать» under a summary. Every press is checked again by the service, never trusted from the payload.
 */
import { enterRejectReason } from './dialogs.js';
import type { ActionSpec } from '../shared/action-registry.js';
import { sendRequestsPage } from './requests-command.js';
import { decideAndNotify } from './decide-request.js';
import { REQ_APPROVE, REQ_PAGE, REQ_REJECT, alreadyDecidedText } from './review-notices.js';
import { laterActions } from './later-buttons.js';
import { can } from '../../domain/index.js';

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
    if (!context.isPrivate) return t('command-dm-only');
    if (!(await enterRejectReason(context.dialogs, request.id))) return t('req-finish-dialog');
    return undefined;
  },
};

/** «←» / «→» under /requests: sends the asked page of pending requests. */
export const pageAction: ActionSpec = {
  name: REQ_PAGE,
  async run(context, payload, turn, app) {
    const page = Number(payload.v);
    if (!Number.isSafeInteger(page) || page < 0) return turn.t('button-stale-short');
    if (!context.isPrivate) return turn.t('command-dm-only');
    await sendRequestsPage(app, turn, page);
    return undefined;
  },
};

/** All callback buttons of join requests. */
export const requestActions: readonly ActionSpec[] = [approveAction, rejectAction, pageAction, ...laterActions];
