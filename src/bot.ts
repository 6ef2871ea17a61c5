import { SceneManager } from '@vk-io/scenes';
import type { RedisClient } from './domain/redis-client.js';
import { nameBootstrapAdmins } from './features/roles/name-bootstrap-admins.js';
import { ActionRegistry } from './features/shared/action-registry.js';
import { appForUpdate, type App } from './app.js';
import { CommandRegistry } from './features/shared/command-registry.js';
import type { Config } from './config.js';
import { FEATURES, matchDialogs } from './features.js';
import { I18n, isLocale } from './i18n.js';
import { createLogger, type Logger } from './logger.js';
import { buildTurn, errorBoundary, type Middleware as RuntimeMiddleware } from './runtime/middleware.js';
import { CallerLoader } from './runtime/caller.js';
import { Outbox } from './vk/outbox.js';
import { VkMessenger } from './vk/vk-messenger.js';
import { vkStoredRecipient } from './vk/person-refs.js';
import { stepSceneOf } from './vk/dialog-scene.js';
import { buttonPress, CHAT_MEMBER_ACTIONS, chatMemberChange, incomingMessage, type VkMessageContext, type VkPressContext } from './vk/incoming.js';
import { setTurn, turnOf, type AnyDialog } from './turn.js';
import { pressOf, withMainMenu } from './features/menu/menu-after-dialogs.js';
import { PeerQueue } from './runtime/peer-queue.js';
import { Router } from './features/router.js';
import { createServices } from './domain/index.js';
import { SchoolService } from './domain/school.js';
import { RedisSessionStorage } from './runtime/session-storage.js';
import { UpdateGate } from './runtime/update-gate.js';
import { vkPeerOf, type VkUpdate } from './vk/update-envelope.js';
import { VkGateway, type VkGatewayOptions } from './vk/gateway.js';
import { createVkClient, type VkClient } from './vk/client.js';
import { dispatchUpdate, isPersonal, privateMessageUpdate, vkSender } from './vk/update-context.js';
import { scopeOf, updateScope, type UpdateScope } from './runtime/update-scope.js';
import { carryOverLegacyKeys, runtimeBase } from './runtime/runtime-keys.js';
import { renamePersonFields } from './runtime/record-upgrades.js';
import { BullScheduler, type ScheduledJob } from './runtime/scheduler.js';
import { JobRegistry, type JobSpec } from './features/shared/job-registry.js';
import { DeliveryEngine } from './runtime/delivery.js';
import { deliveryTexts } from './features/shared/delivery-report.js';
import type { Context, MessageContext } from 'vk-io';
import { PollPosition, ResumingPolling } from './vk/long-poll.js';
import { SharedRateLimiter } from './vk/rate-limit.js';
import { WebhookServer } from './vk/webhook-server.js';

export interface BotOptions {
  config: Config;
  /** The dialogs the features open (scenes/index.ts's DIALOGS): src/ never imports scenes/, the entry hands them over. */
  dialogs: readonly AnyDialog[];
  redis: RedisClient;
  logger?: Logger;
  /** Extra options of the VK API seam (tests hook `onCall` here). */
  gateway?: VkGatewayOptions;
  /** Middleware run just before the command router, after sessions and scenes (tests use it to probe sessions). */
  extraMiddleware?: Middleware[];
  /** vk-io timeouts; tests shorten them. */
  vkTimeouts?: { apiTimeout?: number; apiWait?: number; pollingWait?: number };
  /** Job handlers besides the features' (tests register kinds of their own). */
  extraJobs?: JobSpec[];
  /** The clock (ms) of the scheduler and of the quiet hours; tests move it. */
  now?: () => number;
}

/** A middleware of the bot's chain: the runtime's, on vk-io's contexts. */
export type Middleware = RuntimeMiddleware<Context>;

/** At most this many polled updates wait in memory for Redis to come back. */
const MAX_DEFERRED = 10_000;

/** The update types the bot has handlers for (see `compose`); VK's other events are not recorded. */
const HANDLED_TYPES: ReadonlySet<string> = new Set(['message_new', 'message_event']);

/** A polled update waiting in memory for Redis, with the promise of its recording. */
interface Deferred {
  update: VkUpdate;
  recorded: () => void;
  lost: (error: Error) => void;
}

