/**
 * What a change of someone's role tells them (F06, F18, F19), in their own language: made a
 * platform admin or no longer one, marked as the head or a deputy. The use cases next to this file
 * return these notices; the caller delivers them (see deliverNotices).
 */
import type { PersonId } from '../../domain/person.js';
import type { AdministrationRole } from '../../domain/types.js';
import type { Notice } from '../shared/notices.js';

/** To a person made a platform admin (`appointed`), or no longer one. */
export function adminNotice(personId: PersonId, appointed: boolean): Notice {
  return { kind: 'send', to: personId, build: ({ t }) => ({ text: t(appointed ? 'adm-notify-admin' : 'adm-notify-admin-removed') }) };
}

/** To a teacher marked as the head or a deputy head. */
export function administrationNotice(personId: PersonId, role: AdministrationRole): Notice {
  return { kind: 'send', to: personId, build: ({ t }) => ({ text: t(role === 'head' ? 'adm-notify-head' : 'adm-notify-deputy') }) };
}
