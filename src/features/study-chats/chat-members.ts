/**
 * Who is in a study chat (F25): a stranger who joins by the link (not on the class's roster) is
 * named to the chat's teacher with a «Удалить из чата» button; a student who leaves the school or
 * moves to another class (and a parent who leaves the class with them) is removed from the old
 * class's chats, and each chat's teacher is told.
 */
import type { App } from '../../app.js';
import { belongsInStudyChat, studyChatClassIds, type Member, type StudyChat } from '../../domain/index.js';
import { asPersonId, personId, type PersonId } from '../../domain/person.js';
import { personValue, type FluentPerson, type Translate } from '../../i18n.js';
import type { ChatMemberChange } from '../../messenger/events.js';
import type { OutgoingMessage } from '../../messenger/messenger.js';
import type { Caller } from '../../turn.js';
import type { ActionSpec } from '../shared/action-registry.js';
import { inlineKeyboard } from '../shared/keyboards.js';
import { notifyPerson, readerFor } from '../shared/recipients.js';
import { personMention } from '../shared/person-words.js';
import { audienceText } from './create-study-chat.js';

/** The payload's action of the «Удалить из чата» button: `id` the study chat, `v` the person. */
export const SC_REMOVE = 'sc.remove';

/** Who may remove someone from a study chat: its teacher (still at the school) and admins. */
export function mayManageStudyChat(caller: Caller, chat: Pick<StudyChat, 'teacher'>): boolean {
  return (caller.personId === chat.teacher && caller.member?.status === 'active') || caller.roles.has('admin');
}

const classNameOf = async (app: App, classId: string): Promise<string> => (await app.services.classes.get(classId))?.name ?? '—';

/** The words of a card about a chat: its title, and its class (a subject chat) or its audience (an "other" chat). */
async function chatVars(app: App, t: Translate, chat: StudyChat): Promise<{ kind: StudyChat['kind']; title: string; className: string; audience: string }> {
  if (chat.kind === 'other') return { kind: chat.kind, title: chat.title, className: '', audience: await audienceText(app, t, chat.audience) };
  return { kind: chat.kind, title: chat.title, className: await classNameOf(app, chat.classId ?? studyChatClassIds(chat)[0] ?? ''), audience: '' };
}

/** The key of a card's text: the subject chat's wording, or the "other" chat's (`sc-other-…`). */
const KEYS = {
  'stranger-joined': { subject: 'sc-stranger-joined', other: 'sc-other-stranger-joined' },
  'stranger-added': { subject: 'sc-stranger-added', other: 'sc-other-stranger-added' },
  'stranger-belongs': { subject: 'sc-stranger-belongs', other: 'sc-other-stranger-belongs' },
} as const;
const keyOf = (chat: StudyChat, key: keyof typeof KEYS): string => KEYS[key][chat.kind];

/** A person as a link the messenger shows: their roster name, else their name in the messenger. */
async function mentionOf(app: App, t: Translate, person: PersonId): Promise<FluentPerson> {
  return personMention(app, t, person);
}

/**
 * Someone joined or left a chat the bot is in. A person who joins a study chat (by its link, or
 * added by a member) and does not belong there is named to the chat's teacher, with the button.
 */
export async function onChatMemberChange(app: App, event: ChatMemberChange): Promise<void> {
  if (event.change !== 'joined-by-link' && event.change !== 'added') return;
  const chat = await app.services.studyChats.byPeer(event.chat);
  if (!chat) return;
  const person = personId(event.person);
  if (belongsInStudyChat(chat, await app.services.members.get(person))) return;
  const reader = await readerFor(app, chat.teacher);
  const card = await strangerCard(app, reader.t, chat, person, event.change === 'added' && event.by ? personId(event.by) : undefined, event.change);
  const told = await notifyPerson(app, chat.teacher, () => card);
  app.logger.info({ studyChat: chat.id, person, teacher: chat.teacher, told: told.ok }, 'stranger joined a study chat');
}

