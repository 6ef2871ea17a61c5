/**
 * People as the school knows them: by their messenger and their id in it. The records, the Redis
 * keys and the Lua scripts hold a person as one opaque string, {@link PersonId}; the messenger's
 * adapter turns the people of its updates into it and back.
 */
import { z } from 'zod';

/** The messengers the bot can serve; one adapter each (VK's in src/vk/). MAX would be added here. */
export const PLATFORMS = ['vk'] as const;
export type Platform = (typeof PLATFORMS)[number];

/** A person as their messenger knows them. */
export interface PersonRef {
  readonly platform: Platform;
  /** The messenger's id of the person (VK: the user id; MAX: the user_id). */
  readonly id: number;
}

declare const personIdBrand: unique symbol;

/**
 * A person in the school's records: a {@link PersonRef} written as one string. A VK person is their
 * id alone (`"123"`, as records have always named them, so none needs rewriting); a person of another
 * messenger has its name in front (`"max:123"`). Compare two with `===`; read the parts with {@link personRef}.
 */
export type PersonId = string & { readonly [personIdBrand]: true };

/** The messenger written in front of a person's id; none for VK, the first platform. */
const DEFAULT_PLATFORM: Platform = 'vk';
const FORM = /^(?:([a-z]+):)?([1-9]\d{0,18})$/;

/** The person's id in the records. */
export function personId(ref: PersonRef): PersonId {
  return (ref.platform === DEFAULT_PLATFORM ? String(ref.id) : `${ref.platform}:${ref.id}`) as PersonId;
}

/** Thrown for a string that names no person: a record or a button that was tampered with. */
export class InvalidPersonIdError extends Error {
  override readonly name = 'InvalidPersonIdError';
  constructor(readonly value: string) {
    super(`"${value}" names no person: expected a messenger's user id, optionally after its platform ("max:123")`);
  }
}

/** The messenger and id of a person of the records. Throws InvalidPersonIdError for a string that is none. */
export function personRef(id: PersonId): PersonRef {
  const ref = parsePersonId(id);
  if (!ref) throw new InvalidPersonIdError(id);
  return ref;
}

/** The person a string names (a button's payload, a key's tail), undefined when it names none. */
export function asPersonId(value: string | number): PersonId | undefined {
  const ref = parsePersonId(String(value));
  return ref ? personId(ref) : undefined;
}

function parsePersonId(value: string): PersonRef | undefined {
  const match = FORM.exec(value);
  const platform = match?.[1] ?? DEFAULT_PLATFORM;
  if (!match || !(PLATFORMS as readonly string[]).includes(platform)) return undefined;
  if (match[1] === DEFAULT_PLATFORM) return undefined; // the default platform is never written
  return { platform: platform as Platform, id: Number(match[2]) };
}

/**
 * A person field of a stored record or a script's reply. Records an earlier version wrote hold a VK
 * person as a number; they read as the same person.
 */
export const personIdSchema = z.union([z.string(), z.number().int()]).transform((value, ctx): PersonId => {
  const id = asPersonId(value);
  if (id === undefined) ctx.addIssue({ code: 'custom', message: `not a person: ${value}` });
  return id ?? ('' as PersonId);
});

/** Who did something: a person, or the bot itself (`system`: a scheduled job, the start-up). */
export type ActorId = PersonId | 'system';

/** A stored actor: a person, or `system`. */
export const actorIdSchema = z.union([z.literal('system'), personIdSchema]);

/**
 * A person id read back from a key or a set the domain itself wrote (a member set, an index): no
 * check is needed, only the type.
 */
export function storedPersonId(value: string): PersonId {
  return value as PersonId;
}

/** The order people are listed in when nothing else decides: by messenger, then by id as a number. */
export function comparePersonIds(a: PersonId, b: PersonId): number {
  if (a === b) return 0;
  const [pa, ia] = splitId(a);
  const [pb, ib] = splitId(b);
  return pa.localeCompare(pb) || ia.length - ib.length || (ia < ib ? -1 : ia > ib ? 1 : 0);
}

function splitId(id: PersonId): [string, string] {
  const colon = id.indexOf(':');
  return colon < 0 ? ['', id] : [id.slice(0, colon), id.slice(colon + 1)];
}
