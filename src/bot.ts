import http from 'node:http';
import type https from 'node:https';
import { SceneManager } from '@vk-io/scenes';
import { SessionManager } from '@vk-io/session';
import type { Redis } from 'ioredis';
import { MessageContext, PollingTransport, VK, type Context, type MessageEventContext } from 'vk-io';
import type { App } from './app.js';
import { ActionRegistry, type ActionContext } from './actions.js';
import { CommandRegistry, parseCommand, type CommandContext, type CommandSpec } from './commands/registry.js';
import { FEATURES } from './features.js';
import type { Config } from './config.js';
import { I18n, isLocale, localeFromLangId, type Locale } from './i18n.js';
import { createLogger, type Logger } from './logger.js';
import { Outbox } from './outbox.js';
import { parsePayload } from './payload.js';
import { PeerQueue } from './peer-queue.js';
import { RedisSessionStorage, sessionKey } from './session-storage.js';
import { PermissionDeniedError, createServices, effectiveRoles } from './services/index.js';
import { SchoolService } from './services/school.js';
import { setTurn, turnOf, type Caller, type Turn } from './turn.js';
import { UpdateGate, type VkUpdate } from './update-gate.js';
import { VkGateway, type VkGatewayOptions } from './vk-api.js';
import { WebhookServer } from './webhook-server.js';

export interface BotOptions {
  config: Config;
  redis: Redis;
  logger?: Logger;
  /** Extra options of the VK API seam (tests hook `onCall` here). */
  gateway?: VkGatewayOptions;
  /** Middleware run just before the command router, after sessions and scenes (tests use it to probe sessions). */
  extraMiddleware?: Middleware[];
  /** vk-io timeouts; tests shorten them. */
  vkTimeouts?: { apiTimeout?: number; apiWait?: number; pollingWait?: number };
}

/** A vk-io middleware as the bot composes them. */
export type Middleware = (context: Context, next: () => Promise<unknown>) => Promise<unknown>;


/**
 * vk-io parses a message's button payload in the context's constructor and throws on broken JSON,
 * which would drop the update silently; a forged payload is replaced by one the router calls stale.
 */
function withParsablePayload(update: VkUpdate): VkUpdate {
  const message = update.object?.message as { payload?: unknown } | undefined;
  if (typeof message?.payload !== 'string') return update;
  try {
    JSON.parse(message.payload);
    return update;
  } catch {
    return { ...update, object: { ...update.object, message: { ...message, payload: '{"k":"forged"}' } } };
  }
}

/**
 * The bot: vk-io for the API and contexts, our own update gate (dedupe, inbox, per-peer order)
 * in front of vk-io's middleware chain, sessions in Redis, scenes for dialogs, one command router.
 */
export class Bot {
  readonly vk: VK;
  readonly app: App;
  private readonly gate: UpdateGate;
  private readonly queue: PeerQueue;
  private polling?: PollingTransport;
  private webhook?: WebhookServer;
  private readonly deferred: VkUpdate[] = [];
  private retryTimer?: NodeJS.Timeout;
  private stopped = false;
  /** Port of the webhook server once started (0 before). */
  webhookPort = 0;

  constructor(private readonly options: BotOptions) {
    const { config, redis } = options;
    const logger = options.logger ?? createLogger(config.LOG_LEVEL);
    const plainHttp = config.VK_API_URL.startsWith('http:');
    this.vk = new VK({
      token: config.VK_TOKEN,
      apiBaseUrl: config.VK_API_URL,
      apiVersion: config.VK_API_VERSION,
      apiLimit: config.VK_API_LIMIT,
      apiMode: 'sequential',
      pollingGroupId: config.VK_GROUP_ID,
      // vk-io's default agent speaks https only; a plain-http API (the emulator) needs an http agent.
      ...(plainHttp ? { agent: new http.Agent({ keepAlive: true }) as unknown as https.Agent } : {}),
      ...options.vkTimeouts,
    });
    const gateway = new VkGateway(this.vk.api, this.vk.upload, logger, options.gateway);
    const sessions = new RedisSessionStorage(redis, config.REDIS_PREFIX, config.SESSION_TTL_SECONDS);
    this.app = {
      config,
      logger,
      i18n: new I18n(config.LOCALE),
      gateway,
      outbox: new Outbox(gateway),
      sessions,
      school: new SchoolService(redis, config.REDIS_PREFIX, config.SCHOOL_ID),
      services: createServices({ redis, prefix: config.REDIS_PREFIX, schoolId: config.SCHOOL_ID }),
      commands: new CommandRegistry(FEATURES.flatMap((feature) => feature.commands ?? [])),
    };
    this.queue = new PeerQueue(redis, config.REDIS_PREFIX);
    this.gate = new UpdateGate(redis, config.REDIS_PREFIX, this.queue, (update) => this.vk.updates.handleWebhookUpdate(withParsablePayload(update)) as Promise<void>, logger);
    this.compose();
  }

