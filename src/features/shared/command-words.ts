/**
 * Commands as people read them in lists (/help's topics, «Все команды», the welcome of a new member):
 * by their Russian name in Russian, each with what it does.
 */
import type { Locale, Translate } from '../../i18n.js';
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
