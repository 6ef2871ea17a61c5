import type { Emulator } from './emulator.js';
import { UNWATCHED_QUIET_MS, waitForIdle } from './idle.js';
import type { IdleOptions } from './idle.js';
import type { KeyboardButton } from './keyboard.js';
import type { CallbackEvent, EmuUser, StoredMessage } from './state.js';
import { isChatPeer } from './state.js';

/** A keyboard as the driver shows it. */
export interface ReceivedKeyboard {
  inline: boolean;
  oneTime: boolean;
  buttons: { label: string; type: string; payload: string | undefined; color: string | undefined }[][];
}

/** A bot message as a user sees it. */
export interface ReceivedMessage {
  id: number;
  cmid: number;
  peerId: number;
  text: string;
  keyboard?: ReceivedKeyboard;
  attachments: string[];
  payload: string | undefined;
  date: number;
  edited: boolean;
}

/** What `expect` accepts: a substring, a RegExp, or a predicate. */
export type MessageMatcher = string | RegExp | ((message: ReceivedMessage) => boolean);

/** What a button press did. */
export interface PressResult {
  type: string;
  label: string;
  /** The message_new sent for a text button. */
  message?: StoredMessage;
  /** The event_id of a callback button's message_event. */
  eventId?: string;
  /** The URL of an open_link button (nothing is sent). */
  link?: string;
}

/** Options of the waiting helpers. */
export interface WaitOptions {
  /** Milliseconds; default 5000 (or the Driver's `timeoutMs`). */
  timeout?: number;
}

/** Raised when `expect`/`nextMessage` times out; the message contains the whole conversation. */
export class DriverTimeoutError extends Error {
  constructor(what: string, timeoutMs: number, transcript: string) {
    super(`Timed out after ${timeoutMs} ms waiting for ${what}\n${transcript}`);
    this.name = 'DriverTimeoutError';
  }
}

/** Raised when `press` finds no button with the label. */
export class ButtonNotFoundError extends Error {
  constructor(label: string, available: string[], transcript: string) {
    const list = available.length > 0 ? available.map((l) => `"${l}"`).join(', ') : '(no keyboard)';
    super(`No button "${label}". Available: ${list}\n${transcript}`);
    this.name = 'ButtonNotFoundError';
  }
}

/** Raised for a driver call that cannot work (bad vk.me link, unsupported button type). */
export class DriverUsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DriverUsageError';
  }
}

function toReceived(message: StoredMessage): ReceivedMessage {
  const view: ReceivedMessage = {
    id: message.id,
    cmid: message.cmid,
    peerId: message.peerId,
    text: message.text,
    attachments: [...message.attachments],
    payload: message.payload,
    date: message.date,
    edited: message.editedAt !== undefined,
  };
  if (message.keyboard) {
    view.keyboard = {
      inline: message.keyboard.inline,
      oneTime: message.keyboard.oneTime,
      buttons: message.keyboard.buttons.map((row) =>
        row.map((b) => ({ label: b.label, type: b.type, payload: b.payload, color: b.color })),
      ),
    };
  }
  return view;
}

function matches(matcher: MessageMatcher, message: ReceivedMessage): boolean {
  if (typeof matcher === 'string') return message.text.includes(matcher);
  if (matcher instanceof RegExp) return matcher.test(message.text);
  return matcher(message);
}

function describe(matcher: MessageMatcher): string {
  if (typeof matcher === 'string') return `a bot message containing ${JSON.stringify(matcher)}`;
  if (matcher instanceof RegExp) return `a bot message matching ${String(matcher)}`;
  return 'a bot message matching the predicate';
}

function keyboardLine(message: StoredMessage): string {
  if (!message.keyboard || message.keyboard.buttons.length === 0) return message.keyboard ? ' {keyboard hidden}' : '';
  const labels = message.keyboard.buttons.map((row) => row.map((b) => `[${b.label || b.type}]`).join(' ')).join(' | ');
  const kind = message.keyboard.inline ? 'inline' : message.keyboard.oneTime ? 'one-time' : 'keyboard';
  return `\n        ${kind}: ${labels}${message.keyboardHidden ? ' (hidden)' : ''}`;
}

