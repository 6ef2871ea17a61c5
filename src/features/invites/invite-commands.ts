import type { Keyboard } from '../../messenger/keyboard.js';
import { enterInviteBuilder } from './dialogs.js';
import type { ActionSpec } from '../shared/action-registry.js';
import type { App } from '../../app.js';
import {
  issueInvite,
  mayInvite,
  parseCount,
  parseInviteRole,
  roleName,
  visibleInvites,
} from './issue-invite.js';
import { formatWhen } from '../../i18n.js';
import { showInviteCard } from './invite-links.js';
import { revokeInvite, revokeUnusedInvites } from './revoke-invites.js';
import { sendInviteToNamed } from './send-invite.js';
import { inlineKeyboard, type Button } from '../shared/keyboards.js';
import { INVITE_LIMITS, STAFF_ROOM_ID, STAFF_ROOM_NAME, normaliseInviteCode, type Invite, type InviteRole } from '../../domain/index.js';
import type { Caller, Turn } from '../../turn.js';
import type { CommandSpec } from '../shared/command-registry.js';
import { classNameOf } from '../shared/class-ref.js';

/**
 * Invites shown per page of /invites. An inline keyboard holds 6 rows and 10 buttons: the revoke
 * buttons go two to a row (3 rows), then the page row and «revoke all unused».
 */
const PAGE_SIZE = 6;
const UNUSED_WORDS = new Set(['unused', 'неиспользованные', 'неиспользованное', 'неиспользованных', 'все']);

interface ParsedInviteArgs {
  className: string;
  role: InviteRole;
  maxUses: number;
  days: number;
}

/** Reads `/invite <class> <role> [uses] [days]`; the class name may contain a space («5 А»). */
function parseInviteArgs(args: string): ParsedInviteArgs | undefined {
  const words = args.split(/\s+/).filter(Boolean);
  const at = words.findIndex((w) => parseInviteRole(w) !== undefined);
  if (at < 1 || words.length - at > 3) return undefined;
  const numbers = words.slice(at + 1);
  const maxUses = numbers[0] === undefined ? INVITE_LIMITS.defaultUses : parseCount(numbers[0], INVITE_LIMITS.maxUses);
  const days = numbers[1] === undefined ? INVITE_LIMITS.defaultDays : parseCount(numbers[1], INVITE_LIMITS.maxDays);
  if (maxUses === undefined || days === undefined) return undefined;
  return { className: words.slice(0, at).join(' '), role: parseInviteRole(words[at]!)!, maxUses, days };
}

/** /invite: creates an invite link (F05) from arguments, or opens the builder dialog with buttons. */
export const inviteCommand: CommandSpec = {
  name: 'invite',
  aliases: ['пригласить', 'приглашение'],
  summaryKey: 'inv-cmd-invite',
  dmOnly: true,
  allowed: mayInvite,
  async run(context, args, turn, app) {
    const { t } = turn;
    if (!args) return enterInviteBuilder(context.dialogs);
    const parsed = parseInviteArgs(args);
    if (!parsed) return turn.reply(t('inv-usage', { maxUses: INVITE_LIMITS.maxUses, maxDays: INVITE_LIMITS.maxDays }));
    const isStaff = parsed.className.toLocaleLowerCase('ru-RU') === STAFF_ROOM_NAME.toLocaleLowerCase('ru-RU') || parsed.className.toLowerCase() === 'staff';
    const classGroup = isStaff ? await app.services.classes.get(STAFF_ROOM_ID) : await app.services.classes.findByName(parsed.className);
    if (!classGroup) return turn.reply(t('inv-class-unknown'));
    const { outcome } = await issueInvite(app, turn, { classId: classGroup.id, role: parsed.role, maxUses: parsed.maxUses, days: parsed.days });
    if (outcome.kind === 'refused') return turn.reply(outcome.text);
    await showInviteCard(app, turn, context.chat, outcome.invite);
  },
};

/** One page of the caller's active invites with use counts and revoke buttons. */
async function invitesPage(app: App, turn: Turn, page: number): Promise<{ text: string; keyboard?: Keyboard }> {
  const { t } = turn;
  const invites = await visibleInvites(app, turn.caller);
  if (invites.length === 0) return { text: t('inv-list-empty') };
  const pages = Math.ceil(invites.length / PAGE_SIZE);
  const current = Math.min(Math.max(0, page), pages - 1);
  const shown = invites.slice(current * PAGE_SIZE, (current + 1) * PAGE_SIZE);
  const lines: string[] = [];
  for (const invite of shown) {
    lines.push(
      t('inv-list-line', {
        class: await classNameOf(app, invite.classId),
        role: roleName(t, invite.role),
        code: invite.code,
        uses: invite.uses,
        maxUses: invite.maxUses,
        expires: formatWhen(invite.expiresAt, app.config.SCHOOL_TZ, turn.locale),
      }),
    );
  }
  const revokeButtons: Button[] = shown.map((invite) => ({ label: t('inv-btn-revoke', { code: invite.code }), payload: { k: 'cb', a: 'inv.revoke', id: invite.id, v: String(current) }, color: 'negative' }));
  const rows: Button[][] = [];
  for (let i = 0; i < revokeButtons.length; i += 2) rows.push(revokeButtons.slice(i, i + 2));
  const nav: Button[] = [];
  if (current > 0) nav.push({ label: t('inv-btn-prev'), payload: { k: 'cb', a: 'inv.page', v: String(current - 1) } });
  if (current < pages - 1) nav.push({ label: t('inv-btn-next'), payload: { k: 'cb', a: 'inv.page', v: String(current + 1) } });
  rows.push(nav, [{ label: t('inv-btn-revoke-unused'), payload: { k: 'cb', a: 'inv.unused' } }]);
  const header = t('inv-list-header', { count: invites.length, page: current + 1, pages });
  return { text: [header, '', ...lines].join('\n'), keyboard: inlineKeyboard(rows) };
}