/** Thrown for a polled update that the bot stopped before it could record (Redis was down): VK keeps it, and the next start polls it again. */
export class UpdateNotRecordedError extends Error {
  override readonly name = 'UpdateNotRecordedError';
  constructor(reason: string) {
    super(`a polled update could not be recorded (${reason}); the long poll resumes before it on the next start`);
  }
}

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
  readonly vk: VkClient;
  readonly app: App;
  private readonly gate: UpdateGate;
  private readonly queue: PeerQueue;
  private readonly scheduler: BullScheduler;
  private readonly jobs: JobRegistry;
  private readonly dialogs: readonly AnyDialog[];
  private polling?: ResumingPolling;
  private webhook?: WebhookServer;
  private readonly deferred: Deferred[] = [];
  private retryTimer?: NodeJS.Timeout;
  private stopped = false;
  private polled = 0;
  /** Port of the webhook server once started (0 before). */
  webhookPort = 0;

  constructor(private readonly options: BotOptions) {
    const { config, redis } = options;
    this.dialogs = matchDialogs(options.dialogs);
    const logger = options.logger ?? createLogger(config.LOG_LEVEL);
    this.vk = createVkClient({
      token: config.VK_TOKEN,
      apiBaseUrl: config.VK_API_URL,
      apiVersion: config.VK_API_VERSION,
      limiter: new SharedRateLimiter(redis, `${config.REDIS_PREFIX}vk:rate:${config.VK_GROUP_ID}`, config.VK_API_LIMIT),
      apiTimeout: options.vkTimeouts?.apiTimeout,
      apiWait: options.vkTimeouts?.apiWait,
    });
    const gateway = new VkGateway(this.vk.api, this.vk.upload, logger, options.gateway);
    const base = runtimeBase(config.REDIS_PREFIX, config.SCHOOL_ID);
    const sessions = new RedisSessionStorage(redis, base, config.SESSION_TTL_SECONDS);
    this.jobs = new JobRegistry([...FEATURES.flatMap((feature) => feature.jobs ?? []), ...(options.extraJobs ?? [])]);
    this.scheduler = new BullScheduler({ url: config.REDIS_URL, clusterNodes: config.REDIS_CLUSTER_NODES, prefix: base, legacyPrefix: config.REDIS_PREFIX, redis, logger, handle: (job) => this.runJob(job), ...(options.now ? { now: options.now } : {}) });
    const i18n = new I18n(config.LOCALE);
    const messenger = new VkMessenger(gateway, new Outbox(gateway), config.VK_GROUP_ID);
    this.app = {
      config,
      logger,
      i18n,
      messenger,
      sessions,
      callers: new CallerLoader(redis, config.REDIS_PREFIX, config.SCHOOL_ID, sessions, config.SESSION_TTL_SECONDS, vkSender),
      school: new SchoolService(redis, config.REDIS_PREFIX, config.SCHOOL_ID),
      services: createServices({ redis, prefix: config.REDIS_PREFIX, schoolId: config.SCHOOL_ID }),
      commands: new CommandRegistry(FEATURES.flatMap((feature) => feature.commands ?? [])),
      scheduler: this.scheduler,
      deliveries: new DeliveryEngine({
        redis,
        prefix: base,
        messenger,
        scheduler: this.scheduler,
        logger,
        texts: deliveryTexts(i18n, config),
        quietHours: config.QUIET_HOURS,
        timeZone: config.SCHOOL_TZ,
        storedRecipient: vkStoredRecipient,
        ...(options.now ? { now: options.now } : {}),
      }),
    };
    this.queue = new PeerQueue(redis, base);
    const handle = async (update: VkUpdate, scope: UpdateScope) => void (await dispatchUpdate(this.vk, withParsablePayload(update), scope));
    this.gate = new UpdateGate(redis, base, this.queue, handle, logger, { peerOf: vkPeerOf, types: HANDLED_TYPES, preload: this.app.callers.preload });
    this.compose();
  }

  /** Starts taking updates: long poll, or the Callback API server when VK_TRANSPORT=webhook. */
  async start(): Promise<void> {
    const { config, logger, services } = this.app;
    const carried = await carryOverLegacyKeys(this.options.redis, config.REDIS_PREFIX, runtimeBase(config.REDIS_PREFIX, config.SCHOOL_ID));
    if (carried > 0) logger.info({ keys: carried }, "an earlier version's inbox, sessions and languages moved under the school's key");
    const upgraded = await renamePersonFields(this.options.redis, runtimeBase(config.REDIS_PREFIX, config.SCHOOL_ID));
    if (upgraded > 0) logger.info({ values: upgraded }, "an earlier version's records now name people by their neutral fields");
    await services.members.ensureBootstrapAdmins(config.ADMIN_VK_IDS);
    await nameBootstrapAdmins(this.app).catch((error: unknown) => logger.warn({ err: error instanceof Error ? error.name : 'unknown' }, 'bootstrap admins not named now; tried again at the next start'));
    await services.classes.ensureStaffRoom();
    const recovered = await this.gate.open();
    if (recovered > 0) logger.info({ recovered }, 'updates left unhandled by a stopped process are being handled');
    await this.scheduler.start();
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
    this.polling = new ResumingPolling({
      api: this.vk.api,
      groupId: config.VK_GROUP_ID,
      agent: this.vk.agent,
      pollingWait: this.options.vkTimeouts?.pollingWait,
      position: new PollPosition(this.options.redis, `${config.REDIS_PREFIX}longpoll:${config.VK_GROUP_ID}:ts`),
      logger,
      accept: (update) => {
        this.polled += 1;
        return this.acceptPolled(update).finally(() => (this.polled -= 1));
      },
    });
    await this.polling.start();
    logger.info({ groupId: config.VK_GROUP_ID }, 'long poll started');
  }

  /** Updates taken and not finished: being recorded, waiting for Redis, queued or running (tests wait for 0). */
  inFlight(): number {
    return this.polled + this.deferred.length + this.queue.activePeers;
  }

  /**
   * Stops taking updates, lets those in flight finish (at most `deadlineMs`), and reports
   * whether everything finished in time. Redis is the caller's to close.
   */
  async stop(deadlineMs = this.app.config.SHUTDOWN_TIMEOUT_MS): Promise<boolean> {
    this.stopped = true;
    clearTimeout(this.retryTimer);
    if (this.deferred.length > 0) this.app.logger.warn({ left: this.deferred.length }, 'updates not recorded while Redis was down are left to VK; the long poll resumes before them on the next start');
    for (const waiting of this.deferred.splice(0)) waiting.lost(new UpdateNotRecordedError('the bot stopped'));
    this.gate.close();
    // No new job is taken; those running finish with the updates below.
    const jobsStopped = this.scheduler.stopWorker(deadlineMs);
    await this.polling?.stop();
    await this.webhook?.close();
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<boolean>((resolve) => {
      timer = setTimeout(() => resolve(false), deadlineMs);
    });
    // The long poll's position is saved once what it recorded is in the inbox; a Redis that hangs must not hold the stop.
    const finished = await Promise.race([Promise.all([this.queue.drain(), this.polling?.flush()]).then(() => true), timedOut]);
    clearTimeout(timer);
    await jobsStopped;
    await this.scheduler.close();
    await this.gate.shutdown();
    return finished;
  }

  /** Runs a due job with the app keyed by the job's id: a retry repeats the same message keys and operation keys. */
  private async runJob(job: ScheduledJob): Promise<void> {
    const spec = this.jobs.find(job.kind);
    if (!spec) {
      this.app.logger.warn({ jobId: job.id, kind: job.kind }, 'scheduled job of an unknown kind skipped');
      return;
    }
    await spec.run(appForUpdate(this.app, updateScope(`job:${job.id}`)), job);
  }

  /**
   * Records a polled update; resolves once it is in the inbox. One that cannot be recorded (Redis
   * down) is kept in memory, in order, and retried every second, and the person is told at once
   * that the service is briefly unavailable; the long poll's saved position waits for it.
   */
  private acceptPolled(update: VkUpdate): Promise<unknown> {
    if (this.deferred.length === 0) {
      return this.gate.accept(update).catch((error: unknown) => {
        if (this.stopped) throw error;
        this.app.logger.error({ eventId: update.event_id, err: error instanceof Error ? error.name : 'unknown' }, 'polled update not recorded; retrying');
        return this.defer(update);
      });
    }
    return this.defer(update);
  }

  private defer(update: VkUpdate): Promise<void> {
    if (this.deferred.length >= MAX_DEFERRED) {
      // A long outage must not exhaust memory: the oldest waiting update is given up (and logged by
      // id); it counts as settled, so the long poll's position may move past it.
      const dropped = this.deferred.shift();
      this.app.logger.error({ eventId: dropped?.update.event_id }, 'update dropped: Redis has been down too long');
      dropped?.recorded();
    }
    const recorded = new Promise<void>((resolve, reject) => this.deferred.push({ update, recorded: resolve, lost: reject }));
    this.scheduleRetry();
    void this.tellUnavailable(update);
    return recorded;
  }

  private scheduleRetry(): void {
    if (this.retryTimer) return;
    this.retryTimer = setTimeout(async () => {
      this.retryTimer = undefined;
      while (this.deferred.length > 0) {
        try {
          const first = this.deferred[0]!;
          await this.gate.accept(first.update);
          // Meanwhile it may have been given up (the list was full): remove it, not the next one.
          const at = this.deferred.indexOf(first);
          if (at >= 0) this.deferred.splice(at, 1);
          first.recorded();
        } catch {
          if (!this.stopped) this.scheduleRetry();
          return;
        }
      }
    }, 1000);
  }

  private async tellUnavailable(update: VkUpdate): Promise<void> {
    // Only someone who wrote in a private dialog is told: a chat would hear it from everyone's messages.
    const sender = update.type === 'message_new' ? vkSender(update) : undefined;
    if (!sender || String(sender.peer) !== sender.person) return;
    const t = this.app.i18n.bind(isLocale(sender.learnt) ? sender.learnt : this.app.config.LOCALE);
    await this.app.messenger.send(sender.peer, { text: t('error-unavailable') }, `unavailable:${update.event_id}`).catch(() => undefined);
  }

  /** vk-io's middleware chain, in order: errors, the turn with the session, scenes, commands. */
  private compose(): void {
    const updates = this.vk.updates;
    const groupId = this.app.config.VK_GROUP_ID;
    const scenes = new SceneManager();
    scenes.addScenes(this.dialogs.map((dialog) => stepSceneOf(dialog, this.app.config.VK_GROUP_ID)));
    const actions = new ActionRegistry(FEATURES.flatMap((feature) => feature.actions ?? []));
    const personal = (middleware: Middleware): Middleware => async (context, next) => (isPersonal(context) ? middleware(context, next) : next());
    const router = new Router(this.app, actions, (copy) => this.gate.accept(privateMessageUpdate(this.app.config.VK_GROUP_ID, copy)));

    updates.use(errorBoundary(this.app, this.options.redis));
    // The turn and the session (read with the caller, saved when changed).
    updates.use(personal(buildTurn(this.app)));
    // Chat service messages (someone joined or left) are message_new with an action: vk-io gives them
    // the action as their type, so they pass the personal middleware above (no turn, no session) and
    // reach only this handler, with the app keyed by the update.
    const chatMembers = FEATURES.flatMap((feature) => feature.chatMembers ?? []);
    updates.on([...CHAT_MEMBER_ACTIONS], async (context: MessageContext) => {
      const event = chatMemberChange(context);
      if (!event) return;
      const scope = scopeOf(context);
      const app = scope ? appForUpdate(this.app, scope) : this.app;
      for (const handle of chatMembers) {
        // Not left to the error boundary: it would answer in the chat, where nobody asked anything.
        await handle(app, event).catch((error: unknown) => {
          app.logger.error({ type: context.eventType, peerId: event.chat, err: error instanceof Error ? error.name : 'unknown', code: (error as { code?: unknown }).code }, 'chat member handler failed');
        });
      }
    });
    // The main menu comes back in the private dialog after a dialog ends, in this one place for all dialogs (issue 10).
    const menuBack = personal(async (context, next) => {
      const message = incomingMessage(context as VkMessageContext, groupId);
      if (!message.isPrivate) return next();
      const menu = withMainMenu(turnOf(context), {
        chat: message.chat,
        dialog() {
          return message.dialogs.current;
        },
        pressed: pressOf(message.payload),
      });
      setTurn(context, menu.turn);
      await next();
      return menu.settle();
    });
    const extras = (this.options.extraMiddleware ?? []).map(personal);
    const sceneSteps = { enter: scenes.middleware as unknown as Middleware, intercept: scenes.middlewareIntercept as unknown as Middleware };
    // Each type's steps in one chain (vk-io composes them): a message is matched against its type once, not at every step.
    const messageSteps: Middleware[] = [
      sceneSteps.enter,
      menuBack,
      (context, next) => router.commandsInDialog(incomingMessage(context as VkMessageContext, groupId), turnOf(context), next),
      sceneSteps.intercept,
      ...extras,
      (context) => router.route(incomingMessage(context as VkMessageContext, groupId), turnOf(context)),
    ];
    const pressSteps: Middleware[] = [sceneSteps.enter, ...extras, (context) => router.routeAction(buttonPress(context as VkPressContext), turnOf(context))];
    updates.on('message_new', messageSteps);
    updates.on('message_event', pressSteps);
  }
}