/** Renders a peer's conversation (both directions, with buttons and callback presses) for error messages. */
export function renderTranscript(emulator: Emulator, peerId: number, title: string): string {
  const lines = [`--- ${title} (peer ${peerId}) ---`];
  for (const m of emulator.state.messagesOf(peerId)) {
    const user = emulator.state.users.get(m.fromId);
    const who = m.out === 1 ? 'bot' : user ? `${user.firstName} (${user.id})` : String(m.fromId);
    const arrow = m.out === 1 ? '←' : '→';
    const flags = `${m.deleted ? ' [deleted]' : ''}${m.editedAt !== undefined ? ' [edited]' : ''}`;
    const body = m.action ? `<${m.action.type}${m.action.member_id !== undefined ? ` ${m.action.member_id}` : ''}>` : m.text;
    const extras = [
      m.payload !== undefined && m.out === 0 ? `payload=${m.payload}` : '',
      m.attachments.length > 0 ? `attachments=${m.attachments.join(',')}` : '',
    ]
      .filter((s) => s !== '')
      .join(' ');
    lines.push(`  ${arrow} ${who}: ${body}${flags}${extras ? ` (${extras})` : ''}${keyboardLine(m)}`);
  }
  for (const e of emulator.state.callbackEvents.values()) {
    if (e.peerId !== peerId) continue;
    const answer = e.answer ? JSON.stringify(e.answer) : e.answered ? 'answered (no data)' : 'not answered';
    lines.push(`  ⚡ ${e.userId} pressed callback on cmid ${e.cmid} payload=${JSON.stringify(e.payload)} → ${answer}`);
  }
  if (lines.length === 1) lines.push('  (empty)');
  return lines.join('\n');
}

/** Bot messages of one peer with a consumption cursor; shared by users and chats. */
class Inbox {
  private consumedThrough = 0;

  constructor(
    private readonly emulator: Emulator,
    readonly peerId: number,
    private readonly defaultTimeout: number,
    private readonly transcript: () => string,
  ) {}

  received(): ReceivedMessage[] {
    return this.emulator.sentTo(this.peerId).map(toReceived);
  }

  private findUnconsumed(matcher: MessageMatcher): ReceivedMessage | undefined {
    return this.received().find((m) => m.id > this.consumedThrough && matches(matcher, m));
  }

  async expect(matcher: MessageMatcher, options: WaitOptions = {}): Promise<ReceivedMessage> {
    const timeout = options.timeout ?? this.defaultTimeout;
    const found = this.findUnconsumed(matcher);
    if (found) {
      this.consumedThrough = found.id;
      return found;
    }
    return new Promise((resolve, reject) => {
      const check = (message: StoredMessage): void => {
        if (message.peerId !== this.peerId) return;
        const hit = this.findUnconsumed(matcher);
        if (!hit) return;
        cleanup();
        this.consumedThrough = hit.id;
        resolve(hit);
      };
      const offSent = this.emulator.on('sent', check);
      const offEdited = this.emulator.on('edited', check);
      const timer = setTimeout(() => {
        cleanup();
        reject(new DriverTimeoutError(describe(matcher), timeout, this.transcript()));
      }, timeout);
      const cleanup = (): void => {
        clearTimeout(timer);
        offSent();
        offEdited();
      };
    });
  }

  async nextEdit(matcher: MessageMatcher, options: WaitOptions = {}): Promise<ReceivedMessage> {
    const timeout = options.timeout ?? this.defaultTimeout;
    return new Promise((resolve, reject) => {
      const off = this.emulator.on('edited', (message) => {
        if (message.peerId !== this.peerId) return;
        const view = toReceived(message);
        if (!matches(matcher, view)) return;
        clearTimeout(timer);
        off();
        resolve(view);
      });
      const timer = setTimeout(() => {
        off();
        reject(new DriverTimeoutError(`an edit: ${describe(matcher)}`, timeout, this.transcript()));
      }, timeout);
    });
  }
}