/** /invites: the caller's active invites with their use counts and revoke buttons (F05, F11). */
export const invitesCommand: CommandSpec = {
  name: 'invites',
  aliases: ['приглашения'],
  summaryKey: 'inv-cmd-invites',
  dmOnly: true,
  allowed: mayInvite,
  async run(_context, args, turn, app) {
    const { text, keyboard } = await invitesPage(app, turn, (parseCount(args, 1000) ?? 1) - 1);
    return turn.reply(text, keyboard);
  },
};

/** The caller's active invite with this code (typed in any case, with Cyrillic look-alikes). */
async function findVisibleByCode(app: App, caller: Caller, typed: string): Promise<Invite | undefined> {
  const code = normaliseInviteCode(typed);
  return (await visibleInvites(app, caller)).find((invite) => invite.code === code);
}

/** /revoke CODE | /revoke unused: revokes one invite, or all nobody used (F11), and says how many. */
export const revokeCommand: CommandSpec = {
  name: 'revoke',
  aliases: ['отозвать'],
  summaryKey: 'inv-cmd-revoke',
  allowed: mayInvite,
  async run(_context, args, turn, app) {
    const { t, caller } = turn;
    const word = args.trim().toLocaleLowerCase('ru-RU');
    if (!word) return turn.reply(t('inv-revoke-usage'));
    if (UNUSED_WORDS.has(word) || word === 'все неиспользованные') {
      const { outcome } = await revokeUnusedInvites(app, caller);
      return turn.reply(outcome.kind === 'revoked' ? t('inv-revoked-unused', { count: outcome.count }) : t('command-denied'));
    }
    const invite = await findVisibleByCode(app, caller, args);
    const notFound = () => turn.reply(t('inv-revoke-not-found', { code: normaliseInviteCode(args).slice(0, 20) }));
    if (!invite) return notFound();
    const { outcome } = await revokeInvite(app, caller, invite.id);
    if (outcome.kind === 'denied') return turn.reply(t('command-denied'));
    if (outcome.kind === 'not-found') return notFound();
    return turn.reply(t('inv-revoked', { code: invite.code, class: await classNameOf(app, invite.classId), role: roleName(t, invite.role) }));
  },
};

/** /sendinvite CODE [vk id]: sends an active invite to a VK user; without the id asks for it. */
export const sendInviteCommand: CommandSpec = {
  name: 'sendinvite',
  aliases: ['отправитьприглашение', 'выслать'],
  summaryKey: 'inv-cmd-sendinvite',
  dmOnly: true,
  allowed: mayInvite,
  async run(context, args, turn, app) {
    const { t, caller } = turn;
    const [code, ...rest] = args.split(/\s+/).filter(Boolean);
    if (!code) return turn.reply(t('inv-send-usage'));
    const invite = await findVisibleByCode(app, caller, code);
    if (!invite) return turn.reply(t('inv-revoke-not-found', { code: normaliseInviteCode(code).slice(0, 20) }));
    if (rest.length === 0) return enterInviteBuilder(context.dialogs, invite.id);
    return sendInviteToNamed(app, turn, invite, app.messenger.people.split(rest.join(' ')));
  },
};

/** Edits the /invites message in place to show `page`. */
async function refreshList(context: Parameters<ActionSpec['run']>[0], app: App, turn: Turn, page: number): Promise<void> {
  const { text, keyboard } = await invitesPage(app, turn, page);
  await app.messenger.edit(context.message, { text, keyboard: keyboard ?? inlineKeyboard([]) }).catch(() => undefined);
}

/** The revoke button of /invites. */
export const revokeAction: ActionSpec = {
  name: 'inv.revoke',
  async run(context, payload, turn, app) {
    const { t, caller } = turn;
    if (!mayInvite(caller) || !payload.id) return t('inv-snack-denied');
    const { outcome } = await revokeInvite(app, caller, payload.id);
    if (outcome.kind === 'denied') return t('inv-snack-denied');
    if (outcome.kind === 'not-found') return t('button-stale-short');
    await refreshList(context, app, turn, Number(payload.v ?? 0));
    return t('inv-snack-revoked', { code: outcome.invite.code });
  },
};

/** The page buttons of /invites. */
export const pageAction: ActionSpec = {
  name: 'inv.page',
  async run(context, payload, turn, app) {
    if (!mayInvite(turn.caller)) return turn.t('inv-snack-denied');
    await refreshList(context, app, turn, Number(payload.v ?? 0));
  },
};

/** «Revoke all unused» of /invites (F11). */
export const revokeUnusedAction: ActionSpec = {
  name: 'inv.unused',
  async run(context, _payload, turn, app) {
    if (!mayInvite(turn.caller)) return turn.t('inv-snack-denied');
    const { outcome } = await revokeUnusedInvites(app, turn.caller);
    if (outcome.kind === 'denied') return turn.t('inv-snack-denied');
    await refreshList(context, app, turn, 0);
    return turn.t('inv-snack-revoked-unused', { count: outcome.count });
  },
};

