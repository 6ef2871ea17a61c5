import type { ButtonPress } from '../../messenger/events.js';
import type { App } from '../../app.js';
import type { Payload } from './payload.js';
import type { Turn } from '../../turn.js';

export type CallbackPayload = Extract<Payload, { k: 'cb' }>;

/**
 * What a callback (inline) button does when pressed. The handler re-checks every right itself;
 * what it returns is shown to the presser as a snackbar (≤ 90 characters), if anything.
 */
export interface ActionSpec {
  /** The `a` of the payload, e.g. `req.approve`. */
  readonly name: string;
  run(press: ButtonPress, payload: CallbackPayload, turn: Turn, app: App): Promise<string | void>;
}

/** Finds callback actions by name. */
export class ActionRegistry {
  private readonly byName = new Map<string, ActionSpec>();

  constructor(actions: readonly ActionSpec[]) {
    for (const action of actions) {
      if (this.byName.has(action.name)) throw new Error(`callback action ${action.name} is registered twice`);
      this.byName.set(action.name, action);
    }
  }

  find(name: string): ActionSpec | undefined {
    return this.byName.get(name);
  }
}
