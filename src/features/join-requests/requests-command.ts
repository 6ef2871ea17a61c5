import type { App } from '../../app.js';
import { inlineKeyboard, type Button } from '../shared/keyboards.js';
import { REQ_PAGE, sendRequestCard } from './review-notices.js';
import { PermissionDeniedError } from '../../domain/index.js';
import type { Turn } from '../../turn.js';
import { may, type CommandSpec } from '../shared/command-registry.js';

/** Requests per page of /requests. */
export const REQUESTS_PAGE_SIZE = 5;


/**
 * Sends one page of the pending requests the caller may review: each request as its own card with
 * «Принять» / «Отклонить» (VK allows 10 buttons per message, too few for five requests and paging
 * in one), then a line «requests 1–5 of 7» with «←» / «→».
 */
export async function sendRequestsPage(app: App, turn: Turn, wanted: number): Promise<unknown> {
  const { t, caller } = turn;
  const list = (page: number) => app.services.requests.listPending(caller.personId, { page, pageSize: REQUESTS_PAGE_SIZE });
  let result;
  try {
    result = await list(wanted);
    const pages = Math.max(1, Math.ceil(result.total / REQUESTS_PAGE_SIZE));
    // A page that emptied meanwhile (requests were decided): show the last one there is.
    if (result.items.length === 0 && result.total > 0) result = await list(pages - 1);
  } catch (error) {
    if (error instanceof PermissionDeniedError) return turn.reply(t('req-denied'));
    throw error;
  }
  if (result.total === 0) return turn.reply(t('req-list-empty'));
  for (const request of result.items) await sendRequestCard(app, turn, caller.personId, request, { withLater: false });
  const pages = Math.ceil(result.total / REQUESTS_PAGE_SIZE);
  const from = result.page * REQUESTS_PAGE_SIZE + 1;
  const nav: Button[] = [];
  if (result.page > 0) nav.push({ label: '←', payload: { k: 'cb', a: REQ_PAGE, v: String(result.page - 1) } });
  if (result.page < pages - 1) nav.push({ label: '→', payload: { k: 'cb', a: REQ_PAGE, v: String(result.page + 1) } });
  const text = t('req-list-nav', { from, to: from + result.items.length - 1, total: result.total, page: result.page + 1, pages });
  return turn.reply(text, nav.length > 0 ? inlineKeyboard([nav]) : undefined);
}

/** /requests: the pending join requests the caller may review, five a page, with decision buttons (F08). */
export const requestsCommand: CommandSpec = {
  name: 'requests',
  aliases: ['заявки'],
  summaryKey: 'req-cmd-summary',
  dmOnly: true,
  allowed: may('request.review'),
  run: (_context, _args, turn, app) => sendRequestsPage(app, turn, 0),
};
