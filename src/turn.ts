import type { App } from './app.js';
import type { Locale, Translate } from './i18n.js';
import type { DialogStep } from './messenger/dialogs.js';
import type { IncomingMessage, MessageRef } from './messenger/events.js';
import type { ChatId } from './messenger/ids.js';
import type { Keyboard } from './messenger/keyboard.js';
import type { Member, PersonId, Role } from './domain/types.js';

/** Who sent the update, as the bot's own records know them (never as a button's payload claims). */
export interface Caller {
  personId: PersonId;
  /** The stored member record, or null for someone who has not joined. */
  member: Member | null;
  /** Roles in force: an unverified teacher has no teacher powers yet, someone who left has none. */
  roles: ReadonlySet<Role>;
  /** Ids of the join requests they filed (any status), when loaded with the update. */
  filedRequests?: readonly string[];
}

/** What every handler needs for the update at hand: the person's language, who they are, and how to answer. */
export interface Turn {
  /** The app as this update's handlers use it (its sends and changes keyed by the update, see appForUpdate). */
  readonly app: App;
  /** The update's event id (undefined for one that did not come through the update gate). */
  readonly eventId: string | undefined;
  readonly locale: Locale;
  readonly t: Translate;
  readonly caller: Caller;
  /** Sends a message to the chat the update came from. */
  reply(text: string, keyboard?: Keyboard): Promise<MessageRef>;
}

/** Attaches the turn to an update's state (done once per update by the bot's middleware). */
export function setTurn(context: { state: object }, turn: Turn): void {
  (context.state as { turn?: Turn }).turn = turn;
}

/** The turn of an update; throws if the middleware that builds it did not run (a wiring bug). */
export function turnOf(context: { state: object }): Turn {
  const turn = (context.state as { turn?: Turn }).turn;
  if (!turn) throw new Error('turn middleware did not run before this handler; check the order in bot.ts');
  return turn;
}

/**
 * What one step of a dialog (scenes/) runs with: the message that reached it (its text, the pressed
 * button's payload), the turn, and the dialog itself (its state, whether the step is just reached, where to go).
 */
export interface DialogContext<State extends object> extends DialogStep<State> {
  readonly message: IncomingMessage;
  readonly turn: Turn;
  /** The message's text, trimmed ('' for none). */
  readonly text: string;
  /** The payload of the text button pressed, undefined for a typed message. */
  readonly payload: unknown;
  /** Whether a button was pressed (its payload may still be stale or another dialog's). */
  readonly hasPayload: boolean;
  readonly chat: ChatId;
  readonly isPrivate: boolean;
}

/** One step of a dialog: asks its question when first reached, then checks the answer and moves on. */
export type DialogStepHandler<State extends object> = (context: DialogContext<State>) => Promise<unknown>;

/**
 * A dialog: its slug and steps, in order. A dialog entered with `state.startAt` begins at that step
 * (e.g. the school setup's «change one field»); the messenger's adapter runs it (VK: @vk-io/scenes).
 */
export interface DialogDefinition<State extends object> {
  readonly slug: string;
  readonly steps: readonly DialogStepHandler<State>[];
}

/** A dialog of any state, as the bot is given them (each dialog is typed by its own state). */
export type AnyDialog = DialogDefinition<Record<string, unknown>>;

/** The state every dialog may be entered with: the step to begin at. */
export type DialogStart = {
  startAt?: number | undefined;
};
