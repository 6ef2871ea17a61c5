/**
 * How people name another person in VK when they type it: a VK id (`123`, `id123`, `@id123`,
 * `*id123`), a mention `[id123|Имя Фамилия]`, a profile link (`vk.com/id123`, `vk.com/ivanova`) or a
 * short name. The VK adapter's part of the port's PersonRefs.
 */
import { personId, personRef, storedPersonId, type PersonId } from '../domain/person.js';
import type { Recipient } from '../messenger/ids.js';
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
export const VK_PERSON_REFS: PersonRefs = {
  split: splitArgs,
  id: (arg) => {
    const id = parseVkId(arg);
    return id === null ? null : vkPerson(id);
  },
  ref: parseVkUserRef,
};

/** The records' id of a VK user. */
export function vkPerson(userId: number): PersonId {
  return personId({ platform: 'vk', id: userId });
}

/** Thrown when a person of another messenger is handed to VK's adapter: a record of another platform's school reached this bot. */
export class NotAVkPersonError extends Error {
  override readonly name = 'NotAVkPersonError';
  constructor(readonly person: PersonId) {
    super(`${person} is not a VK user: this bot serves VK; check that the school's records belong to it`);
  }
}

/** The VK user id of a person of the records. Throws NotAVkPersonError for a person of another messenger. */
export function vkUserId(person: PersonId): number {
  const ref = personRef(person);
  if (ref.platform !== 'vk') throw new NotAVkPersonError(person);
  return ref.id;
}

/** VK's group chats are peers from this up (a chat's peer id is this plus its local chat_id); below it, a peer is a person's private dialog. */
export const VK_CHAT_PEER_BASE = 2_000_000_000;

/**
 * A recipient as an earlier version stored it, read as this one names it: that version named a
 * person by their VK user id, a number below the chats' peers, so such a number is that person; a
 * chat's peer and a PersonId stay as they are. The delivery store reads old deliveries with it.
 */
export function vkStoredRecipient(stored: Recipient): Recipient {
  return typeof stored === 'number' && stored > 0 && stored < VK_CHAT_PEER_BASE ? storedPersonId(String(stored)) : stored;
}

/** The VK peer a message goes to: a chat as it is, a person's private dialog by their user id. */
export function vkPeer(to: Recipient): number {
  return typeof to === 'number' ? to : vkUserId(to);
}