/** Finds a button by label: the newest inline keyboard that has it, or the current persistent keyboard. */
function findButton(
  emulator: Emulator,
  peerId: number,
  label: string,
): { message: StoredMessage; button: KeyboardButton } | { available: string[] } {
  const withKeyboard = emulator.sentTo(peerId).filter((m) => m.keyboard !== undefined).reverse();
  const persistent = withKeyboard.find((m) => m.keyboard?.inline === false);
  const available: string[] = [];
  for (const message of withKeyboard) {
    const keyboard = message.keyboard;
    if (!keyboard || message.keyboardHidden) continue;
    if (!keyboard.inline && message !== persistent) continue;
    for (const button of keyboard.buttons.flat()) {
      if (button.label === label) return { message, button };
      available.push(button.label || button.type);
    }
  }
  return { available: [...new Set(available)] };
}

/** A test user that talks to the bot like a person would. */
export class DriverUser {
  private readonly inbox: Inbox;

  constructor(
    private readonly driver: Driver,
    readonly user: EmuUser,
  ) {
    this.inbox = new Inbox(driver.emulator, user.id, driver.timeoutMs, () => this.transcript());
  }

  /** The user id (= DM peer id). */
  get id(): number {
    return this.user.id;
  }

  /** Every bot message in this user's DM, oldest first (live: edits and deletions are reflected). */
  get received(): ReceivedMessage[] {
    return this.inbox.received();
  }

  /** Sends a DM to the bot; resolves once a webhook (if any) has taken it. */
  async say(text: string, options: { payload?: string | Record<string, unknown>; attachments?: string[] } = {}): Promise<StoredMessage> {
    const message = this.driver.emulator.userMessage(this.id, text, options);
    await this.driver.settle();
    return message;
  }

  /** Writes into a chat the user is a member of. */
  async sayIn(peerId: number, text: string, options: { payload?: string | Record<string, unknown> } = {}): Promise<StoredMessage> {
    const message = this.driver.emulator.userMessage(this.id, text, { ...options, peerId });
    await this.driver.settle();
    return message;
  }

  /**
   * Presses a button by its label in the newest bot message (DM, or `peerId`) whose keyboard has it: a text button
   * sends message_new with text = label and the button payload; a callback button sends message_event.
   */
  async press(label: string, options: { peerId?: number } = {}): Promise<PressResult> {
    const emulator = this.driver.emulator;
    const peerId = options.peerId ?? this.id;
    const found = findButton(emulator, peerId, label);
    if ('available' in found) {
      throw new ButtonNotFoundError(label, found.available, renderTranscript(emulator, peerId, this.title()));
    }
    const { message, button } = found;
    if (button.type === 'text') {
      if (message.keyboard?.oneTime) message.keyboardHidden = true;
      const sent = emulator.userMessage(this.id, button.label, { peerId, payload: button.payload });
      await this.driver.settle();
      return { type: 'text', label, message: sent };
    }
    if (button.type === 'callback') {
      const payload = button.payload === undefined ? undefined : (JSON.parse(button.payload) as unknown);
      const eventId = emulator.messageEvent(this.id, peerId, message.cmid, payload);
      await this.driver.settle();
      return { type: 'callback', label, eventId };
    }
    if (button.type === 'open_link') return { type: 'open_link', label, link: button.link ?? '' };
    throw new DriverUsageError(`The driver cannot press a ${button.type} button ("${label}")`);
  }

