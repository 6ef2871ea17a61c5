import { VkEmulatorError } from './errors.js';

/** One parsed keyboard button. `payload` stays the JSON string VK received. */
export interface KeyboardButton {
  type: string;
  label: string;
  payload: string | undefined;
  color: string | undefined;
  link: string | undefined;
  /** The raw `action` object as sent. */
  action: Record<string, unknown>;
}

/** A parsed keyboard (`{buttons, inline, one_time}`). */
export interface ParsedKeyboard {
  inline: boolean;
  oneTime: boolean;
  buttons: KeyboardButton[][];
  /** The JSON object as sent, for echoing back. */
  raw: Record<string, unknown>;
}

/** Keyboard limits (VK-NOTES §1.5, §10 rows 11–13). */
export interface KeyboardLimits {
  maxRows: number;
  maxInlineRows: number;
  maxPerRow: number;
  maxButtons: number;
  maxInlineButtons: number;
  maxLabel: number;
  maxPayload: number;
  /** vk-io's guide says open_link/location/vkpay/open_app take two slots; VK's current doc does not. Off by default. */
  wideButtonsCountDouble: boolean;
}

export const DEFAULT_KEYBOARD_LIMITS: KeyboardLimits = {
  maxRows: 10,
  maxInlineRows: 6,
  maxPerRow: 5,
  maxButtons: 40,
  maxInlineButtons: 10,
  maxLabel: 40,
  maxPayload: 255,
  wideButtonsCountDouble: false,
};

const COLORS = new Set(['primary', 'secondary', 'negative', 'positive', 'default']);
const WIDE = new Set(['open_link', 'location', 'vkpay', 'open_app']);
const ACTION_TYPES = new Set([
  'text',
  'callback',
  'open_link',
  'location',
  'vkpay',
  'open_app',
  'intent_subscribe',
  'intent_unsubscribe',
]);

function invalid(detail: string): VkEmulatorError {
  // VK answers a bare 911; the detail is kept on the error object for test diagnostics only.
  const error = new VkEmulatorError(911);
  Object.defineProperty(error, 'reason', { value: detail, enumerable: false });
  return error;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isIntegerLike(value: unknown): boolean {
  if (typeof value === 'number') return Number.isInteger(value);
  return typeof value === 'string' && /^-?\d+$/.test(value);
}

function optionalString(action: Record<string, unknown>, key: string): string | undefined {
  const v = action[key];
  if (v === undefined) return undefined;
  if (typeof v !== 'string') throw invalid(`${key} must be a string`);
  return v;
}

function requireString(action: Record<string, unknown>, key: string): string {
  const v = optionalString(action, key);
  if (v === undefined || v === '') throw invalid(`${String(action.type)} button needs ${key}`);
  return v;
}

function parseButton(button: unknown, limits: KeyboardLimits): KeyboardButton {
  if (!isRecord(button) || !isRecord(button.action)) throw invalid('button without action');
  const action = button.action;
  const type = action.type;
  if (typeof type !== 'string' || !ACTION_TYPES.has(type)) throw invalid(`unknown action type ${String(type)}`);
  const payload = optionalString(action, 'payload');
  if (payload !== undefined) {
    if (payload.length > limits.maxPayload) throw invalid('payload too long');
    try {
      JSON.parse(payload);
    } catch {
      throw invalid('payload is not JSON');
    }
  }
  let label = '';
  if (type === 'text' || type === 'callback' || type === 'open_link' || type === 'open_app') {
    label = requireString(action, 'label');
  }
  if (label.length > limits.maxLabel) throw invalid('label too long');
  let link: string | undefined;
  if (type === 'open_link') link = requireString(action, 'link');
  if (type === 'vkpay') requireString(action, 'hash');
  if (type === 'open_app') {
    // The schema (messages_keyboard_button_action_open_app) requires both; vk-io's builder leaves owner_id optional.
    if (!isIntegerLike(action.app_id)) throw invalid('open_app needs app_id');
    if (!isIntegerLike(action.owner_id)) throw invalid('open_app needs owner_id');
  }
  const color = button.color;
  if (color !== undefined && (typeof color !== 'string' || !COLORS.has(color))) throw invalid('bad color');
  return { type, label, payload, color: color as string | undefined, link, action };
}

/**
 * Parses and validates a keyboard JSON string the way VK does; any violation is error 911 "Keyboard format is invalid".
 * `{"buttons":[]}` is valid (it hides the reply keyboard); `one_time` is ignored for inline keyboards.
 */
export function parseKeyboard(json: string, limits: KeyboardLimits = DEFAULT_KEYBOARD_LIMITS): ParsedKeyboard {
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch {
    throw invalid('not JSON');
  }
  if (!isRecord(raw) || !Array.isArray(raw.buttons)) throw invalid('buttons must be an array');
  if (raw.inline !== undefined && typeof raw.inline !== 'boolean') throw invalid('inline must be boolean');
  if (raw.one_time !== undefined && typeof raw.one_time !== 'boolean') throw invalid('one_time must be boolean');
  const inline = raw.inline === true;
  const rows = raw.buttons as unknown[];
  if (rows.length > (inline ? limits.maxInlineRows : limits.maxRows)) throw invalid('too many rows');
  let total = 0;
  const buttons: KeyboardButton[][] = rows.map((row) => {
    if (!Array.isArray(row) || row.length === 0) throw invalid('row must be a non-empty array');
    const parsed = row.map((b) => parseButton(b, limits));
    const width = parsed.reduce(
      (sum, b) => sum + (limits.wideButtonsCountDouble && WIDE.has(b.type) ? 2 : 1),
      0,
    );
    if (width > limits.maxPerRow) throw invalid('too many buttons in a row');
    total += parsed.length;
    return parsed;
  });
  if (total > (inline ? limits.maxInlineButtons : limits.maxButtons)) throw invalid('too many buttons');
  return { inline, oneTime: !inline && raw.one_time === true, buttons, raw };
}
