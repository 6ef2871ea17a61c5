/**
 * One message to many people, each in their language: the people grouped by the language they read,
 * one delivery a group (src/runtime/delivery.ts), and who got it, who could not be reached and who
 * waits for the end of the quiet hours. Meetings, broadcasts and lessons send their notices this way.
 */
import type { App, DeliveryAuthor, DeliveryRecipient } from '../../app.js';
import type { PersonId } from '../../domain/person.js';
import { recipientOf } from './delivery-report.js';
import { readerFor, type Reader } from './recipients.js';

/** Who was reached privately, who was not, and who waits for the end of the quiet hours (and until when). */
export interface PrivateOutcome {
  reached: PersonId[];
  missed: PersonId[];
  held: PersonId[];
  heldUntil?: number | undefined;
}

/** `urgent`: students and parents get it in the quiet hours too; `author` sees the progress of a big send. */
export interface PrivateSendOptions {
  readonly urgent?: boolean;
  readonly author?: DeliveryAuthor | undefined;
}

/** Sends `build`'s text to each person in their language; see the file's comment. */
export async function sendInTheirLanguages(app: App, people: readonly PersonId[], build: (reader: Reader) => string, options: PrivateSendOptions = {}): Promise<PrivateOutcome> {
  const groups = new Map<string, { reader: Reader; people: PersonId[]; recipients: DeliveryRecipient[] }>();
  for (const id of new Set(people)) {
    const reader = await readerFor(app, id);
    const member = await app.services.members.get(id);
    const group = groups.get(reader.locale) ?? { reader, people: [], recipients: [] };
    group.people.push(id);
    group.recipients.push(member ? recipientOf(member) : { chat: id });
    groups.set(reader.locale, group);
  }
  const sent: PrivateOutcome = { reached: [], missed: [], held: [] };
  for (const group of groups.values()) {
    const result = await app.deliveries.deliver({ message: { text: build(group.reader) }, recipients: group.recipients, urgent: options.urgent === true, ...(options.author ? { author: options.author } : {}) });
    const held = new Set(result.held);
    // Each person's recipient is their PersonId, as the outcomes name it.
    for (const person of group.people) {
      if (result.outcomes.get(person)?.ok) sent.reached.push(person);
      else if (held.has(person)) sent.held.push(person);
      else sent.missed.push(person);
    }
    sent.heldUntil ??= result.heldUntil;
  }
  return sent;
}
