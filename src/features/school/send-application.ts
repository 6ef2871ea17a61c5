import type { SchoolProfile } from '../../domain/school.js';
import type { Turn } from '../../turn.js';

/** Sends the ready text of the school's registration application to info@sferum.ru (F01). */
export async function sendApplication(turn: Turn, profile: SchoolProfile): Promise<void> {
  await turn.reply(turn.t('setup-application-intro'));
  await turn.reply(turn.t('setup-application', { ...profile }));
}
