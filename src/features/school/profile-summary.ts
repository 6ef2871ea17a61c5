import type { Translate } from '../../i18n.js';
import { SCHOOL_FIELDS, type SchoolField } from '../../domain/school.js';

/** The profile as lines «Field: value», for the setup's summary and /school. */
export function profileSummary(t: Translate, fields: Partial<Record<SchoolField, string>>): string {
  return SCHOOL_FIELDS.map((field) => `${t(`field-${field}`)}: ${fields[field] ?? '—'}`).join('\n');
}
