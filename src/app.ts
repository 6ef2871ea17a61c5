import type { CommandRegistry } from './commands/registry.js';
import type { CallerLoader } from './caller.js';
import type { Config } from './config.js';
import type { I18n } from './i18n.js';
import type { Logger } from './logger.js';
import type { Outbox } from './outbox.js';
import type { Services } from './services/index.js';
import type { SchoolService } from './services/school.js';
import type { RedisSessionStorage } from './session-storage.js';
import type { VkGateway } from './vk-api.js';

/** The long-lived parts every command and dialog may use. Built once in bot.ts. */
export interface App {
  readonly config: Config;
  readonly logger: Logger;
  readonly i18n: I18n;
  readonly gateway: VkGateway;
  readonly outbox: Outbox;
  readonly school: SchoolService;
  /** The school's people and structure (classes, invites, requests, members, movement, audit). */
  readonly services: Services;
  readonly commands: CommandRegistry;
  /** Dialog state per person and peer (@vk-io/session's storage). */
  readonly sessions: RedisSessionStorage;
  /** Who sent an update, with their language and session, in one Redis call. */
  readonly callers: CallerLoader;
}
