/**
 * Who decides a request, as its applicant is told: when filing it (onboarding) and whenever they
 * write before it is decided (first contact, F27). The same words in both places.
 */
import type { App } from '../../app.js';
import type { JoinRequest } from '../../domain/index.js';
import type { Reader } from './recipients.js';
import { personName } from './review-format.js';

/** Who decides a request, in the reader's words: its class teachers (by name) if it has them, else the administration. */
export async function decidersLine(app: App, reader: Reader, request: JoinRequest): Promise<string> {
  const { t } = reader;
  const leads = await app.services.requests.classTeachersDeciding(request);
  const names = await Promise.all(leads.map(async (m) => m.name.trim() || (await personName(app, t, m.vkId))));
  return t('contact-pending-who', { count: leads.length, names: names.join(', ') });
}
