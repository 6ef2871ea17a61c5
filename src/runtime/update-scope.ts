import type { PersonId } from '../domain/person.js';
import type { ChatId } from '../messenger/ids.js';

/**
 * What the bot knows about the update it is handling: made by the update gate for each run and
 * handed down explicitly (the vk-io context's state, then the turn), never through
 * AsyncLocalStorage, whose promise hooks would cost every update a third of its CPU.
 */
export interface UpdateScope {
  /** VK's event_id of the update (unique per delivery, repeated on redelivery). */
  readonly eventId: string;
  /** How many messages the handler has sent so far; numbers the deterministic random_ids. */
  sends: number;
  /** How many changes of the school's records the handler has made so far; numbers their operation keys. */
  writes: number;
  /** What the update gate read for the handler while recording the update (see UpdatePreload), named by `id`. */
  readonly preloaded?: { readonly id: string; readonly reply: unknown } | undefined;
}

/** A fresh scope for one run of the update `eventId`: a re-run after a crash repeats the same keys. */
export function updateScope(eventId: string, preloaded?: UpdateScope['preloaded']): UpdateScope {
  return { eventId, sends: 0, writes: 0, preloaded };
}

/** The key of the next message sent while handling the update: numbers its random_ids. */
export function nextSendKey(scope: UpdateScope): string {
  return `${scope.eventId}:${scope.sends++}`;
}

/** The key of the next change made while handling the update, so that a re-run applies it once. */
export function nextOperationKey(scope: UpdateScope): string {
  return `${scope.eventId}:w${scope.writes++}`;
}

/**
 * Who sent an update, in the records' words: read from the update once by the messenger's adapter
 * (VK: src/vk/update-context.ts, vkSender), the one place that turns the messenger's user into a
 * PersonId; the caller's preload and the turn take it from there.
 */
export interface UpdateSender {
  /** The person who wrote or pressed. */
  readonly person: PersonId;
  /** The conversation they did it in (their private dialog or a group chat). */
  readonly peer: ChatId;
  /** The language their client reports, learnt in a private dialog only; undefined elsewhere. */
  readonly learnt: string | undefined;
}

/** What the bot keeps in an update's context state from the moment the context is made (see src/vk/update-context.ts). */
export interface UpdateState {
  /** The run of the update the context is for. */
  scope: UpdateScope;
  /** Who sent it; undefined for an update no person sent (the bot's own messages, chat service messages, a community's message). */
  sender?: UpdateSender | undefined;
}

/** Who sent the update a context was made for; undefined when no person did, or for a context made outside the update gate. */
export function senderOf(context: { state: object }): UpdateSender | undefined {
  return (context.state as Partial<UpdateState>).sender;
}

/** The scope of the update a context was made for; undefined for a context made outside the update gate. */
export function scopeOf(context: { state: object }): UpdateScope | undefined {
  return (context.state as Partial<UpdateState>).scope;
}
