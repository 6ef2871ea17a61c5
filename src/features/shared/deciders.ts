/**
 * Who decides a request, as its applicant is told: when filing it (onboarding) and whenever they
 * write before it is decided (first contact, F27). The same words in both places.
 */
import type { App } from '../../app.js';
import type { JoinRequest } from '../../domain/index.js';
import type { Reader } from './recipients.js';
import { personName } from './person-words.js';

/** Who decides a request, in the reader's words: its class teachers (by name) if it has them (and the administration once it has waited REQUEST_ESCALATE_AFTER), else the administration. */
export async function decidersLine(app: App, reader: Reader, request: JoinRequest): Promise<string> {
  const { t } = reader;
  const leads = await app.services.requests.classTeachersDeciding(request);
  const names = await Promise.all(leads.map(async (m) => m.name.trim() || (await personName(app, t, m.personId))));
  // Waited past REQUEST_ESCALATE_AFTER: the admins have it too.
  if (leads.length > 0 && Date.now() - request.createdAt >= app.config.REQUEST_ESCALATE_AFTER) return t('contact-pending-who-escalated', { count: leads.length, names: names.join(', ') });
  return t('contact-pending-who', { count: leads.length, names: names.join(', ') });
}
