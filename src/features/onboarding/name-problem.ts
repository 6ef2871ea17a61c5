/**
 * Why an answer to «Как вас зовут?» was refused, in words: the onboarding dialog and the parent's
 * consent dialog ask a name the same way and answer a wrong one the same way.
 */
import { MAX_NAME_LENGTH, type NameCheck } from '../../domain/person-names.js';
import type { InviteRole } from '../../domain/index.js';
import type { Translate } from '../../i18n.js';

/**
 * The re-prompt reason: a stale button, an empty answer, a command, too long, or not a name; `whose`
 * picks the example that fits the reader (a child's name for a student or a parent naming their child).
 */
export function nameProblem(t: Translate, answer: { readonly hasPayload: boolean }, check: NameCheck | undefined, whose?: InviteRole | 'child'): string {
  if (answer.hasPayload) return t('button-stale');
  if (!check || check.ok) return t('invalid-choice');
  switch (check.problem) {
    case 'empty':
      return t('invalid-empty');
    case 'command':
      return t('invalid-command');
    case 'too-long':
      return t('invalid-too-long', { max: MAX_NAME_LENGTH });
    case 'format':
      return whose === undefined ? t('onb-bad-name') : t('onb-bad-name', { role: whose });
  }
}
