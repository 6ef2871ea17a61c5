/**
 * How people name another person in VK when they type it: a VK id (`123`, `id123`, `@id123`,
 * `*id123`), a mention `[id123|Имя Фамилия]`, a profile link (`vk.com/id123`, `vk.com/ivanova`) or a
 * short name. The VK adapter's part of the port's PersonRefs.
 */
import type { PersonRefs } from '../messenger/messenger.js';

/** Splits command arguments into words, keeping a VK mention `[id123|Имя Фамилия]` whole. */
export function splitArgs(args: string): string[] {
  return args.match(/\[[^\]]*\]|\S+/gu) ?? [];
}

/** Reads a VK user id from one argument: `123`, `id123`, `@id123`, `*id123`, `[id123|Имя]` or `vk.com/id123`; null for anything else. */
export function parseVkId(arg: string | undefined): number | null {
  if (!arg) return null;
  const text = arg.trim();
  const match =
    /^\[id(\d{1,12})\|[^\]]*\]$/iu.exec(text) ??
    /^[@*]?(?:id)?(\d{1,12})$/iu.exec(text) ??
    /^(?:https?:\/\/)?(?:m\.)?vk\.(?:com|ru)\/id(\d{1,12})\/?$/iu.exec(text);
  const id = match ? Number(match[1]) : NaN;
  return Number.isSafeInteger(id) && id > 0 ? id : null;
}

/**
 * Reads a VK user reference as people paste it: anything {@link parseVkId} reads, or a short name
 * (`ivanova`, `@ivanova`, `vk.com/ivanova`). Returns what users.get takes: the id or the short name.
 */
export function parseVkUserRef(input: string): string | undefined {
  const id = parseVkId(input);
  if (id !== null) return String(id);
  const text = input.trim();
  const link = /^(?:https?:\/\/)?(?:m\.)?vk\.(?:com|ru)\/([A-Za-z][A-Za-z0-9_.]{1,63})\/?$/.exec(text);
  const name = link?.[1] ?? text.replace(/^@/, '');
  return /^[A-Za-z][A-Za-z0-9_.]{1,63}$/.test(name) && !/^id\d+$/i.test(name) ? name : undefined;
}

/** The three readers as the port's PersonRefs. */
export const VK_PERSON_REFS: PersonRefs = { split: splitArgs, id: parseVkId, ref: parseVkUserRef };
