export { startEmulator } from './server.js';
export { Emulator, DEFAULT_REPLY_WINDOW_MS } from './emulator.js';
export { ManualClock } from './clock.js';
export type { Clock } from './clock.js';
export { RateLimiter, UserFloodLimiter, USER_ONLY_METHODS } from './limits.js';
export type { AddChatOptions, CallRecord, EmulatorEvents, UserMessageOptions } from './emulator.js';
export type { EmulatorOptions, EventEnvelope, ResolvedOptions } from './types.js';
export {
  Driver,
  DriverChat,
  DriverUser,
  DriverTimeoutError,
  ButtonNotFoundError,
  DriverUsageError,
  renderTranscript,
} from './driver.js';
export { IdleTimeoutError, UNWATCHED_QUIET_MS, waitForIdle } from './idle.js';
export type { Activity, IdleOptions } from './idle.js';
export type { DriverOptions, DriverUserInput, MessageMatcher, PressResult, ReceivedKeyboard, ReceivedMessage, WaitOptions } from './driver.js';
export {
  VkEmulatorError,
  EmulatorUsageError,
  InvalidInviteLinkError,
  WebhookConfirmationError,
  VK_ERROR_MESSAGES,
  buildErrorBody,
} from './errors.js';
export { Faults } from './faults.js';
export type { DropMode } from './faults.js';
export type { DeliveryAttempt, WebhookConfig } from './callback.js';
export { parseKeyboard, DEFAULT_KEYBOARD_LIMITS } from './keyboard.js';
export type { KeyboardButton, KeyboardLimits, ParsedKeyboard } from './keyboard.js';
export { EmulatorState, CHAT_PEER_OFFSET, isChatPeer } from './state.js';
export type {
  CallbackEvent,
  ChatMember,
  Conversation,
  EmuChat,
  EmuDoc,
  EmuPhoto,
  EmuUser,
  MessageAction,
  StoredMessage,
} from './state.js';
export { parseExecuteCode } from './methods/execute.js';
export { snapshotOf, restoreSnapshot, SnapshotFormatError, SNAPSHOT_VERSION } from './snapshot.js';
export type { StateSnapshot } from './snapshot.js';
export type { StateSequence } from './state.js';