/** The teacher's card about a stranger in the chat, with the button that removes them. */
async function strangerCard(app: App, t: Translate, chat: StudyChat, person: PersonId, by: PersonId | undefined, change: 'joined-by-link' | 'added'): Promise<OutgoingMessage> {
  const vars = { ...(await chatVars(app, t, chat)), person: await mentionOf(app, t, person) };
  const text =
    change === 'added' && by !== undefined ? t(keyOf(chat, 'stranger-added'), { ...vars, by: await mentionOf(app, t, by) }) : t(keyOf(chat, 'stranger-joined'), vars);
  return {
    text,
    keyboard: inlineKeyboard([[{ label: t('sc-btn-remove'), payload: { k: 'cb', a: SC_REMOVE, id: chat.id, v: person }, color: 'negative' }]]),
  };
}

/**
 * «Удалить из чата»: re-checks that the presser is the chat's teacher or an admin and that the
 * person still does not belong there, removes them, and rewrites the card to say what was done.
 */
export const removeFromStudyChatAction: ActionSpec = {
  name: SC_REMOVE,
  async run(press, payload, turn, app) {
    const { t, caller } = turn;
    const person = asPersonId(payload.v ?? '');
    const chat = payload.id ? await app.services.studyChats.get(payload.id) : undefined;
    if (!chat || chat.status !== 'ready' || chat.peer === undefined || person === undefined) return t('button-stale-short');
    if (!mayManageStudyChat(caller, chat)) return t('sc-remove-denied');
    const vars = { ...(await chatVars(app, t, chat)), person: await mentionOf(app, t, person) };
    const edit = (text: string) => (press.isPrivate ? app.messenger.edit(press.message, { text }).catch(() => undefined) : Promise.resolve());
    if (belongsInStudyChat(chat, await app.services.members.get(person))) {
      await edit(t(keyOf(chat, 'stranger-belongs'), vars));
      return t('sc-belongs-short', vars);
    }
    const removed = await app.messenger.removeFromChat(chat.peer, person);
    app.logger.info({ studyChat: chat.id, person, by: caller.personId, removed }, 'stranger removed from a study chat');
    await edit(t(removed ? 'sc-stranger-removed' : 'sc-stranger-gone', vars));
    return t(removed ? 'sc-removed-short' : 'sc-gone-short', vars);
  },
};

/** Why someone was taken out of a class's chats: they left the school, moved to another class, or (a parent) no longer has a child there. */
/** Why a person is no longer of a class: left the school, moved to another class, no longer a parent there, or their consent withdrawn (152-ФЗ: their data removed). */
export type ClassExit = { readonly kind: 'left' } | { readonly kind: 'transferred'; readonly to: string } | { readonly kind: 'parent' } | { readonly kind: 'consent' };

/** One person who is no longer of a class, as a movement use case reports them. */
export interface ClassLeaver {
  /** Their record after the move. */
  readonly member: Member;
  readonly classId: string;
  readonly exit: ClassExit;
}

/**
 * After a class graduated (F10): removes its students and parents from the class's study chats and
 * tells each chat's teacher once, with how many were removed (not a message a person). Returns how
 * many removals were made. A chat the messenger refuses is logged and skipped.
 */
export async function removeGraduates(app: App, classId: string, graduates: readonly Member[]): Promise<number> {
  let total = 0;
  for (const chat of await app.services.studyChats.ofClass(classId)) {
    if (chat.peer === undefined) continue;
    let removed = 0;
    for (const member of graduates) {
      if (member.personId === chat.teacher || belongsInStudyChat(chat, member)) continue;
      const done = await app.messenger.removeFromChat(chat.peer, member.personId).catch((error: unknown) => {
        app.logger.warn({ studyChat: chat.id, person: member.personId, err: error instanceof Error ? error.name : 'unknown' }, 'could not remove a graduate from a study chat');
        return false;
      });
      if (done) removed += 1;
    }
    total += removed;
    app.logger.info({ studyChat: chat.id, classId, removed }, 'graduates removed from a study chat');
    if (removed === 0) continue;
    const className = await classNameOf(app, classId);
    const reader = await readerFor(app, chat.teacher);
    const told = await notifyPerson(app, chat.teacher, () => ({ text: reader.t('sc-removed-graduated', { kind: chat.kind, title: chat.title, className, count: removed }) }));
    if (!told.ok) app.logger.warn({ studyChat: chat.id, teacher: chat.teacher }, 'teacher not told of the graduates removed: they do not accept messages from the bot');
  }
  return total;
}

