/** Parta as `npm start` runs it (configuration from the environment), counting the Redis commands it sends. */
import { Redis } from 'ioredis';
import { Bot } from '../../src/bot.js';
import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/logger.js';
import { serveReports } from './report.js';

const config = loadConfig();
const redis = new Redis(config.REDIS_URL);
let commands = 0;
// A benchmark's instrument: every command ioredis sends, pipelined or not, passes through sendCommand.
const send = redis.sendCommand.bind(redis);
redis.sendCommand = ((...args: Parameters<typeof send>) => {
  commands++;
  return send(...args);
}) as typeof redis.sendCommand;
const reports = serveReports(() => commands);
const bot = new Bot({ config, redis, logger: createLogger('silent') });
await bot.start();
reports.ready();
