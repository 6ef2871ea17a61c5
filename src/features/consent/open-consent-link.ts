/**
 * A parent opens a consent link (the deep link's `ref`, source `consent`): a link that no longer
 * works is refused; the student cannot open their own; otherwise the parent's dialog opens.
 */
import { enterParentConsent } from './dialogs.js';
import type { App } from '../../app.js';
import type { IncomingMessage } from '../../messenger/events.js';
import type { Turn } from '../../turn.js';
import { schoolName } from '../invites/invite-links.js';

/** Opens the parent's consent dialog for a working token, or says why not. */
export async function openConsentLink(context: IncomingMessage, turn: Turn, app: App, token: string): Promise<unknown> {
  const { t, caller } = turn;
  const request = await app.services.consent.requestOfToken(token);
  if (!request) return turn.reply(t('cns-link-invalid'));
  if (request.applicant.personId === caller.personId) return turn.reply(t('cns-link-self'));
  const className = (await app.services.classes.get(request.applicant.classId))?.name ?? '';
  return enterParentConsent(context.dialogs, { token, childName: request.applicant.name, className, schoolName: await schoolName(app, t) });
}
