import { EventEmitter } from 'node:events';
import http from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CallbackDelivery } from './callback.js';
import type { DeliveryAttempt, WebhookConfig } from './callback.js';
import {
  EmulatorUsageError,
  InvalidInviteLinkError,
  VkEmulatorError,
  buildErrorBody,
  toVkError,
} from './errors.js';
import { Faults } from './faults.js';
import { readApiParams, sendJson, tokenOf } from './http.js';
import { DEFAULT_KEYBOARD_LIMITS } from './keyboard.js';
import {
  RateLimiter,
  UserFloodLimiter,
  assertGroupMethod,
  assertKnownMethod,
  assertScope,
  assertToken,
  assertVersion,
} from './limits.js';
import { LongPoll } from './longpoll.js';
import { parseExecuteCode, runExecute } from './methods/execute.js';
import type { ExecuteCall, SubCallResult } from './methods/execute.js';
import { groupsMethods } from './methods/groups.js';
import { messagesMethods } from './methods/messages.js';
import { handleUpload, uploadsMethods } from './methods/uploads.js';
import { usersMethods } from './methods/users.js';
import { clientInfo, messageObject } from './objects.js';
import { Params } from './params.js';
import type { Activity } from './idle.js';
import { EmulatorState, isChatPeer, randomHex } from './state.js';
import type { CallbackEvent, EmuChat, EmuUser, NewUser, StoredMessage } from './state.js';
import type { EmulatorCore, EmulatorOptions, EventEnvelope, MethodTable, ResolvedOptions } from './types.js';

/** One recorded API call (execute sub-calls are recorded too, with `viaExecute`). */
export interface CallRecord {
  method: string;
  params: Record<string, string>;
  result?: unknown;
  error?: { code: number; message: string };
  viaExecute: boolean;
  at: number;
}

/** Options of {@link Emulator.userMessage}. */
export interface UserMessageOptions {
  /** A chat peer (2e9 + chat id) the user is a member of; the user's own DM by default. */
  peerId?: number;
  /** Message payload: a JSON string, or an object that is stringified. */
  payload?: string | Record<string, unknown>;
  ref?: string;
  refSource?: string;
  /** Attachment ids like `photo100_5`. */
  attachments?: string[];
}

/** Options of {@link Emulator.addChat}: a chat a user created and added the community to. */
export interface AddChatOptions {
  ownerId: number;
  title: string;
  memberIds?: number[];
  botIsAdmin?: boolean;
}

/** Events emitted by the emulator (`emu.on(name, listener)`). */
export interface EmulatorEvents {
  /** The bot sent a message (deduplicated sends are not re-emitted). */
  sent: [StoredMessage];
  /** The bot edited a message. */
  edited: [StoredMessage];
  /** A user message was stored (whether or not it reaches the bot). */
  userMessage: [StoredMessage];
  /** An update was queued for long poll / webhook. */
  event: [EventEnvelope];
  /** The bot answered a callback-button event. */
  answered: [CallbackEvent];
  /** An API call finished. */
  call: [CallRecord];
  /** A person read a conversation up to a message (they wrote in it, or `markRead`). */
  read: [{ peerId: number; userId: number; cmid: number }];
  /** A chat's members changed (someone joined by its link, the bot added or removed someone). */
  members: [EmuChat];
}

const TOP_LEVEL_EXTRA_METHODS = ['execute'];

/** VK's reply window when `replyWindow: true`. */
export const DEFAULT_REPLY_WINDOW_MS = 24 * 3600 * 1000;

function resolveReplyWindow(value: boolean | number | undefined): number {
  if (value === true) return DEFAULT_REPLY_WINDOW_MS;
  if (value === undefined || value === false) return 0;
  return Math.max(0, value);
}