  /** Opens a vk.me / vk.com/im deep link: sends «Начать» with payload {"command":"start"} carrying ref/ref_source. */
  async openLink(link: string): Promise<StoredMessage> {
    const emulator = this.driver.emulator;
    let url: URL;
    try {
      url = new URL(link);
    } catch {
      throw new DriverUsageError(`Not a URL: ${link}`);
    }
    const groupId = emulator.groupId;
    const names = new Set([`club${groupId}`, `public${groupId}`, emulator.options.screenName]);
    const host = url.hostname.replace(/^(www\.|m\.)/, '');
    const target =
      host === 'vk.me' ? url.pathname.replace(/^\//, '').replace(/\/$/, '') : host === 'vk.com' || host === 'vk.ru' ? url.pathname === '/im' ? url.searchParams.get('sel') : url.pathname.replace(/^\//, '') : null;
    const ok = target !== null && (names.has(target) || target === `-${groupId}`);
    if (!ok) throw new DriverUsageError(`The link does not lead to community ${groupId}: ${link}`);
    const ref = url.searchParams.get('ref') ?? undefined;
    const refSource = url.searchParams.get('ref_source') ?? undefined;
    const message = emulator.userMessage(this.id, 'Начать', { payload: '{"command":"start"}', ref, refSource });
    await this.driver.settle();
    return message;
  }

  /** Resolves with the first not-yet-consumed bot message (DM) matching; it and everything before it become consumed. */
  expect(matcher: MessageMatcher, options: WaitOptions = {}): Promise<ReceivedMessage> {
    return this.inbox.expect(matcher, options);
  }

  /** The next not-yet-consumed bot message. */
  nextMessage(options: WaitOptions = {}): Promise<ReceivedMessage> {
    return this.inbox.expect(() => true, options);
  }

  /** Waits for the bot to edit a message in this DM (e.g. after a callback press). */
  expectEdit(matcher: MessageMatcher = () => true, options: WaitOptions = {}): Promise<ReceivedMessage> {
    return this.inbox.nextEdit(matcher, options);
  }

  /** This user's callback presses, oldest first. */
  callbackEvents(): CallbackEvent[] {
    return [...this.driver.emulator.state.callbackEvents.values()].filter((e) => e.userId === this.id);
  }

  /** The text of the newest snackbar the bot showed this user, if any. */
  lastSnackbar(): string | undefined {
    const answered = this.callbackEvents()
      .filter((e) => e.answer?.type === 'show_snackbar')
      .sort((a, b) => (a.answeredAt ?? 0) - (b.answeredAt ?? 0));
    const text = answered[answered.length - 1]?.answer?.text;
    return typeof text === 'string' ? text : undefined;
  }

  /** Waits until the bot answers a callback press of this user (the last one by default); resolves with event_data. */
  async expectAnswer(eventId?: string, options: WaitOptions = {}): Promise<Record<string, unknown> | undefined> {
    const timeout = options.timeout ?? this.driver.timeoutMs;
    const events = this.callbackEvents();
    const target = eventId ?? events[events.length - 1]?.eventId;
    if (target === undefined) throw new DriverUsageError('No callback press to wait for');
    const existing = this.driver.emulator.state.callbackEvents.get(target);
    if (existing?.answered) return existing.answer;
    return new Promise((resolve, reject) => {
      const off = this.driver.emulator.on('answered', (event) => {
        if (event.eventId !== target) return;
        clearTimeout(timer);
        off();
        resolve(event.answer);
      });
      const timer = setTimeout(() => {
        off();
        reject(new DriverTimeoutError(`an answer to callback event ${target}`, timeout, this.transcript()));
      }, timeout);
    });
  }

  /** Presses «Разрешить сообщения» (message_allow). */
  allowMessages(key = ''): void {
    this.driver.emulator.emit('message_allow', { user_id: this.id, key });
  }

  /** Forbids messages from the community (message_deny). */
  denyMessages(): void {
    this.driver.emulator.emit('message_deny', { user_id: this.id });
  }

  /** Joins a chat by invite link. */
  async joinChat(link: string): Promise<StoredMessage> {
    const message = this.driver.emulator.joinChatByLink(this.id, link);
    await this.driver.settle();
    return message;
  }

  /** The DM conversation, rendered. */
  transcript(): string {
    return renderTranscript(this.driver.emulator, this.id, this.title());
  }

  private title(): string {
    return `conversation with ${this.user.firstName} ${this.user.lastName} (id ${this.id})`;
  }
}

/** A chat as the test sees it: what the bot sent there. */
export class DriverChat {
  private readonly inbox: Inbox;

  constructor(
    private readonly driver: Driver,
    readonly peerId: number,
  ) {
    if (!isChatPeer(peerId)) throw new DriverUsageError(`${peerId} is not a chat peer id`);
    this.inbox = new Inbox(driver.emulator, peerId, driver.timeoutMs, () => this.transcript());
  }

  /** Every bot message in the chat, oldest first. */
  get received(): ReceivedMessage[] {
    return this.inbox.received();
  }

  /** The first not-yet-consumed bot message in the chat matching. */
  expect(matcher: MessageMatcher, options: WaitOptions = {}): Promise<ReceivedMessage> {
    return this.inbox.expect(matcher, options);
  }

  /** The next not-yet-consumed bot message in the chat. */
  nextMessage(options: WaitOptions = {}): Promise<ReceivedMessage> {
    return this.inbox.expect(() => true, options);
  }

