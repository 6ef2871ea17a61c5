/** What the emulator and the bot are busy with; the system is idle when every count is 0. */
export interface Activity {
  /** Events the bot has not surely taken: the long poll backlog, or Callback deliveries not yet answered `ok`. */
  untakenEvents: number;
  /** HTTP requests (API calls, uploads) the emulator has received and not answered yet. */
  apiRequests: number;
  /** Updates the bot has taken but not finished (its `inFlight()`); 0 when no bot is watched. */
  botUpdates: number;
  /** Moves with every event pushed and every request begun or answered: equal in two checks means nothing happened between. */
  stamp: number;
}

/** Options of an idle wait. */
export interface IdleOptions {
  /** Give up after this many ms (default: the driver's timeout). */
  timeout?: number;
  /**
   * How long the idle state must last, in ms. 0 (the default with a watched bot) needs only two idle checks a few ms
   * apart; a bot in another process cannot be asked, so there the default is {@link UNWATCHED_QUIET_MS}.
   */
  quietMs?: number;
}

/** Quiet period used when the bot's own work cannot be seen (a bot in a child process). */
export const UNWATCHED_QUIET_MS = 300;

const CHECK_INTERVAL_MS = 5;

/** Raised when the system does not become idle in time; the message says what was still busy and shows the conversations. */
export class IdleTimeoutError extends Error {
  override readonly name = 'IdleTimeoutError';
  constructor(timeoutMs: number, last: Activity, transcript: string) {
    super(
      `Not idle after ${timeoutMs} ms: ${last.untakenEvents} event(s) not taken by the bot, ${last.apiRequests} API request(s) open, ` +
        `${last.botUpdates} update(s) in the bot\n${transcript}`,
    );
  }
}

function isQuiet(activity: Activity): boolean {
  return activity.untakenEvents === 0 && activity.apiRequests === 0 && activity.botUpdates === 0;
}

/**
 * Resolves once `probe` reports nothing to do in two consecutive checks a few ms apart with nothing happening between
 * them (the same `stamp`), and that has lasted `quietMs`; rejects with {@link IdleTimeoutError} after `timeoutMs`.
 */
export async function waitForIdle(probe: () => Activity, options: { timeoutMs: number; quietMs: number }, transcript: () => string): Promise<void> {
  const started = Date.now();
  let quietSince: number | undefined;
  let previous: Activity | undefined;
  for (;;) {
    const current = probe();
    const now = Date.now();
    if (!isQuiet(current)) quietSince = undefined;
    else if (previous === undefined || !isQuiet(previous) || previous.stamp !== current.stamp) quietSince = now;
    else if (quietSince !== undefined && now - quietSince >= options.quietMs) return;
    if (now - started > options.timeoutMs) throw new IdleTimeoutError(options.timeoutMs, current, transcript());
    previous = current;
    await new Promise((resolve) => setTimeout(resolve, CHECK_INTERVAL_MS));
  }
}
