/** Who is in a class, for the movement notices (F10). */
import type { App } from '../../app.js';
import { NotFoundError } from '../../domain/errors.js';
import type { PersonId } from '../../domain/person.js';
import type { ClassRoster } from '../../domain/types.js';

/** The roster of `classId`, read by the bot itself; undefined for a class that is gone. */
export async function rosterOf(app: App, classId: string): Promise<ClassRoster | undefined> {
  try {
    return await app.services.members.roster('system', classId);
  } catch (error) {
    if (error instanceof NotFoundError) return undefined;
    throw error;
  }
}

/** The class teachers of `classId` (none for a class that is gone). */
export async function classTeachersOf(app: App, classId: string): Promise<PersonId[]> {
  return (await rosterOf(app, classId))?.classTeachers.map((m) => m.personId) ?? [];
}
