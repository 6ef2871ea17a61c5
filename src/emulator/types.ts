import type { KeyboardLimits } from './keyboard.js';
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
  /** messages.edit age limit. Default 24 h. */
  editWindowMs?: number;
  /** Keyboard limits; defaults follow VK's current docs. */
  keyboardLimits?: Partial<KeyboardLimits>;
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
