/**
 * How an invite reaches people (F05): the deep link with its token (the messenger's start link), the short code,
 * the QR picture for printing, the card shown to its author, and the message that brings it
 * to a given person (sent by the use case in send-invite.ts).
 */
import QRCode from 'qrcode';
import type { App } from '../../app.js';
import { formatWhen, type Translate } from '../../i18n.js';
import { roleName } from './issue-invite.js';
import { replyKeyboard } from '../shared/keyboards.js';
import type { Notice } from '../shared/notices.js';
import type { Invite } from '../../domain/index.js';
import type { PersonId } from '../../domain/person.js';
import type { Recipient } from '../../messenger/ids.js';
import type { Turn } from '../../turn.js';
import { classNameOf } from '../shared/class-ref.js';

/** The `ref_source` of invite links (a link without one counts as an invite's too, see /start). */
export const INVITE_REF_SOURCE = 'invite';

/** The deep link that opens the bot's dialog and hands it the invite's token as `ref` (the messenger's start link). */
export function inviteLink(app: App, token: string): string {
  return app.messenger.startLink(token, INVITE_REF_SOURCE);
}

/** A 512-pixel PNG of the link's QR code, for printing. */
export function inviteQrPng(link: string): Promise<Buffer> {
  return QRCode.toBuffer(link, { type: 'png', width: 512, errorCorrectionLevel: 'M', margin: 2 });
}

/** Uploads the QR picture for a message to `peerId`; undefined if the messenger refuses (the text still carries link and code). */
async function qrAttachment(app: App, peerId: Recipient, link: string): Promise<string | undefined> {
  try {
    return await app.messenger.uploadPhoto(peerId, await inviteQrPng(link), 'invite-qr.png');
  } catch (error) {
    app.logger.warn({ peerId, err: error instanceof Error ? error.name : 'unknown' }, 'invite QR upload failed');
    return undefined;
  }
}

/** The school's short name, or a neutral word before the profile is filled. */
export async function schoolName(app: App, t: Translate): Promise<string> {
  return (await app.school.get())?.shortName ?? t('inv-school-fallback');
}

/** Shows a new invite to its author: class, role, limits, the link, the code and the QR picture, with a «send to a person» button. */
export async function showInviteCard(app: App, turn: Turn, peerId: number, invite: Invite): Promise<void> {
  const { t } = turn;
  const link = inviteLink(app, invite.token);
  const text = t('inv-card', {
    class: await classNameOf(app, invite.classId),
    role: roleName(t, invite.role),
    link,
    code: invite.code,
    maxUses: invite.maxUses,
    expires: formatWhen(invite.expiresAt, app.config.SCHOOL_TZ, turn.locale),
  });
  const attachment = await qrAttachment(app, peerId, link);
  const keyboard = replyKeyboard([
    [{ label: t('inv-btn-send'), payload: { k: 'cmd', c: 'sendinvite', a: invite.code }, color: 'primary' }],
    [{ label: t('inv-btn-list'), payload: { k: 'cmd', c: 'invites' } }],
  ]);
  await app.messenger.send(peerId, { text, keyboard, attachment });
}

/**
 * The message that brings an invite to a person (text, link, code, QR picture), in their language;
 * `school` is the school's short name (a neutral word before the profile is filled).
 */
export function personalInviteNotice(app: App, invite: Invite, personId: PersonId, cls: string, school: string | undefined): Notice {
  const link = inviteLink(app, invite.token);
  return {
    kind: 'send',
    to: personId,
    build: async ({ t }) => ({
      text: t('inv-personal', { school: school ?? t('inv-school-fallback'), class: cls, role: roleName(t, invite.role), link, code: invite.code }),
      attachment: await qrAttachment(app, personId, link),
    }),
  };
}