  /** Member ids of the chat. */
  get memberIds(): number[] {
    return this.driver.emulator.state.chatByPeer(this.peerId)?.members.map((m) => m.memberId) ?? [];
  }

  /** The chat conversation, rendered. */
  transcript(): string {
    const chat = this.driver.emulator.state.chatByPeer(this.peerId);
    return renderTranscript(this.driver.emulator, this.peerId, `chat "${chat?.title ?? '?'}"`);
  }
}

/** Input of {@link Driver.user}. */
export interface DriverUserInput {
  id?: number;
  firstName: string;
  lastName?: string;
  langId?: number;
  /** VK's `sex`: 1 female, 2 male, 0 not given (the default). */
  sex?: 0 | 1 | 2;
  /** Allowed messages before writing (default false: the bot cannot write first). */
  allowsMessages?: boolean;
}

/** Options of {@link Driver}. */
export interface DriverOptions {
  /** Default timeout of the waiting helpers (ms, default 5000). */
  timeoutMs?: number;
  /** The bot's updates in flight (e.g. `() => bot.inFlight()`), for {@link Driver.idle}; settable later as `botInFlight`. */
  botInFlight?: () => number;
}

/** A test driver that reads like a conversation: `const anna = d.user({firstName:'Анна'}); await anna.say('/start')`. */
export class Driver {
  readonly timeoutMs: number;
  /** How many updates the bot has taken and not finished; unset for a bot that cannot be asked (another process). */
  botInFlight: (() => number) | undefined;
  private nextId = 100;
  private readonly chats = new Map<number, DriverChat>();

  constructor(
    readonly emulator: Emulator,
    options: DriverOptions = {},
  ) {
    this.timeoutMs = options.timeoutMs ?? 5000;
    this.botInFlight = options.botInFlight;
  }

  /**
   * Resolves when the bot is idle: every event was taken by the bot (long poll: it polled again past it; Callback API:
   * every delivery answered), the emulator answers no request, and `botInFlight()` is 0 — in two consecutive checks a
   * few ms apart with nothing happening between. Without `botInFlight` (a bot in a child process) the state must also
   * last `quietMs` (default 300 ms), since the bot's work between two API calls cannot be seen. Rejects with
   * IdleTimeoutError (what was busy, and every conversation) after `timeout`. Use it before asserting that something
   * did NOT happen: `await d.idle(); expect(anna.received).toHaveLength(1)`.
   */
  async idle(options: IdleOptions = {}): Promise<void> {
    const botInFlight = this.botInFlight;
    await waitForIdle(
      () => ({ ...this.emulator.activity(), botUpdates: botInFlight?.() ?? 0 }),
      { timeoutMs: options.timeout ?? this.timeoutMs, quietMs: options.quietMs ?? (botInFlight ? 0 : UNWATCHED_QUIET_MS) },
      () => this.transcripts(),
    );
  }

  /** Every conversation of the emulator, rendered (for error messages). */
  transcripts(): string {
    const peers = [...this.emulator.state.conversations.keys()].sort((a, b) => a - b);
    return peers.map((peerId) => renderTranscript(this.emulator, peerId, isChatPeer(peerId) ? 'chat' : 'conversation')).join('\n');
  }

  /** Creates (registers) a user; ids are assigned from 100 upward unless given. */
  user(input: DriverUserInput): DriverUser {
    let id = input.id;
    if (id === undefined) {
      while (this.emulator.state.users.has(this.nextId)) this.nextId += 1;
      id = this.nextId++;
    }
    const user = this.emulator.addUser({
      id,
      firstName: input.firstName,
      lastName: input.lastName ?? '',
      langId: input.langId,
      sex: input.sex,
      allowsMessages: input.allowsMessages,
    });
    return new DriverUser(this, user);
  }

  /** The view of a chat (peer id 2e9 + chat id); the same view, with the same read position, for the same peer. */
  chat(peerId: number): DriverChat {
    let chat = this.chats.get(peerId);
    if (!chat) {
      chat = new DriverChat(this, peerId);
      this.chats.set(peerId, chat);
    }
    return chat;
  }

  /** Waits until queued webhook deliveries are done (no-op in long poll mode). */
  async settle(): Promise<void> {
    if (this.emulator.callback.active) await this.emulator.callback.idle();
  }
}
