/**
 * What /help shows (F14): a few topics, each a short explanation with the commands of that topic the
 * person may use now (from the command registry, so a topic follows the rights), and a FAQ.
 */
import type { App } from '../../app.js';
import type { Locale, Translate } from '../../i18n.js';
import type { Caller } from '../../turn.js';
import type { CommandSpec } from '../shared/command-registry.js';
import { commandLines } from '../shared/command-words.js';
import { inlineKeyboard, type Button, type Keyboard } from '../shared/keyboards.js';

/** Callback action names of /help's buttons. */
export const HELP_TOPIC = 'help.t';
export const HELP_FAQ = 'help.f';
export const HELP_HOME = 'help.home';
export const HELP_ALL = 'help.all';
export const HELP_ASK = 'help.ask';

export const HELP_TOPIC_IDS = ['setup', 'people', 'channels', 'events', 'teaching', 'basics'] as const;
export type HelpTopicId = (typeof HELP_TOPIC_IDS)[number];

/** The commands of each topic, by their Latin names, in the order shown. */
const TOPIC_COMMANDS: Readonly<Record<HelpTopicId, readonly string[]>> = {
  setup: ['school', 'classes', 'rename', 'archive', 'invite', 'invites', 'revoke', 'sendinvite', 'promote'],
  people: ['requests', 'verify', 'admins', 'staff', 'head', 'deputy', 'classteacher', 'class', 'transfer', 'left', 'linkchild', 'audit'],
  channels: ['channels', 'bind', 'unbind', 'post', 'posts', 'scheduled', 'submit', 'materials'],
  events: ['meeting', 'meetings', 'broadcast', 'webinar', 'broadcasts', 'staffchats'],
  teaching: ['chat', 'chats', 'lesson', 'lessons'],
  basics: ['question', 'rules', 'support', 'resources', 'lang', 'cancel'],
};

export const FAQ_IDS = ['join', 'chats', 'teachers', 'write', 'lang', 'support'] as const;
export type FaqId = (typeof FAQ_IDS)[number];

/** Narrows a button's value to a topic id. */
export function isTopic(value: string | undefined): value is HelpTopicId {
  return (HELP_TOPIC_IDS as readonly string[]).includes(value ?? '');
}

/** Narrows a button's value to a FAQ entry. */
export function isFaq(value: string | undefined): value is FaqId {
  return (FAQ_IDS as readonly string[]).includes(value ?? '');
}

/** The commands of a topic the caller may use now. */
function topicCommands(app: App, caller: Caller, topic: HelpTopicId): CommandSpec[] {
  return TOPIC_COMMANDS[topic].flatMap((name) => {
    const command = app.commands.find(name);
    return command && !command.hidden && command.allowed(caller) ? [command] : [];
  });
}

/** The topics the caller has something in. */
export function topicsFor(app: App, caller: Caller): HelpTopicId[] {
  return HELP_TOPIC_IDS.filter((topic) => topicCommands(app, caller, topic).length > 0);
}

/** A topic's text: its explanation, then its commands with what each does. */
export function topicText(app: App, t: Translate, locale: Locale, caller: Caller, topic: HelpTopicId): string {
  const lines = commandLines(t, locale, topicCommands(app, caller, topic));
  return [t('help-topic-title', { topic }), '', t('help-topic-intro', { topic }), '', ...lines].join('\n');
}

const cb = (label: string, a: string, id?: string, color?: Button['color']): Button => ({ label, payload: { k: 'cb', a, ...(id ? { id } : {}) }, color });

/** /help's buttons: the caller's topics two a row, then the FAQ and «Вопрос администратору» (members), then every command. */
export function homeKeyboard(t: Translate, topics: readonly HelpTopicId[], member: boolean): Keyboard {
  const rows: Button[][] = [];
  for (let i = 0; i < topics.length; i += 2) rows.push(topics.slice(i, i + 2).map((topic) => cb(t('help-topic-button', { topic }), HELP_TOPIC, topic)));
  rows.push([cb(t('help-btn-faq'), HELP_FAQ, 'list'), ...(member ? [cb(t('help-btn-ask'), HELP_ASK, undefined, 'positive')] : [])]);
  rows.push([cb(t('help-btn-all'), HELP_ALL)]);
  return inlineKeyboard(rows);
}

/** The FAQ's questions as buttons, two a row, and «Назад» to /help. */
export function faqKeyboard(t: Translate): Keyboard {
  const rows: Button[][] = [];
  for (let i = 0; i < FAQ_IDS.length; i += 2) rows.push(FAQ_IDS.slice(i, i + 2).map((id) => cb(t('help-faq-button', { id }), HELP_FAQ, id)));
  rows.push([cb(t('btn-back'), HELP_HOME)]);
  return inlineKeyboard(rows);
}

/** «Назад» under a topic (to /help) or a FAQ answer (to the FAQ's list). */
export function backKeyboard(t: Translate, to: 'home' | 'faq'): Keyboard {
  return inlineKeyboard([[to === 'home' ? cb(t('btn-back'), HELP_HOME) : cb(t('btn-back'), HELP_FAQ, 'list')]]);
}
