import type { Context, KeyboardBuilder } from 'vk-io';
import type { App } from './app.js';
import type { Locale, Translate } from './i18n.js';
import type { Delivered } from './vk/outbox.js';
import type { Member, Role } from './domain/types.js';

/** Who sent the update, as the bot's own records know them (never as a button's payload claims). */
export interface Caller {
  vkId: number;
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
  /** VK's event id of the update (undefined for one that did not come through the update gate). */
  readonly eventId: string | undefined;
  readonly locale: Locale;
  readonly t: Translate;
  readonly caller: Caller;
  /** Sends a message to the peer the update came from. */
  reply(text: string, keyboard?: KeyboardBuilder | string): Promise<Delivered>;
}

/** Attaches the turn to a context (done once per update by the bot's middleware). */
export function setTurn(context: Context, turn: Turn): void {
  (context.state as { turn?: Turn }).turn = turn;
}

/** The turn of an update; throws if the middleware that builds it did not run (a wiring bug). */
export function turnOf(context: Context): Turn {
  const turn = (context.state as { turn?: Turn }).turn;
  if (!turn) throw new Error('turn middleware did not run before this handler; check the order in bot.ts');
  return turn;
}
