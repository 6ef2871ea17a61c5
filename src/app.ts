import type { CommandRegistry } from './features/shared/command-registry.js';
import type { CallerLoader } from './runtime/caller.js';
import type { Config } from './config.js';
import type { I18n } from './i18n.js';
import type { Logger } from './logger.js';
import type { Messenger } from './messenger/messenger.js';
import type { Services } from './domain/index.js';
import type { SchoolService } from './domain/school.js';
import type { Scheduler } from './runtime/scheduler.js';
import type { Deliveries } from './runtime/delivery.js';

export type { JobData, ScheduledJob, Scheduler } from './runtime/scheduler.js';
export { JOB_ATTEMPTS } from './runtime/scheduler.js';
export type { DeliveryAuthor, DeliveryPart, DeliveryRecipient, DeliveryResult, DeliveryTexts } from './runtime/delivery.js';
export { DELIVERY_JOB } from './runtime/delivery.js';
export { clockText } from './runtime/quiet-hours.js';
import type { RedisSessionStorage } from './runtime/session-storage.js';
import { nextOperationKey, nextSendKey, type UpdateScope } from './runtime/update-scope.js';

/** The long-lived parts every command and dialog may use. Built once in bot.ts. */
export interface App {
  readonly config: Config;
  readonly logger: Logger;
  readonly i18n: I18n;
  /** The messenger the school is on (VK today), through the port: features never see VK itself. */
  readonly messenger: Messenger;
  readonly school: SchoolService;
  /** The school's people and structure (classes, invites, requests, members, movement, audit). */
  readonly services: Services;
  readonly commands: CommandRegistry;
  /** Dialog state per person and peer, in Redis (read with the caller, saved when changed: see buildTurn). */
  readonly sessions: RedisSessionStorage;
  /** Who sent an update, with their language and session, in one Redis call. */
  readonly callers: CallerLoader;
  /** Jobs run at a time (reminders), kept in Redis: they survive a restart and run once across processes. */
  readonly scheduler: Scheduler;
  /** Sends to many (a post's copies, invitations, links): resumable, exactly once, held in the quiet hours (src/runtime/delivery.ts). */
  readonly deliveries: Deliveries;
}

/** What an update's app makes on first use, shared by every view of it (see withMainMenu). */
interface MadeOnUse {
  services?: Services;
  deliveries?: Deliveries;
}

/** The app of one update (see appForUpdate): the long-lived parts as they are, the messenger keyed by the update, the rest keyed on first use. */
class UpdateApp implements App {
  readonly config: Config;
  readonly logger: Logger;
  readonly i18n: I18n;
  readonly messenger: Messenger;
  readonly school: SchoolService;
  readonly commands: CommandRegistry;
  readonly sessions: RedisSessionStorage;
  readonly callers: CallerLoader;
  readonly scheduler: Scheduler;
  private readonly made: MadeOnUse = {};

  constructor(
    private readonly base: App,
    private readonly scope: UpdateScope,
  ) {
    this.config = base.config;
    this.logger = base.logger;
    this.i18n = base.i18n;
    this.messenger = base.messenger.keyedBy(() => nextSendKey(scope));
    this.school = base.school;
    this.commands = base.commands;
    this.sessions = base.sessions;
    this.callers = base.callers;
    this.scheduler = base.scheduler;
  }

  // Made when first used: most updates (a /help, a page of a list) change nothing and send to nobody but the person.
  get services(): Services {
    return (this.made.services ??= this.base.services.keyedBy(() => nextOperationKey(this.scope)));
  }

  get deliveries(): Deliveries {
    return (this.made.deliveries ??= this.base.deliveries.keyedBy(() => nextSendKey(this.scope)));
  }
}

/**
 * The app as one update's (or one scheduled job's) handlers see it: its messenger numbers the update's sends and its
 * services key the update's changes, so that a run repeated after a crash sends and changes nothing twice.
 */
export function appForUpdate(app: App, scope: UpdateScope): App {
  return new UpdateApp(app, scope);
}