/**
 * Removes each leaver from the study chats of the class they are no longer of (unless they still
 * belong there, say as a parent) and tells each chat's teacher. Returns the titles of the chats
 * each person was removed from, by personId. A person already out of a chat is skipped; a chat the
 * messenger refuses (the bot is no admin there any more) is logged and skipped.
 */
export async function removeFromClassChats(app: App, leavers: readonly ClassLeaver[]): Promise<Map<PersonId, string[]>> {
  const removedFrom = new Map<PersonId, string[]>();
  for (const { member, classId, exit } of leavers) {
    const chats = await app.services.studyChats.ofClass(classId);
    for (const chat of chats) {
      if (chat.peer === undefined || belongsInStudyChat(chat, member)) continue;
      let removed: boolean;
      try {
        removed = await app.messenger.removeFromChat(chat.peer, member.personId);
      } catch (error) {
        app.logger.warn({ studyChat: chat.id, person: member.personId, err: error instanceof Error ? error.name : 'unknown', code: (error as { code?: unknown }).code }, 'could not remove from a study chat');
        continue;
      }
      if (!removed) continue;
      removedFrom.set(member.personId, [...(removedFrom.get(member.personId) ?? []), chat.title]);
      app.logger.info({ studyChat: chat.id, person: member.personId, exit: exit.kind }, 'removed from a study chat');
      if (chat.teacher === member.personId) continue;
      const className = await classNameOf(app, classId);
      const reader = await readerFor(app, chat.teacher);
      const person = personValue(member.name.trim() || '…', member.gender, (name) => app.messenger.mention(member.personId, name));
      const vars = { kind: chat.kind, title: chat.title, className, person };
      const text =
        exit.kind === 'left'
          ? reader.t('sc-removed-left', vars)
          : exit.kind === 'transferred'
            ? reader.t('sc-removed-transferred', { ...vars, to: exit.to })
            : exit.kind === 'consent'
              ? reader.t('sc-removed-consent', vars)
              : reader.t('sc-removed-parent', vars);
      const told = await notifyPerson(app, chat.teacher, () => ({ text }));
      if (!told.ok) app.logger.warn({ studyChat: chat.id, teacher: chat.teacher }, 'teacher not told of a removal: they do not accept messages from the bot');
    }
  }
  return removedFrom;
}

/**
 * Removes someone who left the school from the study chats made for a role (all students, all
 * teachers…) that they were in, and tells each chat's teacher. Returns the titles of those chats.
 * Someone not in a chat is skipped; a chat the messenger refuses is logged and skipped.
 */
export async function removeFromRoleChats(app: App, member: Member): Promise<string[]> {
  const titles: string[] = [];
  const chats = (await app.services.studyChats.all()).filter((chat) => chat.audience.kind === 'role' && chat.peer !== undefined);
  for (const chat of chats) {
    if (chat.peer === undefined || belongsInStudyChat(chat, member)) continue;
    const removed = await app.messenger.removeFromChat(chat.peer, member.personId).catch((error: unknown) => {
      app.logger.warn({ studyChat: chat.id, person: member.personId, err: error instanceof Error ? error.name : 'unknown' }, 'could not remove from a role study chat');
      return false;
    });
    if (!removed) continue;
    titles.push(chat.title);
    app.logger.info({ studyChat: chat.id, person: member.personId, exit: 'left' }, 'removed from a role study chat');
    if (chat.teacher === member.personId) continue;
    const person = personValue(member.name.trim() || `id${member.personId}`, member.gender, (name) => app.messenger.mention(member.personId, name));
    const told = await notifyPerson(app, chat.teacher, (t) => ({ text: t('sc-removed-left-role', { person, title: chat.title }) }));
    if (!told.ok) app.logger.warn({ studyChat: chat.id, teacher: chat.teacher }, 'teacher not told of a removal: they do not accept messages from the bot');
  }
  return titles;
}