  /** Starts taking updates: long poll, or the Callback API server when VK_TRANSPORT=webhook. */
  async start(): Promise<void> {
    const { config, logger, services } = this.app;
    await services.members.ensureBootstrapAdmins(config.ADMIN_VK_IDS);
    await services.classes.ensureStaffRoom();
    const recovered = await this.gate.open();
    if (recovered > 0) logger.info({ recovered }, 'updates left unhandled by a stopped process are being handled');
    if (config.VK_TRANSPORT === 'webhook') {
      this.webhook = new WebhookServer(
        { port: config.WEBHOOK_PORT, path: config.WEBHOOK_PATH, groupId: config.VK_GROUP_ID, confirmationCode: config.VK_CONFIRMATION_CODE ?? '', secret: config.VK_CALLBACK_SECRET },
        this.gate,
        logger,
      );
      this.webhookPort = await this.webhook.listen();
      logger.info({ port: this.webhookPort, path: config.WEBHOOK_PATH }, 'callback api server listening');
      return;
    }
    const vkOptions = (this.vk.updates as unknown as { options: Record<string, unknown> }).options;
    this.polling = new PollingTransport({ api: this.vk.api, ...vkOptions, pollingGroupId: config.VK_GROUP_ID } as ConstructorParameters<typeof PollingTransport>[0]);
    this.polling.subscribe((update) => this.acceptPolled(update as unknown as VkUpdate));
    await this.polling.start();
    logger.info({ groupId: config.VK_GROUP_ID }, 'long poll started');
  }

  /**
   * Stops taking updates, lets those in flight finish (at most `deadlineMs`), and reports
   * whether everything finished in time. Redis is the caller's to close.
   */
  async stop(deadlineMs = this.app.config.SHUTDOWN_TIMEOUT_MS): Promise<boolean> {
    this.stopped = true;
    clearTimeout(this.retryTimer);
    if (this.deferred.length > 0) this.app.logger.warn({ lost: this.deferred.length }, 'updates not recorded while Redis was down are dropped at stop; VK keeps no copy for long poll');
    this.gate.close();
    await this.polling?.stop();
    await this.webhook?.close();
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<boolean>((resolve) => {
      timer = setTimeout(() => resolve(false), deadlineMs);
    });
    const finished = await Promise.race([this.queue.drain().then(() => true), timedOut]);
    clearTimeout(timer);
    await this.gate.shutdown();
    return finished;
  }

  /**
   * A polled update that cannot be recorded (Redis down) is kept in memory, in order, and retried
   * every second; the person is told at once that the service is briefly unavailable.
   */
  private async acceptPolled(update: VkUpdate): Promise<void> {
    if (this.deferred.length === 0) {
      try {
        await this.gate.accept(update);
        return;
      } catch (error) {
        this.app.logger.error({ eventId: update.event_id, err: error instanceof Error ? error.name : 'unknown' }, 'polled update not recorded; retrying');
      }
    }
    this.deferred.push(update);
    this.scheduleRetry();
    await this.tellUnavailable(update);
  }

  private scheduleRetry(): void {
    if (this.retryTimer) return;
    this.retryTimer = setTimeout(async () => {
      this.retryTimer = undefined;
      while (this.deferred.length > 0) {
        try {
          await this.gate.accept(this.deferred[0]!);
          this.deferred.shift();
        } catch {
          if (!this.stopped) this.scheduleRetry();
          return;
        }
      }
    }, 1000);
  }

