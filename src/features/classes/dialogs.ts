import type { Dialogs } from '../../messenger/dialogs.js';
import type { RegularClass } from '../../domain/types.js';

// The dialogs of classes, as /classes and /rename open them; scenes/ runs them.

/** Slug of the class structure wizard (F04): grades from–to × letters, a preview, then creation (scenes/class-grid.ts). */
export const CLASS_GRID = 'class-grid';
/** Slug of renaming a class (F04): the class is chosen, the new name is typed (scenes/class-rename.ts). */
export const CLASS_RENAME = 'class-rename';

/** What the rename starts from: the class. */
export interface ClassRenameStart {
  classId: string;
  className: string;
}

/** Opens the class structure wizard at its first question. */
export function enterClassGrid(dialogs: Dialogs): Promise<unknown> {
  return dialogs.enter(CLASS_GRID);
}

/** Opens the rename dialog for one class. */
export function enterClassRename(dialogs: Dialogs, classGroup: RegularClass): Promise<unknown> {
  const start: ClassRenameStart = { classId: classGroup.id, className: classGroup.name };
  return dialogs.enter(CLASS_RENAME, { state: { ...start } });
}
