import type { Translate } from '../../i18n.js';
import {
  ClassArchivedError,
  ClassNameTakenError,
  DomainError,
  InvalidClassNameError,
  LastAdminError,
  MemberNotActiveError,
  NotAStudentError,
  NotATeacherError,
  NotFoundError,
  NotVerifiedTeacherError,
  PermissionDeniedError,
  StaffRoomImmutableError,
} from '../../domain/errors.js';
import type { ClassNameError } from '../../domain/types.js';

/** Why a class name was refused, in words. */
export function classNameReason(t: Translate, reason: ClassNameError): string {
  switch (reason) {
    case 'empty':
      return t('cls-reason-empty');
    case 'no_grade':
      return t('cls-reason-no-grade');
    case 'grade_out_of_range':
      return t('cls-reason-grade-range');
    case 'no_letter':
      return t('cls-reason-no-letter');
    case 'too_many_letters':
      return t('cls-reason-many-letters');
    case 'not_cyrillic':
      return t('cls-reason-not-cyrillic');
    case 'bad_characters':
      return t('cls-reason-bad-characters');
  }
}

/**
 * The refusal a domain error means, in the person's language; `undefined` for errors that are
 * not a refusal (bugs, Redis down) — the caller rethrows those to the error boundary.
 */
export function refusalText(t: Translate, error: unknown): string | undefined {
  if (!(error instanceof DomainError)) return undefined;
  if (error instanceof PermissionDeniedError) return t('adm-err-denied');
  if (error instanceof InvalidClassNameError) return t('cls-err-bad-name', { name: error.input, reason: classNameReason(t, error.reason) });
  if (error instanceof ClassNameTakenError) return t('cls-err-taken', { name: error.className });
  if (error instanceof StaffRoomImmutableError) return t('cls-err-staff-room');
  if (error instanceof ClassArchivedError) return t('cls-err-archived');
  if (error instanceof LastAdminError) return t('adm-err-last-admin');
  if (error instanceof NotVerifiedTeacherError) return t('adm-err-not-verified', { id: String(error.personId) });
  if (error instanceof NotATeacherError) return t('adm-err-not-teacher', { id: String(error.personId) });
  if (error instanceof MemberNotActiveError) return t('adm-err-left', { id: String(error.personId) });
  if (error instanceof NotAStudentError) return t('mv-err-not-student', { id: String(error.personId) });
  if (error instanceof NotFoundError) {
    if (error.entity === 'member') return t('adm-err-no-member', { id: String(error.id) });
    if (error.entity === 'class') return t('cls-err-not-found', { name: String(error.id) });
  }
  return undefined;
}

/** Runs a service call; a refusal comes back as its text, anything else is rethrown. */
export async function attempt<T>(t: Translate, work: () => Promise<T>): Promise<{ ok: true; value: T } | { ok: false; text: string }> {
  try {
    return { ok: true, value: await work() };
  } catch (error) {
    const text = refusalText(t, error);
    if (text === undefined) throw error;
    return { ok: false, text };
  }
}
