/**
 * Commands as people read them in lists (/help's topics, «Все команды», the welcome of a new member):
 * by their Russian name in Russian, each with what it does.
 */
import type { App } from '../../app.js';
import type { Locale, Translate } from '../../i18n.js';
import { effectiveRoles, type Member } from '../../domain/index.js';
import type { Caller } from '../../turn.js';
import type { CommandSpec } from './command-registry.js';

/** A command as the reader types it: by its Russian name in Russian (its first Cyrillic alias), by its Latin one in English. */
export function commandWord(command: CommandSpec, locale: Locale): string {
  const russian = command.aliases.find((alias) => /^[а-яё]/iu.test(alias));
  return `/${locale === 'ru' && russian ? russian : command.name}`;
}

/** A summary without its closing «: /пост» that names the command the line already starts with. */
function withoutOwnName(summary: string, word: string): string {
  const tail = [`: ${word}`, ` — ${word}`];
  const found = tail.find((end) => summary.endsWith(end));
  return found ? summary.slice(0, -found.length) : summary;
}

/** One line a command: «/чаты — учебные чаты и ссылки на них». */
export function commandLines(t: Translate, locale: Locale, commands: readonly CommandSpec[]): string[] {
  return commands.map((command) => {
    const word = commandWord(command, locale);
    return t('help-topic-line', { command: word, summary: withoutOwnName(t(command.summaryKey), word) });
  });
}

/** Commands everyone has, left out of a welcome's list (its last line names /help and /menu). */
const EVERYONE_HAS = new Set(['start', 'help', 'menu', 'join', 'cancel', 'lang']);

/** What a member can do now, for their welcome: the commands of their roles in force, then where the rest is. */
export function commandLinesFor(app: App, t: Translate, locale: Locale, member: Member): string[] {
  const caller: Caller = { personId: member.personId, member, roles: new Set(effectiveRoles(member)) };
  const commands = app.commands.availableTo(caller).filter((command) => !EVERYONE_HAS.has(command.name));
  return [...commandLines(t, locale, commands), '', t('req-welcome-more')];
}