function resolveOptions(options: EmulatorOptions): ResolvedOptions {
  const groupId = options.groupId ?? 1;
  return {
    port: options.port ?? 0,
    groupId,
    groupName: options.groupName ?? 'Parta',
    screenName: options.screenName ?? `club${groupId}`,
    token: options.token ?? 'test-token',
    rateLimitPerSecond: options.rateLimitPerSecond ?? 20,
    maxMessageLength: options.maxMessageLength ?? 4096,
    longPollWaitMs: options.longPollWaitMs ?? 25_000,
    callbackRetryDelayMs: options.callbackRetryDelayMs ?? 1000,
    callbackMaxRetries: options.callbackMaxRetries ?? 5,
    callbackTimeoutMs: options.callbackTimeoutMs ?? 10_000,
    echoOutgoing: options.echoOutgoing ?? false,
    botSeesAllChatMessages: options.botSeesAllChatMessages ?? false,
    emitAllowOnFirstMessage: options.emitAllowOnFirstMessage ?? true,
    eventTtlMs: options.eventTtlMs ?? 60_000,
    editWindowMs: options.editWindowMs ?? 24 * 3600 * 1000,
    keyboardLimits: { ...DEFAULT_KEYBOARD_LIMITS, ...options.keyboardLimits },
    now: options.now ?? Date.now,
    botFeatures: options.botFeatures ?? true,
    replyWindowMs: resolveReplyWindow(options.replyWindow),
    maxMessagesPerUserPerHour: options.maxMessagesPerUserPerHour ?? 1000,
  };
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** A local VK API: methods, Bots Long Poll, Callback API push, uploads, and a queryable world state. */
export class Emulator implements EmulatorCore {
  readonly options: ResolvedOptions;
  readonly state: EmulatorState;
  readonly faults = new Faults();
  readonly limiter: RateLimiter;
  /** Messages per user per sliding hour (error 9); `userFlood.setLimit(n)` changes it, `reset()` forgets the counts. */
  readonly userFlood: UserFloodLimiter;
  /**
   * Scopes of a token (`messages`, `photos`, `docs`, `manage`…); a token not listed here has every scope. A call whose
   * method needs a missing scope fails with 15 "Access denied: no access to call this method".
   */
  readonly tokenScopes = new Map<string, ReadonlySet<string>>();
  readonly calls: CallRecord[] = [];
  readonly longPoll: LongPoll;
  readonly callback: CallbackDelivery;
  /** Tokens accepted by the API (the configured one; add more to simulate several bots). */
  readonly tokens: Set<string>;
  private readonly server: http.Server;
  private readonly emitter = new EventEmitter();
  private readonly methods: MethodTable;
  private readonly known: Set<string>;
  private readonly hung = new Set<ServerResponse>();
  private boundPort = 0;
  private closed = false;
  private openRequests = 0;
  private stamp = 0;

  constructor(options: EmulatorOptions = {}) {
    this.options = resolveOptions(options);
    this.state = new EmulatorState(this.options.now);
    this.limiter = new RateLimiter(this.options.rateLimitPerSecond);
    this.userFlood = new UserFloodLimiter(this.options.maxMessagesPerUserPerHour);
    this.tokens = new Set([this.options.token]);
    this.methods = { ...messagesMethods, ...usersMethods, ...groupsMethods, ...uploadsMethods };
    this.known = new Set([...Object.keys(this.methods), ...TOP_LEVEL_EXTRA_METHODS]);
    this.longPoll = new LongPoll({
      waitCapMs: this.options.longPollWaitMs,
      serverUrl: () => `${this.baseUrl}/lp`,
      faults: this.faults,
    });
    this.callback = new CallbackDelivery({
      groupId: this.options.groupId,
      retryDelayMs: this.options.callbackRetryDelayMs,
      maxRetries: this.options.callbackMaxRetries,
      timeoutMs: this.options.callbackTimeoutMs,
      faults: this.faults,
    });
    this.emitter.setMaxListeners(0);
    this.server = http.createServer((req, res) => {
      this.route(req, res).catch(() => {
        if (!res.headersSent) sendJson(res, { error: 'internal' }, 500);
      });
    });
    this.server.keepAliveTimeout = 5000;
  }

  /** Starts listening on 127.0.0.1 (the configured port, or a random one). */
  async listen(): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(this.options.port, '127.0.0.1', () => {
        this.server.off('error', reject);
        resolve();
      });
    });
    this.boundPort = (this.server.address() as AddressInfo).port;
  }

  /** The bound port. */
  get port(): number {
    return this.boundPort;
  }

  /** `http://127.0.0.1:PORT` */
  get baseUrl(): string {
    return `http://127.0.0.1:${this.boundPort}`;
  }

  /** vk-io's `apiBaseUrl`: `http://127.0.0.1:PORT/method`. */
  get apiUrl(): string {
    return `${this.baseUrl}/method`;
  }

  /** The community id. */
  get groupId(): number {
    return this.options.groupId;
  }

  /** The token the bot must use. */
  get token(): string {
    return this.options.token;
  }

  /** The emulator's clock (epoch ms; the `now` option, `Date.now` by default). */
  now(): number {
    return this.options.now();
  }

  /** Limits a token to the given scopes (error 15 for methods outside them); `undefined` gives it every scope again. */
  setTokenScopes(token: string, scopes: readonly string[] | undefined): void {
    if (scopes === undefined) this.tokenScopes.delete(token);
    else this.tokenScopes.set(token, new Set(scopes));
  }

  /** Subscribes to an emulator event; returns the unsubscribe function. */
  on<K extends keyof EmulatorEvents>(name: K, listener: (...args: EmulatorEvents[K]) => void): () => void {
    this.emitter.on(name, listener as (...args: unknown[]) => void);
    return () => this.emitter.off(name, listener as (...args: unknown[]) => void);
  }

  /** Unsubscribes a listener. */
  off<K extends keyof EmulatorEvents>(name: K, listener: (...args: EmulatorEvents[K]) => void): void {
    this.emitter.off(name, listener as (...args: unknown[]) => void);
  }

  private emitEvent<K extends keyof EmulatorEvents>(name: K, ...args: EmulatorEvents[K]): void {
    this.emitter.emit(name, ...args);
  }

  /**
   * What the emulator is busy with, for idle waits (see {@link Driver.idle}): events the bot has not taken yet (long
   * poll, or Callback delivery while a webhook is set) and requests still being answered. `botUpdates` is always 0 here.
   */
  activity(): Activity {
    const untakenEvents = this.callback.active ? this.callback.pending : this.longPoll.backlog;
    return { untakenEvents, apiRequests: this.openRequests, botUpdates: 0, stamp: this.stamp };
  }

  // ---------------------------------------------------------------- world helpers for tests

  /** Adds a user (by default one who has not written yet, so sends to them fail with 901). */
  addUser(input: NewUser): EmuUser {
    return this.state.addUser(input);
  }

  /**
   * A user writes to the community (DM) or into a chat. Stores the message, marks the user as allowing messages
   * (DM), emits `message_allow` on first contact, and pushes `message_new` unless a chat message is hidden from the bot
   * (VK's default: bots see only "/" commands, mentions and button presses in chats).
   */
  userMessage(fromId: number, text: string, options: UserMessageOptions = {}): StoredMessage {
    const user = this.state.requireUser(fromId);
    const peerId = options.peerId ?? fromId;
    let chat: EmuChat | undefined;
    if (isChatPeer(peerId)) {
      chat = this.state.chatByPeer(peerId);
      if (!chat) throw new EmulatorUsageError(`Chat ${peerId} does not exist`);
      if (!chat.members.some((m) => m.memberId === fromId)) {
        throw new EmulatorUsageError(`User ${fromId} is not a member of chat ${peerId}`);
      }
    } else if (peerId !== fromId) {
      throw new EmulatorUsageError(`A user can only write to the community from their own dialog (peer ${fromId})`);
    }
    const payload = typeof options.payload === 'object' ? JSON.stringify(options.payload) : options.payload;
    const message = this.state.addMessage({
      peerId,
      fromId,
      text,
      out: 0,
      payload,
      attachments: options.attachments ?? [],
      ref: options.ref,
      refSource: options.refSource,
    });
    this.emitEvent('userMessage', message);
    this.markRead(fromId, peerId, message.cmid);
    const firstContact = !chat && !user.allowsMessages;
    if (!chat) {
      user.allowsMessages = true;
      user.lastContactAt = this.now();
    }
    if (this.botReceives(message, chat)) {
      this.pushEvent('message_new', { message: messageObject(this.state, message, this.baseUrl), client_info: clientInfo(user) });
    }
    if (firstContact && this.options.emitAllowOnFirstMessage) this.pushEvent('message_allow', { user_id: fromId, key: '' });
    return message;
  }

  private botReceives(message: StoredMessage, chat: EmuChat | undefined): boolean {
    if (!chat) return true;
    const self = -this.options.groupId;
    if (!chat.members.some((m) => m.memberId === self)) return false;
    if (this.options.botSeesAllChatMessages || message.payload !== undefined || message.action !== undefined) return true;
    const text = message.text;
    const mentions = [`[club${this.options.groupId}|`, `[public${this.options.groupId}|`, `@club${this.options.groupId}`, `@${this.options.screenName}`];
    return text.startsWith('/') || mentions.some((m) => text.includes(m));
  }

  /**
   * A person reads a conversation (their DM, or a chat they are in) up to `cmid`, its newest message by default: the
   * community's messages up to there count as read (`out_read`, a chat's `out_read_by`). Emits `read` when it moved.
   */
  markRead(userId: number, peerId: number, cmid?: number): void {
    this.state.requireUser(userId);
    const before = this.state.readThrough(peerId, userId);
    this.state.markRead(peerId, userId, cmid);
    const after = this.state.readThrough(peerId, userId);
    if (after !== before) this.emitEvent('read', { peerId, userId, cmid: after });
  }

  /** A user presses a callback button: pushes `message_event` with `payload` as an object and a fresh event_id. */
  messageEvent(userId: number, peerId: number, cmid: number, payload: unknown): string {
    this.state.requireUser(userId);
    const eventId = randomHex(6);
    const event: CallbackEvent = {
      eventId,
      userId,
      peerId,
      cmid,
      payload,
      createdAt: this.now(),
      answered: false,
      answer: undefined,
      answeredAt: undefined,
    };
    this.state.callbackEvents.set(eventId, event);
    this.pushEvent('message_event', {
      user_id: userId,
      peer_id: peerId,
      event_id: eventId,
      payload,
      conversation_message_id: cmid,
    });
    return eventId;
  }

  /**
   * Pushes any event; `message_allow`/`message_deny` also update the user's permission (`message_allow` also reopens
   * the reply window, see the `replyWindow` option).
   */
  emit(type: string, object: Record<string, unknown>): EventEnvelope {
    const userId = typeof object.user_id === 'number' ? object.user_id : undefined;
    const user = userId === undefined ? undefined : this.state.users.get(userId);
    if (type === 'message_allow' && user) {
      user.allowsMessages = true;
      user.lastContactAt = this.now();
    }
    if (type === 'message_deny' && user) user.allowsMessages = false;
    return this.pushEvent(type, object);
  }

  /** A user joins a chat by its invite link: adds the member and pushes `message_new` with `chat_invite_user_by_link`. */
  joinChatByLink(userId: number, link: string): StoredMessage {
    this.state.requireUser(userId);
    const chat = this.state.chatByInviteLink(link);
    if (!chat) throw new InvalidInviteLinkError(link);
    if (chat.members.some((m) => m.memberId === userId)) {
      throw new EmulatorUsageError(`User ${userId} is already a member of chat ${chat.peerId}`);
    }
    chat.members.push({ memberId: userId, invitedBy: chat.ownerId, joinDate: this.state.unixNow(), isAdmin: false });
    const message = this.chatServiceMessage(chat, userId, { type: 'chat_invite_user_by_link' });
    this.emitEvent('members', chat);
    return message;
  }

  /**
   * Creates a chat that a user owns and adds the community to it (as admin unless `botIsAdmin: false`);
   * pushes `chat_invite_user` with `member_id = -groupId`.
   */
  addChat(options: AddChatOptions): EmuChat {
    this.state.requireUser(options.ownerId);
    const now = this.state.unixNow();
    const self = -this.options.groupId;
    const others = (options.memberIds ?? []).filter((id) => id !== options.ownerId);
    for (const id of others) this.state.requireUser(id);
    const chat = this.state.createChat({
      title: options.title,
      ownerId: options.ownerId,
      ownerGroup: undefined,
      members: [
        { memberId: options.ownerId, invitedBy: options.ownerId, joinDate: now, isAdmin: true },
        ...others.map((id) => ({ memberId: id, invitedBy: options.ownerId, joinDate: now, isAdmin: false })),
        { memberId: self, invitedBy: options.ownerId, joinDate: now, isAdmin: options.botIsAdmin ?? true },
      ],
    });
    this.chatServiceMessage(chat, options.ownerId, { type: 'chat_invite_user', member_id: self });
    return chat;
  }

  private chatServiceMessage(chat: EmuChat, fromId: number, action: StoredMessage['action']): StoredMessage {
    const message = this.state.addMessage({ peerId: chat.peerId, fromId, text: '', out: 0, action });
    this.emitEvent('userMessage', message);
    if (this.botReceives(message, chat)) {
      const user = this.state.users.get(fromId);
      this.pushEvent('message_new', { message: messageObject(this.state, message, this.baseUrl), client_info: clientInfo(user) });
    }
    return message;
  }

  /** Confirms and activates Callback API delivery to the bot's webhook. */
  setWebhook(config: WebhookConfig): Promise<void> {
    return this.callback.setWebhook(config);
  }

  /** Every Callback delivery attempt so far. */
  get deliveries(): readonly DeliveryAttempt[] {
    return this.callback.attempts;
  }

  /** Messages the bot sent to a peer (newest last, deleted ones excluded). */
  sentTo(peerId: number): StoredMessage[] {
    return this.state.messagesOf(peerId).filter((m) => m.out === 1 && !m.deleted && m.action === undefined);
  }

  /** Waits for the next bot message matching `predicate` (already-sent ones are not considered). */
  waitForSent(predicate: (message: StoredMessage) => boolean, timeoutMs = 5000): Promise<StoredMessage> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        unsubscribe();
        reject(new EmulatorUsageError(`No matching bot message within ${timeoutMs} ms`));
      }, timeoutMs);
      const unsubscribe = this.on('sent', (message) => {
        if (!predicate(message)) return;
        clearTimeout(timer);
        unsubscribe();
        resolve(message);
      });
    });
  }

  // ---------------------------------------------------------------- EmulatorCore

  /** Queues an update for long poll and the webhook. */
  pushEvent(type: string, object: Record<string, unknown>): EventEnvelope {
    const envelope: EventEnvelope = { type, object, group_id: this.options.groupId, event_id: randomHex(20), v: '5.199' };
    this.stamp += 1;
    this.longPoll.push(envelope);
    this.callback.enqueue(envelope);
    this.emitEvent('event', envelope);
    return envelope;
  }

  /** @internal */
  notifySent(message: StoredMessage): void {
    this.emitEvent('sent', message);
    if (this.options.echoOutgoing) this.pushEvent('message_reply', messageObject(this.state, message, this.baseUrl));
  }

  /** @internal */
  notifyEdited(message: StoredMessage): void {
    this.emitEvent('edited', message);
    if (this.options.echoOutgoing) this.pushEvent('message_edit', messageObject(this.state, message, this.baseUrl));
  }

  /** @internal */
  notifyEventAnswered(eventId: string): void {
    const event = this.state.callbackEvents.get(eventId);
    if (event) this.emitEvent('answered', event);
  }

  /** @internal */
  longPollServer(): { key: string; server: string; ts: string } {
    return this.longPoll.serverInfo();
  }

  // ---------------------------------------------------------------- API dispatch

  /**
   * Runs one API call as if it arrived over HTTP and returns the body VK would send
   * (`{response}`, `{response, execute_errors}` or `{error}`).
   */
  async invoke(method: string, rawParams: Record<string, string>, token: string | undefined): Promise<unknown> {
    const params = { ...rawParams };
    delete params.access_token;
    try {
      assertKnownMethod(method, this.known);
      assertToken(token, this.tokens);
      this.limiter.hit(token, this.now());
      assertVersion(params.v);
      if (method === 'execute') {
        const version = params.v;
        const body = await runExecute(params.code, (call) => this.dispatchSub(call, version, token));
        this.record({ method, params, result: body.response, viaExecute: false, at: this.now() });
        return body;
      }
      const result = await this.callMethod(method, params, params.v, token);
      this.record({ method, params, result, viaExecute: false, at: this.now() });
      return { response: result };
    } catch (thrown) {
      const error = toVkError(thrown);
      this.record({ method, params, error: { code: error.code, message: error.message }, viaExecute: false, at: this.now() });
      return buildErrorBody(error, method, params);
    }
  }

  private async callMethod(method: string, params: Record<string, string>, version: string, token: string): Promise<unknown> {
    assertGroupMethod(method);
    assertScope(method, this.tokenScopes.get(token));
    const fault = this.faults.takeFail(method);
    if (fault) {
      const extra: Record<string, unknown> =
        fault.code === 14 ? { captcha_sid: randomHex(6), captcha_img: `${this.baseUrl}/captcha.png` } : {};
      throw new VkEmulatorError(fault.code, fault.detail, extra);
    }
    const handler = this.methods[method];
    if (!handler) throw new VkEmulatorError(3);
    return handler({ method, params: new Params(params), emu: this, version });
  }

  private async dispatchSub(call: ExecuteCall, version: string, token: string): Promise<SubCallResult> {
    const params = { v: version, ...call.params };
    try {
      if (call.method === 'execute' || call.method.startsWith('execute.')) throw new VkEmulatorError(13, 'execute is not allowed here');
      assertKnownMethod(call.method, this.known);
      // A delay set for a method holds the execute request that carries it.
      const delay = this.faults.takeDelay(call.method);
      if (delay !== undefined) await sleep(delay);
      const value = await this.callMethod(call.method, params, version, token);
      this.record({ method: call.method, params, result: value, viaExecute: true, at: this.now() });
      return { ok: true, value };
    } catch (thrown) {
      const error = toVkError(thrown);
      this.record({ method: call.method, params, error: { code: error.code, message: error.message }, viaExecute: true, at: this.now() });
      return { ok: false, error };
    }
  }

  private record(call: CallRecord): void {
    this.calls.push(call);
    this.emitEvent('call', call);
  }

  /** Names of every implemented API method (execute included). */
  methodNames(): string[] {
    return [...this.known].sort();
  }

  /** Recorded calls of one method (direct and inside execute). */
  callsOf(method: string): CallRecord[] {
    return this.calls.filter((c) => c.method === method);
  }

  // ---------------------------------------------------------------- HTTP

  /** Counts a request as open until its response is sent or its connection closes (long polls are not counted). */
  private track(res: ServerResponse): void {
    this.openRequests += 1;
    this.stamp += 1;
    res.once('close', () => {
      this.openRequests -= 1;
      this.stamp += 1;
    });
  }

  private async route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', this.baseUrl);
    if (url.pathname !== '/lp') this.track(res);
    if (url.pathname.startsWith('/method/')) {
      await this.handleApi(req, res, url);
      return;
    }
    if (url.pathname === '/lp') {
      this.longPoll.handle(req, res, url);
      return;
    }
    if (url.pathname.startsWith('/upload/')) {
      await handleUpload(this, req, res, url);
      return;
    }
    if (url.pathname.startsWith('/files/')) {
      this.serveFile(res, url);
      return;
    }
    sendJson(res, { error: 'not found' }, 404);
  }

  private async handleApi(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const method = decodeURIComponent(url.pathname.slice('/method/'.length));
    let params: Record<string, string>;
    try {
      params = await readApiParams(req, url);
    } catch {
      params = {};
    }
    const drop = this.faults.takeDrop(method) ?? this.dropInsideExecute(method, params);
    if (drop) {
      if (drop.mode === 'hang') {
        this.hung.add(res);
        res.on('close', () => this.hung.delete(res));
      } else {
        setTimeout(() => req.socket.destroy(), drop.afterMs);
      }
      return;
    }
    const delay = this.faults.takeDelay(method);
    if (delay !== undefined) await sleep(delay);
    const body = await this.invoke(method, params, tokenOf(req, params));
    sendJson(res, body);
  }

  /** A drop fault set for a method that arrives batched in `execute` drops the whole execute request. */
  private dropInsideExecute(method: string, params: Record<string, string>): ReturnType<Faults['takeDrop']> {
    if (method !== 'execute' || !params.code) return undefined;
    try {
      for (const call of parseExecuteCode(params.code).calls) {
        const drop = this.faults.takeDrop(call.method);
        if (drop) return drop;
      }
    } catch {
      // malformed code: runExecute answers with the error
    }
    return undefined;
  }

  private serveFile(res: ServerResponse, url: URL): void {
    const match = /^\/files\/(photo|doc)\/(\d+)$/.exec(url.pathname);
    const id = Number(match?.[2]);
    const file = match?.[1] === 'photo' ? this.state.photos.get(id)?.file : this.state.docs.get(id)?.file;
    if (!file) {
      sendJson(res, { error: 'not found' }, 404);
      return;
    }
    res.writeHead(200, { 'content-type': file.mimeType, 'content-length': file.data.length });
    res.end(file.data);
  }

  /** Answers held long polls, stops Callback delivery, drops hung requests and closes the server. Idempotent. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.longPoll.close();
    await this.callback.close();
    for (const res of this.hung) res.destroy();
    this.hung.clear();
    await new Promise<void>((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }
}
