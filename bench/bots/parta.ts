/** Parta as `npm start` runs it (configuration from the environment, the same Redis connection), counting the Redis commands it sends. */
import { Bot } from '../../src/bot.js';
import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/logger.js';
import { connectRedis } from '../../src/runtime/redis-connection.js';
import { serveReports } from './report.js';
import { DIALOGS } from '../../scenes/index.js';

const config = loadConfig();
const logger = createLogger('silent');
const redis = connectRedis(config.REDIS_URL, logger);
let commands = 0;
// A benchmark's instrument: every command ioredis sends, pipelined or not, passes through sendCommand.
const send = redis.sendCommand.bind(redis);
redis.sendCommand = ((...args: Parameters<typeof send>) => {
  commands++;
  return send(...args);
}) as typeof redis.sendCommand;
const reports = serveReports('parta', () => commands);
const bot = new Bot({ config, redis, logger, dialogs: DIALOGS });
await bot.start();
reports.ready();