  private async tellUnavailable(update: VkUpdate): Promise<void> {
    const message = update.object.message as { peer_id?: number; from_id?: number } | undefined;
    const langId = (update.object.client_info as { lang_id?: number } | undefined)?.lang_id;
    if (update.type !== 'message_new' || !message?.peer_id || message.peer_id !== message.from_id) return;
    const t = this.app.i18n.bind(localeFromLangId(langId) ?? this.app.config.LOCALE);
    await this.app.outbox.send(message.peer_id, { text: t('error-unavailable') }, `unavailable:${update.event_id}`).catch(() => undefined);
  }

  /** vk-io's middleware chain, in order: errors, sessions, the turn, scenes, commands. */
  private compose(): void {
    const updates = this.vk.updates;
    const sessions = new SessionManager({
      storage: this.app.sessions,
      getStorageKey: (context) => sessionKey((context as MessageContext).peerId, (context as MessageContext).senderId ?? (context as MessageEventContext).userId),
    });
    const scenes = new SceneManager();
    scenes.addScenes(FEATURES.flatMap((feature) => feature.scenes?.(this.app) ?? []));
    const actions = new ActionRegistry(FEATURES.flatMap((feature) => feature.actions ?? []));
    const personal = (middleware: Middleware): Middleware => async (context, next) => (this.isPersonal(context) ? middleware(context, next) : next());

    updates.use(this.errorBoundary());
    updates.use(personal(sessions.middleware as Middleware));
    updates.use(personal(this.saveNestedSession()));
    updates.use(personal(this.buildTurn()));
    updates.on('message_new', scenes.middleware);
    updates.on('message_new', this.commandsInDialog());
    updates.on('message_new', scenes.middlewareIntercept);
    for (const extra of this.options.extraMiddleware ?? []) updates.use(personal(extra));
    updates.on('message_new', this.route());
    updates.on('message_event', this.routeAction(actions));
  }

  /** Updates a person sends: new messages (not the bot's own) and callback button presses. */
  private isPersonal(context: Context): boolean {
    if (context.is(['message_event'])) return true;
    return context instanceof MessageContext && context.is(['message_new']) && !context.isOutbox;
  }

  /** Catches anything a handler throws: logs ids only, and tells the person in their language. */
  private errorBoundary(): Middleware {
    return async (context, next) => {
      try {
        await next();
      } catch (error) {
        const redisDown = error instanceof Error && /Connection is closed|MaxRetriesPerRequest|ECONNREFUSED|Stream isn't writeable/i.test(error.message);
        const denied = error instanceof PermissionDeniedError;
        // Error names and codes only: messages may quote what a person typed.
        this.app.logger.error({ type: context.type, err: error instanceof Error ? error.name : 'unknown', code: (error as { code?: unknown }).code }, 'handler failed');
        const peerId = (context as MessageContext).peerId;
        if (!peerId || (context instanceof MessageContext && context.isOutbox)) return;
        const turn = (context.state as { turn?: Turn }).turn;
        const text = (turn?.t ?? this.app.i18n.bind(this.app.config.LOCALE))(denied ? 'command-denied' : redisDown ? 'error-unavailable' : 'error-generic');
        await this.app.outbox.send(peerId, { text }).catch(() => undefined);
      }
    };
  }

  /** @vk-io/session saves only top-level changes; this also saves changes nested inside the session. */
  private saveNestedSession(): Middleware {
    return async (context, next) => {
      const session = context.session as Record<string, unknown> & { $forceUpdate(): Promise<boolean> };
      const before = JSON.stringify(session);
      await next();
      if (JSON.stringify(session) !== before) await session.$forceUpdate();
    };
  }

