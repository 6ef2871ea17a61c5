import type { App } from '../../app.js';
import type { Translate } from '../../i18n.js';
import { parseClassName } from '../../domain/class-names.js';
import type { ClassGroup, RegularClass } from '../../domain/types.js';
import { classNameReason } from './refusals.js';

export type ClassLookup = { ok: true; classGroup: ClassGroup } | { ok: false; text: string };

/**
 * Finds an active class by what the person typed (`5а`, `5-А`, «Учительская»); when there is none,
 * says why: a bad name with its reason, or no such class.
 */
export async function findClassByArg(app: App, t: Translate, arg: string | undefined): Promise<ClassLookup> {
  const input = (arg ?? '').trim();
  if (!input) return { ok: false, text: t('cls-err-bad-name', { name: input, reason: classNameReason(t, 'empty') }) };
  const found = await app.services.classes.findByName(input);
  if (found) return { ok: true, classGroup: found };
  const parsed = parseClassName(input);
  if (!parsed.ok) return { ok: false, text: t('cls-err-bad-name', { name: input, reason: classNameReason(t, parsed.reason) }) };
  return { ok: false, text: t('cls-err-not-found', { name: parsed.name }) };
}

/** Active regular classes (the staff room left out), in grade and letter order. */
export async function regularClasses(app: App): Promise<RegularClass[]> {
  return (await app.services.classes.list()).filter((c): c is RegularClass => c.kind === 'regular');
}

/** The name of a request's class (the staff room for teachers). */
export async function classNameOf(app: App, classId: string): Promise<string> {
  return (await app.services.classes.get(classId))?.name ?? '—';
}
