import type { Clock } from './clock.js';
import type { KeyboardLimits } from './keyboard.js';
import type { UserFloodLimiter } from './limits.js';
import type { Params } from './params.js';
import type { EmulatorState, StoredMessage } from './state.js';

/** Options of {@link startEmulator}. Every field is optional. */
export interface EmulatorOptions {
  /** 0 (default) = a random free port. */
  port?: number;
  groupId?: number;
  groupName?: string;
  screenName?: string;
  token?: string;
  /** Requests per second per token (sliding 1 s window); 0 = unlimited. Default 20. */
  rateLimitPerSecond?: number;
  /** messages.send/edit text limit, error 914 above it. Default 4096 (VK's schema says 9000). */
  maxMessageLength?: number;
  /** Cap on how long an a_check is held. Default 25 000 ms. */
  longPollWaitMs?: number;
  /** Delay between Callback API re-deliveries. Default 1000 ms; tests use ~50. */
  callbackRetryDelayMs?: number;
  /** Maximum Callback API re-deliveries of one event. Default 5. */
  callbackMaxRetries?: number;
  /** Per-request timeout of a Callback API delivery. Default 10 000 ms. */
  callbackTimeoutMs?: number;
  /** Echo the bot's own sends as `message_reply` events (and edits as `message_edit`). Default false. */
  echoOutgoing?: boolean;
  /** When false (VK's default), the bot only receives chat messages that start with "/", mention it, or carry a payload. Default false. */
  botSeesAllChatMessages?: boolean;
  /** Emit `message_allow` when a user writes to the community for the first time (VK does). Default true. */
  emitAllowOnFirstMessage?: boolean;
  /** Lifetime of a callback-button event id. Default 60 000 ms. */
  eventTtlMs?: number;
  /** messages.edit age limit: older messages fail with 909 "Can't edit this message, because it's too old". Default 24 h. */
  editWindowMs?: number;
  /** Keyboard limits; defaults follow VK's current docs. */
  keyboardLimits?: Partial<KeyboardLimits>;
  /**
   * The emulator's clock (epoch ms). Every time-dependent API rule reads it: message dates, the edit window, the
   * callback event lifetime, the reply window, the per-user flood limit and the per-second rate limit. Pass
   * `new ManualClock().now` to move time by hand. Network timers (long-poll holds, Callback retries and timeouts,
   * fault delays) stay on real time. Default `Date.now`.
   */
  now?: Clock;
  /**
   * The community's «Возможности ботов» setting (VK-NOTES §1.5). When false, messages.send and messages.edit with a
   * `keyboard` (even an empty one) or a `template` fail with 912 "This is a chat bot feature, change this status in
   * settings". Default true.
   */
  botFeatures?: boolean;
  /**
   * VK's reply window (VK-NOTES §10 row 18): without a non-default `intent`, a community may write to a user only within
   * this time after the user's last message to it; later sends fail with 950 "Can't send message, reply timed out".
   * Our choice (the window's source is third-party, VK does not document how `message_allow` interacts with it): the
   * window counts from the user's last DM to the community **or** their last explicit «Разрешить сообщения»
   * (`emit('message_allow')`, `DriverUser.allowMessages()`), whichever is later, since both are a user action that
   * opens the dialog; a user added with `allowsMessages: true` counts from the moment of `addUser`. Messages with
   * any `intent` other than `default` are not limited by the window (they are VK's way to write outside it); chats
   * are never limited. `true` = 24 h; a number = the window in ms; `false`/0 = off. Default off, so that notices to
   * users who wrote long ago keep working in tests that don't opt in.
   */
  replyWindow?: boolean | number;
  /**
   * Messages the community may send to one user within any sliding hour (DMs only; deduplicated sends don't count);
   * the next one fails with 9 "Flood control: too much messages sent to user" (VK support: more than 1000 per hour).
   * 0 = off. Default 1000.
   */
  maxMessagesPerUserPerHour?: number;
}

/** Options with defaults applied. */
export interface ResolvedOptions {
  port: number;
  groupId: number;
  groupName: string;
  screenName: string;
  token: string;
  rateLimitPerSecond: number;
  maxMessageLength: number;
  longPollWaitMs: number;
  callbackRetryDelayMs: number;
  callbackMaxRetries: number;
  callbackTimeoutMs: number;
  echoOutgoing: boolean;
  botSeesAllChatMessages: boolean;
  emitAllowOnFirstMessage: boolean;
  eventTtlMs: number;
  editWindowMs: number;
  keyboardLimits: KeyboardLimits;
  now: Clock;
  botFeatures: boolean;
  /** 0 = off. */
  replyWindowMs: number;
  /** 0 = off. */
  maxMessagesPerUserPerHour: number;
}

/** The Callback API envelope used for both long poll and webhook delivery. */
export interface EventEnvelope {
  type: string;
  object: Record<string, unknown>;
  group_id: number;
  event_id: string;
  v: string;
}

/** What a method handler may use from the emulator. */
export interface EmulatorCore {
  readonly options: ResolvedOptions;
  readonly state: EmulatorState;
  /** Per-user hourly message counter (error 9). */
  readonly userFlood: UserFloodLimiter;
  /** The emulator's clock, epoch ms. */
  now(): number;
  /** `http://127.0.0.1:PORT` */
  readonly baseUrl: string;
  /** Queues an event for long poll and the webhook. */
  pushEvent(type: string, object: Record<string, unknown>): EventEnvelope;
  /** Called after the bot sent a message (stored already). */
  notifySent(message: StoredMessage): void;
  /** Called after the bot edited a message. */
  notifyEdited(message: StoredMessage): void;
  /** Called after the bot answered a callback event. */
  notifyEventAnswered(eventId: string): void;
  /** Current Bots Long Poll server credentials. */
  longPollServer(): { key: string; server: string; ts: string };
}

/** One API call as seen by a handler. */
export interface MethodContext {
  method: string;
  params: Params;
  emu: EmulatorCore;
  /** The `v` the caller sent. */
  version: string;
}

/** A method implementation: returns the `response` value or throws VkEmulatorError. */
export type MethodHandler = (ctx: MethodContext) => unknown;

/** Method name → handler. */
export type MethodTable = Record<string, MethodHandler>;
