import { z } from 'zod';
import type { QuietHours } from './runtime/quiet-hours.js';
import { parseGrades } from './domain/class-names.js';
import type { RedisNode } from './runtime/redis-connection.js';
import type { PersonId } from './domain/person.js';
import { vkPerson } from './vk/person-refs.js';

/** Thrown when the environment does not describe a runnable bot; the message names the variable and what it expects. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  constructor(
    readonly variable: string,
    readonly expected: string,
  ) {
    super(`${variable}: ${expected}`);
  }
}

const positiveInt = z.coerce.number().int().positive();

/** `1234,5678`: VK user ids, read as the people of the records (the VK adapter's vkPerson): the rest of the bot knows no VK id. */
const vkPeople = z.string().default('').transform((raw, ctx): PersonId[] => {
  const ids = raw.split(',').map((s) => s.trim()).filter(Boolean).map(Number);
  if (ids.some((id) => !Number.isSafeInteger(id) || id <= 0)) {
    ctx.addIssue({ code: 'custom', message: 'bad id' });
    return z.NEVER;
  }
  return ids.map(vkPerson);
});

/** `24h,15m`: how long before an event each reminder goes, in s, m, h or d; empty for none. Longest first. */
const reminderOffsets = (fallback: string) => z.string().default(fallback).transform((raw, ctx) => {
  const units: Record<string, number> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };
  const parts = raw.split(',').map((s) => s.trim()).filter(Boolean);
  const ms: number[] = [];
  for (const part of parts) {
    const match = /^(\d{1,6})\s*([smhd])$/u.exec(part);
    if (!match || Number(match[1]) <= 0) {
      ctx.addIssue({ code: 'custom', message: 'bad duration' });
      return z.NEVER;
    }
    ms.push(Number(match[1]) * units[match[2]!]!);
  }
  return [...new Set(ms)].sort((a, b) => b - a);
});

/** One duration in s, m, h or d (`24h`), as milliseconds. */
const duration = (fallback: string) => reminderOffsets(fallback).refine((ms) => ms.length === 1, { message: 'one duration' }).transform((ms) => ms[0]!);

/** `21-8` or `21:00-08:30` (the school's time), `off` for none. */
const quietHours = z.string().default('21-8').transform((raw, ctx): QuietHours | null => {
  const value = raw.trim().toLowerCase();
  if (value === 'off' || value === 'no' || value === '0') return null;
  const match = /^(\d{1,2})(?::(\d{2}))?\s*-\s*(\d{1,2})(?::(\d{2}))?$/u.exec(value);
  const minutes = (h?: string, m?: string): number => Number(h) * 60 + Number(m ?? 0);
  const from = match ? minutes(match[1], match[2]) : NaN;
  const to = match ? minutes(match[3], match[4]) : NaN;
  const valid = (n: number, m?: string) => Number.isFinite(n) && n < 24 * 60 && Number(m ?? 0) < 60;
  if (!match || !valid(from, match[2]) || !valid(to, match[4]) || from === to) {
    ctx.addIssue({ code: 'custom', message: 'bad quiet hours' });
    return z.NEVER;
  }
  return { from, to };
});

