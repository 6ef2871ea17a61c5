/**
 * The school's regulation on Sferum (F17), read from `content/regulation.ru.md`: its sections, each a
 * `## Кнопка | Заголовок` line and the text under it. The text is the Russian original, cleaned of the
 * scan's errors; there is no English version (the English reader is told so and gets the Russian text).
 */
import { readFileSync } from 'node:fs';

/** One section of the regulation: the label of its button, its heading and its text. */
export interface RegulationSection {
  readonly label: string;
  readonly title: string;
  readonly text: string;
}

/** The regulation's file was found but holds no section: a broken edit of the file. */
export class RegulationFormatError extends Error {
  constructor(file: string) {
    super(`${file} has no "## label | title" section; fix the file (see the comment at its top)`);
    this.name = 'RegulationFormatError';
  }
}

/** Reads the sections of a regulation written as in `content/regulation.ru.md` (an HTML comment at the top is skipped). */
export function parseRegulation(source: string, file = 'regulation'): RegulationSection[] {
  const body = source.replace(/<!--[\s\S]*?-->/g, '');
  const sections = body
    .split(/^## /m)
    .slice(1)
    .map((part) => {
      const [head = '', ...rest] = part.split('\n');
      const [label = '', title = label] = head.split('|').map((s) => s.trim());
      return { label: label.slice(0, 40), title: title || label, text: rest.join('\n').trim() };
    })
    .filter((section) => section.label && section.text);
  if (sections.length === 0) throw new RegulationFormatError(file);
  return sections;
}

const FILE = new URL('../../../content/regulation.ru.md', import.meta.url);

let cached: readonly RegulationSection[] | undefined;

/** The regulation's sections, read once. */
export function regulationSections(): readonly RegulationSection[] {
  cached ??= parseRegulation(readFileSync(FILE, 'utf8'), 'content/regulation.ru.md');
  return cached;
}
