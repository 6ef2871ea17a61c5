import type { Translate } from '../../i18n.js';
import type { ClassCreateResult } from '../../domain/types.js';
import { classNameReason } from '../shared/refusals.js';

/** What a bulk create did, in words: created, already there, refused with reasons. */
export function createSummary(t: Translate, results: readonly ClassCreateResult[]): string {
  const created = results.flatMap((r) => (r.status === 'created' ? [r.classGroup.name] : []));
  const duplicates = results.flatMap((r) => (r.status === 'duplicate' ? [r.name] : []));
  const invalid = results.flatMap((r) => (r.status === 'invalid' ? [t('cls-invalid-line', { name: r.input, reason: classNameReason(t, r.reason) })] : []));
  const lines: string[] = [];
  if (created.length > 0) lines.push(t('cls-created', { count: created.length, names: created.join(', ') }));
  if (duplicates.length > 0) lines.push(t('cls-duplicates', { count: duplicates.length, names: duplicates.join(', ') }));
  if (invalid.length > 0) lines.push(t('cls-invalid-header'), ...invalid);
  if (lines.length === 0) lines.push(t('cls-nothing-created'));
  return lines.join('\n');
}