const timeZone = z.string().refine((zone) => {
  try {
    new Intl.DateTimeFormat('ru', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
});

/** What each variable expects, in the words the start-up error uses. `.env.example` documents the same list. */
export const EXPECTED: Record<string, string> = {
  VK_TOKEN: 'the community access token (VK: Управление → Работа с API → Ключи доступа)',
  VK_GROUP_ID: 'the numeric id of the community, e.g. 123456',
  VK_API_URL: 'an http(s) URL of the VK API, e.g. https://api.vk.ru/method',
  VK_API_VERSION: 'a VK API version such as 5.199',
  VK_API_LIMIT: 'requests per second, 1 to 20 (VK allows 20 for community tokens)',
  REDIS_URL: 'a redis:// or rediss:// URL, e.g. redis://127.0.0.1:6379',
  REDIS_CLUSTER_NODES: 'comma-separated host:port of Redis Cluster nodes, e.g. 10.0.0.1:6379,10.0.0.2:6379 (empty for a single Redis)',
  REDIS_PREFIX: 'a key prefix of letters, digits and : . _ -, e.g. parta:',
  SCHOOL_ID: 'a short latin id of 1 to 32 characters a-z 0-9 _ -, e.g. school11',
  ADMIN_VK_IDS: 'a comma-separated list of positive VK user ids, e.g. 1234,5678',
  LOCALE: 'ru or en',
  SCHOOL_TZ: 'an IANA time zone such as Europe/Moscow',
  VK_TRANSPORT: 'longpoll or webhook',
  WEBHOOK_PORT: 'a TCP port, 0 to 65535',
  WEBHOOK_PATH: 'a path starting with /, e.g. /vk',
  VK_CALLBACK_SECRET: 'the secret key set in VK: Управление → Callback API',
  VK_CONFIRMATION_CODE: 'the confirmation string from VK: Управление → Callback API (required when VK_TRANSPORT=webhook)',
  SESSION_TTL_SECONDS: 'seconds a dialog is kept idle, a positive whole number',
  QUIET_HOURS: 'the quiet hours in the school time zone, e.g. 21-8 or 21:30-07:45, or off',
  MEETING_REMINDERS: 'how long before a meeting reminders go, comma-separated, in s, m, h or d, e.g. 24h,15m',
  BROADCAST_REMINDERS: 'how long before a broadcast or a webinar reminders go, comma-separated, in s, m, h or d, e.g. 24h,15m',
  LESSON_REMINDERS: 'how long before an online lesson its reminders go in the subject chat, comma-separated, in s, m, h or d, e.g. 15m',
  REQUEST_ESCALATE_AFTER: 'how long a join request waits for its class teacher before the admins get it too, in s, m, h or d, e.g. 24h',
  SHUTDOWN_TIMEOUT_MS: 'milliseconds to finish updates in flight on shutdown, a positive whole number',
  CONSENT_PARENT_GRADES: 'grades whose students need a parent\'s consent, e.g. 1-8 or 1-4,9 (grades 1 to 11), or none',
  LOG_LEVEL: 'one of fatal, error, warn, info, debug, trace, silent',
};

/** `host:port,host:port`: the seed nodes of a Redis Cluster; empty (the default) for a single Redis at REDIS_URL. */
const clusterNodes = z.string().default('').transform((raw, ctx): RedisNode[] => {
  const parts = raw.split(',').map((s) => s.trim()).filter(Boolean);
  const nodes: RedisNode[] = [];
  for (const part of parts) {
    const match = /^(\[[0-9a-f:.]+\]|[\w.-]+):(\d{1,5})$/iu.exec(part);
    const port = Number(match?.[2]);
    if (!match || port <= 0 || port > 65535) {
      ctx.addIssue({ code: 'custom', message: 'bad node' });
      return z.NEVER;
    }
    nodes.push({ host: match[1]!.replace(/^\[|\]$/gu, ''), port });
  }
  return nodes;
});

/** `1-8`: the grades whose students' consent a parent gives (152-ФЗ); `none` for nobody. */
const consentGrades = z.string().default('1-8').transform((raw, ctx): ReadonlySet<number> => {
  if (raw.trim() === 'none') return new Set<number>();
  try {
    return parseGrades(raw);
  } catch {
    ctx.addIssue({ code: 'custom', message: 'bad grades' });
    return z.NEVER;
  }
});

const schema = z
  .object({
    VK_TOKEN: z.string().min(1),
    VK_GROUP_ID: positiveInt,
    VK_API_URL: z.url({ protocol: /^https?$/ }).default('https://api.vk.ru/method'),
    VK_API_VERSION: z.string().regex(/^\d+\.\d+$/).default('5.199'),
    VK_API_LIMIT: positiveInt.max(20).default(20),
    REDIS_URL: z.string().regex(/^rediss?:\/\//).default('redis://127.0.0.1:6379'),
    REDIS_CLUSTER_NODES: clusterNodes,
    REDIS_PREFIX: z.string().regex(/^[\w:.-]*$/).default('parta:'),
    SCHOOL_ID: z.string().regex(/^[a-z0-9_-]{1,32}$/).default('main'),
    /** The bootstrap admins, as PersonIds (the variable names them by their VK user ids). */
    ADMIN_VK_IDS: vkPeople,
    LOCALE: z.enum(['ru', 'en']).default('ru'),
    SCHOOL_TZ: timeZone.default('Europe/Moscow'),
    VK_TRANSPORT: z.enum(['longpoll', 'webhook']).default('longpoll'),
    WEBHOOK_PORT: z.coerce.number().int().min(0).max(65535).default(8080),
    WEBHOOK_PATH: z.string().startsWith('/').default('/vk'),
    VK_CALLBACK_SECRET: z.string().optional(),
    VK_CONFIRMATION_CODE: z.string().optional(),
    SESSION_TTL_SECONDS: positiveInt.default(30 * 24 * 3600),
    SHUTDOWN_TIMEOUT_MS: positiveInt.default(10_000),
    MEETING_REMINDERS: reminderOffsets('24h,15m'),
    BROADCAST_REMINDERS: reminderOffsets('24h,15m'),
    LESSON_REMINDERS: reminderOffsets('15m'),
    QUIET_HOURS: quietHours,
    REQUEST_ESCALATE_AFTER: duration('24h'),
    CONSENT_PARENT_GRADES: consentGrades,
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  })
  .superRefine((env, ctx) => {
    if (env.VK_TRANSPORT === 'webhook' && !env.VK_CONFIRMATION_CODE) {
      ctx.addIssue({ code: 'custom', path: ['VK_CONFIRMATION_CODE'], message: 'missing' });
    }
  });

export type Config = z.infer<typeof schema>;

/** Reads and validates the configuration; throws ConfigError naming the first bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== ''));
  const result = schema.safeParse(cleaned);
  if (result.success) return result.data;
  const variable = String(result.error.issues[0]?.path[0] ?? 'VK_TOKEN');
  const state = cleaned[variable] === undefined ? 'is missing' : 'is invalid';
  throw new ConfigError(variable, `${state}; expected ${EXPECTED[variable] ?? 'a valid value'}`);
}
