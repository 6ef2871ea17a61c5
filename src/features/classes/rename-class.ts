/**
 * Renaming a class (F04), the use case: /rename 5А 5Б and the rename dialog. The domain re-checks the
 * right (school.edit), that the new name is a class's name and that no active class has it. Nobody
 * else is told.
 */
import type { App } from '../../app.js';
import { ClassNameTakenError, InvalidClassNameError } from '../../domain/errors.js';
import type { RegularClass } from '../../domain/types.js';
import type { Turn } from '../../turn.js';
import type { WithNotices } from '../shared/notices.js';
import { refusalText } from '../shared/refusals.js';

/**
 * What became of a rename: done (the class as it is now); `bad-name`, the new name is no class's
 * name or is taken (another name may do); `refused`, any other refusal (no right, the class is gone).
 */
export type RenameOutcome = { kind: 'renamed'; classGroup: RegularClass } | { kind: 'bad-name'; text: string } | { kind: 'refused'; text: string };

/** Renames the class `classId` to `newName` on behalf of the turn's caller. */
export async function renameClass(app: App, turn: Pick<Turn, 't' | 'caller'>, classId: string, newName: string): Promise<WithNotices<RenameOutcome>> {
  const { t, caller } = turn;
  try {
    return { outcome: { kind: 'renamed', classGroup: await app.services.classes.rename(caller.personId, classId, newName) }, notices: [] };
  } catch (error) {
    const text = refusalText(t, error);
    if (text === undefined) throw error;
    const badName = error instanceof InvalidClassNameError || error instanceof ClassNameTakenError;
    return { outcome: { kind: badName ? 'bad-name' : 'refused', text }, notices: [] };
  }
}
