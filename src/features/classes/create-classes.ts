/**
 * Creating classes (F04), the use case: names typed with /classes or given by the structure wizard.
 * The domain re-checks the right (school.edit), normalises each name and creates the new ones at once;
 * it refuses a creation that would give a grade more than MAX_LETTERS letters (class-names.ts), and so
 * does the wizard before it. Nobody else is told.
 */
import type { App } from '../../app.js';
import { TooManyLettersError } from '../../domain/errors.js';
import type { ClassCreateResult } from '../../domain/types.js';
import type { Turn } from '../../turn.js';
import type { WithNotices } from '../shared/notices.js';
import { refusalText } from '../shared/refusals.js';

/** What became of a creation: each name's result (created, already there, invalid), or a refusal in words. */
export type CreateClassesOutcome = { kind: 'created'; results: ClassCreateResult[] } | { kind: 'refused'; text: string };

/** Creates the classes `names` on behalf of the turn's caller. */
export async function createClasses(app: App, turn: Pick<Turn, 't' | 'caller'>, names: readonly string[]): Promise<WithNotices<CreateClassesOutcome>> {
  const { t, caller } = turn;
  try {
    return { outcome: { kind: 'created', results: await app.services.classes.createMany(caller.personId, names) }, notices: [] };
  } catch (error) {
    if (error instanceof TooManyLettersError) return { outcome: { kind: 'refused', text: t('cls-grid-many-letters', { max: error.max }) }, notices: [] };
    const text = refusalText(t, error);
    if (text === undefined) throw error;
    return { outcome: { kind: 'refused', text }, notices: [] };
  }
}
