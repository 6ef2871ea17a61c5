/** The emulator's time source: epoch milliseconds, like `Date.now`. */
export type Clock = () => number;

/**
 * A clock that only moves when told to, for tests of time-dependent rules (edit window, event lifetime, reply window,
 * per-user flood, rate limit): `const clock = new ManualClock(); startEmulator({ now: clock.now }); clock.advance(ms)`.
 */
export class ManualClock {
  private current: number;

  constructor(start: number = Date.now()) {
    this.current = start;
  }

  /** The current time (bound, so it can be passed as the `now` option). */
  readonly now: Clock = () => this.current;

  /** Moves the clock forward by `ms`. */
  advance(ms: number): void {
    this.current += ms;
  }

  /** Sets the clock to an absolute epoch-ms value. */
  set(ms: number): void {
    this.current = ms;
  }
}
