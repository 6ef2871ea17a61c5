import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { FluentResource } from '@fluent/bundle';
import { describe, expect, it } from 'vitest';

/** Stands for a placeable ({ $name }, a term, a function): a value, not a word. */
const PLACEABLE = '\u0000';

/**
 * What may be Latin in a Russian message: proper names and addresses, and nothing else (issue 10).
 * Each entry is a pattern taken out of the text before the Latin words are looked for.
 */
const ALLOWED: readonly { pattern: RegExp; why: string }[] = [
  { pattern: /https?:\/\/vk\.(?:com|me)\/\S*/gu, why: 'links to VK (examples of a call, a video, a page)' },
  { pattern: /(?<![\w.])vk\.(?:com|me)\/\S*/gu, why: 'VK addresses: a page, the community dialog (vk.me)' },
  { pattern: /\[id[^|\]]*\|[^\]]*\]/gu, why: 'VK mentions [id123|Имя], VK renders them as a link to the page' },
  { pattern: new RegExp(`(?<![A-Za-z])id(?=\\d|${PLACEABLE})`, 'gu'), why: 'a VK page address, id123' },
  { pattern: /(?<![\w@.-])(?:info@sferum\.ru|prof-sferum\.ru|director@school11\.ru)(?![\w-])/gu, why: "Sferum's support and instructions; the example e-mail address of the setup" },
  { pattern: /(?<![A-Za-z])(?:VK|MAX|QR)(?![A-Za-z])/gu, why: 'proper names: the messengers VK and MAX, the QR code' },
  { pattern: new RegExp(`(?<=[\\p{L}\\d${PLACEABLE}])\\.csv$`, 'gu'), why: "a file name's extension: the journal's export, журнал-….csv" },
  { pattern: /(?<![A-Za-z0-9])(?=[A-Z0-9]*\d)[A-Z0-9]{8}(?![A-Za-z0-9])/gu, why: 'the example invite code ABCD2345 (its alphabet is Latin)' },
];

type FluentPattern = string | { type: string; value?: unknown; variants?: { value: FluentPattern }[] } | FluentPattern[] | null | undefined;

/** Every text a message can show: its value and attributes, each variant of a selector, with placeables as PLACEABLE. */
function texts(pattern: FluentPattern): string[] {
  if (pattern === null || pattern === undefined) return [];
  if (typeof pattern === 'string') return [pattern];
  if (Array.isArray(pattern)) {
    // The parts of one pattern are joined (a placeable between words stays a placeable); a selector's variants are texts of their own.
    const joined: string[] = [''];
    const extra: string[] = [];
    for (const part of pattern) {
      if (typeof part === 'string') joined[0] += part;
      else if (part && !Array.isArray(part) && part.type === 'str' && typeof part.value === 'string') joined[0] += part.value;
      else if (part && !Array.isArray(part) && part.type === 'select') {
        joined[0] += PLACEABLE;
        for (const variant of part.variants ?? []) extra.push(...texts(variant.value));
      } else joined[0] += PLACEABLE;
    }
    return [...joined, ...extra];
  }
  if (pattern.type === 'str' && typeof pattern.value === 'string') return [pattern.value];
  if (pattern.type === 'select') return (pattern.variants ?? []).flatMap((variant) => texts(variant.value));
  return [];
}

/** The Latin words of a text once the allowed names and addresses are taken out. */
export function latinWords(text: string): string[] {
  let rest = text;
  for (const { pattern } of ALLOWED) rest = rest.replace(pattern, ' ');
  return rest.match(/[A-Za-z]+/gu) ?? [];
}

function russianMessages(): Map<string, string[]> {
  const resource = new FluentResource(readFileSync(resolve('locales/ru.ftl'), 'utf8'));
  const messages = new Map<string, string[]>();
  for (const entry of resource.body as unknown as { id: string; value: FluentPattern; attributes?: Record<string, FluentPattern> }[]) {
    messages.set(entry.id, [...texts(entry.value), ...Object.values(entry.attributes ?? {}).flatMap(texts)]);
  }
  return messages;
}

describe('the Russian locale (issue 10)', () => {
  it('no Russian message contains a Latin word except the allowed proper names and addresses', () => {
    const messages = russianMessages();
    expect(messages.size).toBeGreaterThan(300);
    const leaks = [...messages].flatMap(([id, shown]) => {
      const words = shown.flatMap(latinWords);
      return words.length > 0 ? [`${id}: ${[...new Set(words)].join(', ')}`] : [];
    });
    expect(leaks, 'write the Russian word, or the command by its Russian name (/отозвать, /админы, /язык)').toEqual([]);
  });

  it('the check finds English commands and words, and lets names, addresses and placeables through', () => {
    expect(latinWords('Формат: /revoke unused')).toEqual(['revoke', 'unused']);
    expect(latinWords('Назначить: /admins add ID')).toEqual(['admins', 'add', 'ID']);
    expect(latinWords('/lang ru или /lang en')).toEqual(['lang', 'ru', 'lang', 'en']);
    expect(latinWords(`Пользователь id${PLACEABLE} и [id123|Имя], vk.me/club1, https://vk.com/video-1_2, info@sferum.ru, VK, MAX, ABCD2345`)).toEqual([]);
    expect(latinWords('ABCDEFGH')).toEqual(['ABCDEFGH']);
    expect(latinWords(`журнал-${PLACEABLE}.csv`)).toEqual([]);
    expect(latinWords('выгрузка csv')).toEqual(['csv']);
    const messages = russianMessages();
    // Placeables are not words: «{ $class }» leaves nothing Latin behind.
    expect(messages.get('contact-pending-class')?.flatMap(latinWords)).toEqual([]);
  });
});
