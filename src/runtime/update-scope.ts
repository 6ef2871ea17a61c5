import { AsyncLocalStorage } from 'node:async_hooks';

/** What the bot knows about the update it is handling right now. */
export interface UpdateScope {
  /** VK's event_id of the update (unique per delivery, repeated on redelivery). */
  readonly eventId: string;
  /** How many messages the handler has sent so far; numbers the deterministic random_ids. */
  sends: number;
  /** How many changes of the school's records the handler has made so far; numbers their operation keys. */
  writes: number;
}

const storage = new AsyncLocalStorage<UpdateScope>();

/** Runs `fn` with `scope` as the current update. */
export function runInUpdateScope<T>(scope: UpdateScope, fn: () => Promise<T>): Promise<T> {
  return storage.run(scope, fn);
}

/** The update being handled, if any (undefined for sends made outside an update, e.g. on start). */
export function currentUpdateScope(): UpdateScope | undefined {
  return storage.getStore();
}

/** The key of the next change made while handling the current update (undefined outside an update): a re-run after a crash repeats the same keys. */
export function nextOperationKey(): string | undefined {
  const scope = storage.getStore();
  return scope ? `${scope.eventId}:w${scope.writes++}` : undefined;
}
