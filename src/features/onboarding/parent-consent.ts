/**
 * Consent in onboarding (152-ФЗ): the consent's words (the text a person agrees to for their own
 * data, the text a parent agrees to for a child; both name the school, the purposes, the data kept
 * and how to withdraw); whether a class's students need a parent's consent (CONSENT_PARENT_GRADES);
 * the link a young student passes on to a parent. The parent's side is src/features/consent/.
 */
import type { App } from '../../app.js';
import { CONSENT_TEXT_VERSION, type JoinRequest } from '../../domain/index.js';
import { formatWhen, type Locale, type Translate } from '../../i18n.js';
import { replyKeyboard } from '../shared/keyboards.js';
import type { Turn } from '../../turn.js';
import { whomToAsk } from './whom-to-ask.js';

/** The consent a person gives for their own data (the older students, parents, teachers). */
export function selfConsentText(t: Translate, school: string): string {
  return t('cns-text-self', { school, version: CONSENT_TEXT_VERSION });
}

/** The consent a parent gives for a child's data. */
export function parentConsentText(t: Translate, fields: { parent: string; child: string; className: string; school: string }): string {
  return t('cns-text-parent', { parent: fields.parent, child: fields.child, class: fields.className, school: fields.school, version: CONSENT_TEXT_VERSION });
}

/** The deep link that opens the bot's dialog with the consent token as `ref` (source `consent`). */
export function consentLink(app: App, token: string): string {
  return app.messenger.startLink(token, CONSENT_REF_SOURCE);
}

/** The `ref_source` of consent links (invites have theirs). */
export const CONSENT_REF_SOURCE = 'consent';

/** The link's expiry as the reader reads a date. */
export function linkUntil(app: App, locale: Locale, expiresAt: number): string {
  return formatWhen(expiresAt, app.config.SCHOOL_TZ, locale);
}

/** Whether students of the class need a parent's consent: a regular class of a grade in CONSENT_PARENT_GRADES. */
export async function needsParentConsent(app: App, classId: string): Promise<boolean> {
  const group = await app.services.classes.get(classId);
  return group?.kind === 'regular' && app.config.CONSENT_PARENT_GRADES.has(group.grade);
}

/** The words for a young student about the link for a parent: whether a link was issued, and the text carrying it. */
export interface ParentLinkText {
  readonly issued: boolean;
  readonly text: string;
}

/**
 * Issues a fresh link for the parent of the student's request (the previous link, if any, stops
 * working) and words it for the student: the first time with what the request waits for and who
 * reviews it then; later only the new link. Says so if the request waits for a parent no longer.
 */
export async function parentLinkText(app: App, turn: Turn, request: JoinRequest, first: boolean): Promise<ParentLinkText> {
  const { t } = turn;
  const link = await app.services.consent.issueLink(request.id);
  if (!link) return { issued: false, text: t('cns-paper-not-waiting') };
  app.logger.info({ requestId: request.id, personId: turn.caller.personId }, 'consent link issued');
  const fields = { link: consentLink(app, link.token), until: linkUntil(app, turn.locale, link.expiresAt) };
  if (!first) return { issued: true, text: t('cns-student-new-link', fields) };
  const className = (await app.services.classes.get(request.applicant.classId))?.name ?? '';
  return { issued: true, text: t('cns-student-waiting', { ...fields, class: className, whom: whomToAsk(request.applicant.role) }) };
}

/**
 * Tells the student their request waits for a parent's consent and gives them a fresh link to pass
 * on (the previous link, if any, stops working). Replies nothing more if the request waits no longer.
 */
export async function sendParentLink(app: App, turn: Turn, request: JoinRequest, first: boolean): Promise<unknown> {
  const { issued, text } = await parentLinkText(app, turn, request, first);
  return issued && !first ? turn.reply(text) : turn.reply(text, replyKeyboard([]));
}
