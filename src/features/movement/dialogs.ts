import type { Dialogs } from '../../messenger/dialogs.js';

// The movement's dialog, as /promote opens it; scenes/promotion.ts runs it.

/** Slug of the move to the next school year (F10): a plan, classes to keep in place, one atomic confirmation. */
export const PROMOTION = 'promotion';

/** Opens the move to the next school year at its plan. */
export function enterPromotion(dialogs: Dialogs): Promise<unknown> {
  return dialogs.enter(PROMOTION);
}