  /** Builds the turn: the person's language (their /lang, else VK's lang_id, else LOCALE), who they are, how to answer. */
  private buildTurn(): Middleware {
    return async (context, next) => {
      const message = context instanceof MessageContext ? context : undefined;
      const vkId = message ? message.senderId : (context as MessageEventContext).userId;
      const peerId = (context as MessageContext | MessageEventContext).peerId;
      const session = context.session as { lang?: unknown };
      const detected = localeFromLangId(message?.clientInfo?.lang_id);
      // Remember VK's language once, so messages sent to this person later (notices) use it too.
      if (!isLocale(session.lang) && detected && message?.isDM) session.lang = detected;
      const locale: Locale = isLocale(session.lang) ? session.lang : this.app.config.LOCALE;
      const turn: Turn = {
        locale,
        t: this.app.i18n.bind(locale),
        caller: await this.resolveCaller(vkId),
        reply: (text, keyboard) => this.app.outbox.send(peerId, { text, keyboard }),
      };
      setTurn(context, turn);
      return next();
    };
  }

  private async resolveCaller(vkId: number): Promise<Caller> {
    const member = (await this.app.services.members.get(vkId)) ?? null;
    return { vkId, member, roles: new Set(effectiveRoles(member)) };
  }

  /** While a dialog is open, commands meant for that (/cancel, /help, /lang) still work; all else goes to the dialog. */
  private commandsInDialog(): Middleware {
    return async (context, next) => {
      const message = context as CommandContext;
      if (!message.scene.current) return next();
      const request = this.commandOf(message);
      const command = request && this.app.commands.find(request.name);
      if (!request || !command?.inDialog) return next();
      return this.runCommand(message, command, request.args);
    };
  }

  /** A command the message asks for: typed (`/help`), or pressed (a button with a command payload). */
  private commandOf(message: MessageContext): { name: string; args: string } | null {
    const parsed = parsePayload(message.messagePayload);
    if (parsed.kind === 'ours' && parsed.payload.k === 'cmd') return { name: parsed.payload.c, args: parsed.payload.a ?? '' };
    if (parsed.kind === 'start') return { name: 'start', args: '' };
    return parseCommand(message.text, this.app.config.VK_GROUP_ID);
  }

  private async runCommand(context: CommandContext, command: CommandSpec, args: string): Promise<unknown> {
    const turn = turnOf(context);
    if (!command.allowed(turn.caller)) return turn.reply(turn.t('command-denied'));
    if (command.dmOnly && !context.isDM) return turn.reply(turn.t('command-dm-only'));
    this.app.logger.debug({ command: command.name, from: turn.caller.vkId }, 'command');
    return command.run(context, args, turn, this.app);
  }

  /** Callback button presses: runs the action named in the payload and always answers the press (a snackbar or a plain stop of the spinner). */
  private routeAction(actions: ActionRegistry): Middleware {
    return async (context) => {
      const event = context as ActionContext;
      const turn = turnOf(event);
      const parsed = parsePayload(event.eventPayload);
      const action = parsed.kind === 'ours' && parsed.payload.k === 'cb' ? actions.find(parsed.payload.a) : undefined;
      let snackbar: string | void = turn.t('button-stale-short');
      try {
        if (action && parsed.kind === 'ours' && parsed.payload.k === 'cb') snackbar = await action.run(event, parsed.payload, turn, this.app);
      } finally {
        await this.app.gateway
          .call('messages.sendMessageEventAnswer', {
            event_id: event.eventId,
            user_id: event.userId,
            peer_id: event.peerId,
            event_data: snackbar ? JSON.stringify({ type: 'show_snackbar', text: [...snackbar].slice(0, 90).join('') }) : undefined,
          })
          .catch(() => undefined);
      }
    };
  }

  /** Outside dialogs: buttons, commands, deep links; anything else gets a short hint in a private dialog. */
  private route(): Middleware {
    return async (context) => {
      const message = context as CommandContext;
      const turn = turnOf(message);
      const parsed = parsePayload(message.messagePayload);
      if (parsed.kind === 'invalid' || (parsed.kind === 'ours' && parsed.payload.k !== 'cmd')) return turn.reply(turn.t('button-stale'));
      const request = this.commandOf(message) ?? (message.referralValue ? { name: 'start', args: '' } : null);
      if (request) {
        const command = this.app.commands.find(request.name);
        if (!command) return turn.reply(turn.t('command-unknown'));
        return this.runCommand(message, command, request.args);
      }
      if (message.isDM) return turn.reply(turn.t('text-unknown'));
      return undefined;
    };
  }
}
