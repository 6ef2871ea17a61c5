/**
 * Finding members by name (issue 10, «people by name»): what an admin types — a part of a surname,
 * a surname and a name, in any case, with «е» for «ё» — against the words of the names the school keeps.
 *
 * A school has about 1,500 people; their records are read in one MGET (about 0.5 MB, a few
 * milliseconds in Redis) and matched in memory, so the search needs no index to keep in step with
 * every change of a name or a status: what it finds is always what the records say.
 */
import type { Member } from './types.js';
import { comparePersonIds } from './person.js';

/** A name or a query as words to compare: lower case, «ё» as «е», letters and digits only. */
export function nameWords(text: string): string[] {
  return text
    .toLocaleLowerCase('ru-RU')
    .replace(/ё/gu, 'е')
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
}

/**
 * Whether the member's name matches the query: every word of the query begins a different word of
 * the name («сок» finds «Соколова Мария», «мар сок» too). An empty query matches nobody.
 */
export function nameMatches(name: string, query: readonly string[]): boolean {
  if (query.length === 0) return false;
  const words = nameWords(name);
  const used = new Set<number>();
  return query.every((part) => {
    const at = words.findIndex((word, i) => !used.has(i) && word.startsWith(part));
    if (at < 0) return false;
    used.add(at);
    return true;
  });
}

/** Members in the order people look for them: by name, then by id. */
export function byMemberName(a: Member, b: Member): number {
  return a.name.localeCompare(b.name, 'ru-RU') || comparePersonIds(a.personId, b.personId);
}
