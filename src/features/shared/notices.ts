/**
 * What a use case asks to be sent once its change is made, so that the decision and its words stay
 * apart: messages to people (each in the reader's language, keyed so that a repeat after a crash is
 * one message) and edits of messages sent earlier. The caller delivers them with {@link deliverNotices}.
 */
import type { App } from '../../app.js';
import type { MessageRef } from '../../messenger/events.js';
import type { Recipient } from '../../messenger/ids.js';
import { RecipientUnreachableError, type OutgoingMessage } from '../../messenger/messenger.js';
import { readerFor, type Reader } from './recipients.js';

export type Notice =
  /**
   * A message to `to` in their private dialog; `remember` keeps it under a subject, to edit it after a decision.
   * Without a `key`, the send is keyed by the update being handled (its place among that update's sends).
   */
  | { readonly kind: 'send'; readonly to: Recipient; readonly key?: string | undefined; readonly build: (reader: Reader) => OutgoingMessage | Promise<OutgoingMessage>; readonly remember?: string }
  /** A new text for a message the bot sent earlier (its buttons gone unless the new one has some). */
  | { readonly kind: 'edit'; readonly message: MessageRef; readonly build: (reader: Reader) => OutgoingMessage | Promise<OutgoingMessage> };

/** A use case's outcome for the person acting, with what it asks to be sent to others. */
export interface WithNotices<Outcome> {
  readonly outcome: Outcome;
  readonly notices: readonly Notice[];
}

/**
 * Sends and edits what a use case returned, in order. A person the messenger will not deliver to is
 * logged by id and returned; an edit that fails (the message is gone) is logged and skipped.
 */
export async function deliverNotices(app: App, notices: readonly Notice[]): Promise<{ unreachable: Recipient[] }> {
  const unreachable: Recipient[] = [];
  for (const notice of notices) {
    if (notice.kind === 'edit') {
      const reader = await readerFor(app, notice.message.chat);
      await app.messenger.edit(notice.message, await notice.build(reader)).catch((error: unknown) => {
        app.logger.warn({ peerId: notice.message.chat, err: error instanceof Error ? error.name : 'unknown' }, 'notice not edited');
      });
      continue;
    }
    const reader = await readerFor(app, notice.to);
    try {
      const sent = await app.messenger.send(notice.to, await notice.build(reader), notice.key);
      if (notice.remember) await app.services.reviewNotices.remember(notice.remember, sent);
    } catch (error) {
      if (!(error instanceof RecipientUnreachableError)) throw error;
      unreachable.push(notice.to);
      app.logger.warn({ to: notice.to }, 'notice not delivered: the person does not accept messages from the bot');
    }
  }
  return { unreachable };
}
