import { enterAbout, type Dialogs } from '../../messenger/dialogs.js';

// The materials' dialogs, as /submit and the buttons under a material open them; scenes/ runs them.

/** Slug of handing material in (F21): channel → text (with photos and documents) → preview → to the admins (scenes/material-submit.ts). */
export const MATERIAL_SUBMIT = 'mat-submit';
/** Slug of «why is this material declined» (F21) (scenes/material-decline.ts). */
export const MATERIAL_DECLINE = 'mat-decline';
/** Slug of «Изменить и опубликовать» (F21): the edited text, its preview, then the post (scenes/material-edit.ts). */
export const MATERIAL_EDIT = 'mat-edit';

/** What declining or editing a material starts from: the material. */
export interface MaterialStart {
  materialId: string;
}

/** Opens /submit at its first question. */
export function enterMaterialSubmit(dialogs: Dialogs): Promise<unknown> {
  return dialogs.enter(MATERIAL_SUBMIT, { state: {} });
}

/** Opens the decline dialog for one material; false when another dialog is open (the person finishes or cancels it first). */
export function enterMaterialDecline(dialogs: Dialogs, materialId: string): Promise<boolean> {
  const start: MaterialStart = { materialId };
  return enterAbout(dialogs, MATERIAL_DECLINE, { ...start });
}

/** Opens «Изменить и опубликовать» for one material; false when another dialog is open (the person finishes or cancels it first). */
export function enterMaterialEdit(dialogs: Dialogs, materialId: string): Promise<boolean> {
  const start: MaterialStart = { materialId };
  return enterAbout(dialogs, MATERIAL_EDIT, { ...start });
}
