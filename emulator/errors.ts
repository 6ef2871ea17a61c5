/**
 * VK API error codes with VK's own messages (test/vk-api-schema/errors.json, plus the real texts collected in
 * VK-NOTES §4.3), the error class the emulator throws, and the builder of VK's error body.
 */

/** Messages exactly as VK sends them (`error_msg`). Codes 5 and 15 use the real wire texts, not the schema's short form. */
export const VK_ERROR_MESSAGES: Readonly<Record<number, string>> = {
  1: 'Unknown error occurred',
  3: 'Unknown method passed',
  5: 'User authorization failed: invalid access_token (4).',
  6: 'Too many requests per second',
  8: 'Invalid request',
  9: 'Flood control: too much messages sent to user',
  10: 'Internal server error',
  12: 'Unable to compile code',
  13: 'Runtime error occurred during code invocation',
  14: 'Captcha needed',
  15: 'Access denied: no access to call this method',
  18: 'User was deleted or banned',
  27: 'Group authorization failed: method is unavailable with group auth.',
  29: 'Rate limit reached',
  100: 'One of the parameters specified was missing or invalid',
  104: 'Not found',
  105: "Couldn't save file",
  113: 'Invalid user id',
  121: 'Invalid hash',
  129: 'Invalid photo',
  900: "Can't send messages for users from blacklist",
  901: "Can't send messages for users without permission",
  902: "Can't send messages to this user due to their privacy settings",
  909: "Can't edit this message, because it's too old",
  910: "Can't sent this message, because it's too big",
  911: 'Keyboard format is invalid',
  912: 'This is a chat bot feature, change this status in settings',
  913: 'Too many forwarded messages',
  914: 'Message is too long',
  917: "You don't have access to this chat",
  919: "You can't see invite link for this chat",
  920: "Can't edit this kind of message",
  921: "Can't forward these messages",
  922: 'You left this chat',
  924: "Can't delete this message for everybody",
  925: 'You are not admin of this chat',
  927: 'Chat does not exist',
  931: "You can't change invite link for this chat",
  932: "Your community can't interact with this peer",
  935: 'User not found in chat',
  936: 'Contact not found',
  943: 'Cannot use this intent',
  944: 'Limits overflow for this intent',
  945: 'Chat was disabled',
  946: 'Chat not supported',
  950: "Can't send message, reply timed out",
};

/** Codes whose message takes a `: <detail>` suffix on the wire (e.g. 100 "…missing or invalid: random_id is a required parameter"). */
const DETAILED_CODES = new Set([8, 13, 100]);

/** Returns VK's `error_msg` for a code, with the optional detail appended the way VK does. */
export function vkErrorMessage(code: number, detail?: string): string {
  const base = VK_ERROR_MESSAGES[code] ?? VK_ERROR_MESSAGES[1] ?? 'Unknown error occurred';
  if (detail !== undefined && detail !== '' && DETAILED_CODES.has(code)) return `${base}: ${detail}`;
  return base;
}

/** An API error the emulator answers with (`{error:{error_code,error_msg,request_params}}`). */
export class VkEmulatorError extends Error {
  readonly code: number;
  readonly detail: string | undefined;
  /** Extra fields merged into the error object (captcha_sid, redirect_uri…). */
  readonly extra: Record<string, unknown>;

  constructor(code: number, detail?: string, extra: Record<string, unknown> = {}) {
    super(vkErrorMessage(code, detail));
    this.name = 'VkEmulatorError';
    this.code = code;
    this.detail = detail;
    this.extra = extra;
  }
}

/** Error 100 with a detail, the most common parameter error. */
export function paramError(detail: string): VkEmulatorError {
  return new VkEmulatorError(100, detail);
}

/** The `error` object of a VK error response. */
export interface VkErrorObject {
  error_code: number;
  error_msg: string;
  request_params: { key: string; value: string }[];
  [extra: string]: unknown;
}

/**
 * Builds VK's error body. `request_params` echoes `method`, `oauth`, `v` and the call's params, never `access_token`.
 */
export function buildErrorBody(
  error: VkEmulatorError,
  method: string,
  params: Readonly<Record<string, string>>,
): { error: VkErrorObject } {
  const requestParams: { key: string; value: string }[] = [
    { key: 'method', value: method },
    { key: 'oauth', value: '1' },
  ];
  for (const [key, value] of Object.entries(params)) {
    if (key === 'access_token' || key === 'method' || key === 'oauth') continue;
    requestParams.push({ key, value });
  }
  return {
    error: { ...error.extra, error_code: error.code, error_msg: error.message, request_params: requestParams },
  };
}

/** Converts anything thrown inside a handler into a VK error (unexpected exceptions become 10 "Internal server error"). */
export function toVkError(thrown: unknown): VkEmulatorError {
  if (thrown instanceof VkEmulatorError) return thrown;
  return new VkEmulatorError(10);
}

/** Raised by emulator helpers (not the API) when a test asks for something impossible, e.g. an unknown user. */
export class EmulatorUsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EmulatorUsageError';
  }
}

/** Raised by `joinChatByLink` when the link is unknown or was reset. */
export class InvalidInviteLinkError extends Error {
  constructor(link: string) {
    super(`Invite link is invalid or was reset: ${link}`);
    this.name = 'InvalidInviteLinkError';
  }
}

/** Raised by `setWebhook` when the bot does not answer the confirmation request with the expected code. */
export class WebhookConfirmationError extends Error {
  constructor(expected: string, got: string, status: number) {
    super(`Callback server confirmation failed: expected body "${expected}", got HTTP ${status} "${got.slice(0, 200)}"`);
    this.name = 'WebhookConfirmationError';
  }
}
