/**
 * First contact (F27): what a person who is not a member of the school gets, whatever they write in a
 * private dialog: their pending requests (class, role, since when, who decides), or how to join with a
 * button that asks for an invite code. A person in the middle of a dialog is brought back to its step.
 */
import type { App } from '../../app.js';
import { formatWhen } from '../../i18n.js';
import { roleName } from '../invites/issue-invite.js';
import { constantKeyboard, replyKeyboard } from '../shared/keyboards.js';
import { commandButton } from '../shared/pick-keyboard.js';
import type { IncomingMessage } from '../../messenger/events.js';
import type { Reader } from '../shared/recipients.js';
import { classNameOf } from '../shared/class-ref.js';
import { decidersLine } from '../shared/deciders.js';
import type { JoinRequest } from '../../domain/index.js';
import type { Caller, Turn } from '../../turn.js';

/** Whether the caller is not (or no longer) a member of the school: first contact is for them. */
export function isStranger(caller: Caller): boolean {
  return caller.member?.status !== 'active';
}

/** The person's pending requests as they read them: class, role (and child), when sent, who decides. */
export async function pendingText(app: App, reader: Reader, requests: readonly JoinRequest[]): Promise<string> {
  const { t, locale } = reader;
  const blocks: string[] = [];
  for (const request of requests) {
    const a = request.applicant;
    const lines = [t('contact-pending-class', { class: await classNameOf(app, a.classId) }), t('contact-pending-role', { role: roleName(t, a.role) })];
    if (a.role === 'parent') lines.push(t('contact-pending-child', { child: a.childName }));
    lines.push(t('contact-pending-since', { when: formatWhen(request.createdAt, app.config.SCHOOL_TZ, locale) }));
    // A young student's request waits for a parent's consent (src/features/consent/) before anyone decides it.
    lines.push(request.awaitingConsent ? t('cns-pending-waiting') : await decidersLine(app, reader, request));
    blocks.push(lines.join('\n'));
  }
  return [t('contact-pending-title', { count: requests.length }), ...blocks, t('contact-pending-footer')].join('\n\n');
}

/** How to join, with the button that asks for an invite code (it runs /join without a code). */
export async function joinIntro(app: App, turn: Turn): Promise<unknown> {
  const { t } = turn;
  const profile = await app.school.get();
  const school = profile ? `«${profile.shortName}»` : t('contact-school-fallback');
  return turn.reply(t('contact-intro', { school }), constantKeyboard(app.i18n, turn.locale, 'contact-code', (tr) => replyKeyboard([[commandButton(tr('contact-btn-code'), 'join', undefined, 'primary')]])));
}

/** What a stranger gets whatever they write: their pending requests if they have any, else how to join. */
export async function answerStranger(app: App, turn: Turn): Promise<unknown> {
  // The ids of the requests they filed came with the caller: none filed, nothing to read.
  const filed = turn.caller.filedRequests;
  const pending = filed?.length === 0 ? [] : await app.services.requests.pendingOf(turn.caller.personId, filed);
  if (pending.length > 0) return turn.reply(await pendingText(app, turn, pending));
  return joinIntro(app, turn);
}

/** Brings a person back to the step of the dialog they are in: the step asks its question again. */
export async function resumeDialog(context: IncomingMessage, turn: Turn, lead = turn.t('start-resume')): Promise<unknown> {
  await turn.reply(lead);
  return context.dialogs.repeatStep();
}
