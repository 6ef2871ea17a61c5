/**
 * A person's dialogs (multi-step conversations, `scenes/`) as features see them: which is open,
 * entering one, leaving it, asking the current step again. The VK adapter runs them on @vk-io/scenes.
 */
export interface Dialogs {
  /** The slug of the dialog open, undefined when none is. */
  readonly current: string | undefined;
  /** Opens the dialog `slug` at its first step, with `state` as its starting state. */
  enter(slug: string, options?: { state?: Record<string, unknown> }): Promise<unknown>;
  /** Closes the open dialog; `canceled`/`silent` are told to the dialog's leave handler. */
  leave(options?: { canceled?: boolean; silent?: boolean }): Promise<unknown>;
  /** Asks the open dialog's current step again, as if it had just been reached. */
  repeatStep(): Promise<unknown>;
}

/**
 * One step's view of the dialog it belongs to: the message that reached it, whether the step is just
 * being reached (to ask its question) or answered, its saved state, and where to go next.
 */
export interface DialogStep<State extends object> {
  readonly firstTime: boolean;
  /** The dialog's state, kept between steps (saved in the person's session). */
  readonly state: State;
  next(): Promise<unknown>;
  /** Goes to step `index` (0-based) and asks it. */
  go(index: number): Promise<unknown>;
  leave(): Promise<unknown>;
  enter(slug: string, options?: { state?: Record<string, unknown> }): Promise<unknown>;
}

/**
 * Opens the dialog `slug` about one thing (a request, a material, a meeting…), as a button under it
 * does: false when another dialog is open (the person finishes or cancels it first); the same dialog
 * open about another thing starts over for this one.
 */
export async function enterAbout(dialogs: Dialogs, slug: string, state: Record<string, unknown>): Promise<boolean> {
  const open = dialogs.current;
  if (open !== undefined && open !== slug) return false;
  if (open) await dialogs.leave({ silent: true });
  await dialogs.enter(slug, { state });
  return true;
}
