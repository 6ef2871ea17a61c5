import { Bot } from './src/bot.js';
import { ConfigError, loadConfig } from './src/config.js';
import { createLogger } from './src/logger.js';
import { connectRedis } from './src/runtime/redis-connection.js';
import { DIALOGS } from './scenes/index.js';

/** Entry point of `npm start`: reads the configuration, connects Redis, starts the bot, stops it cleanly on SIGTERM/SIGINT. */
async function main(): Promise<void> {
  try {
    process.loadEnvFile();
  } catch {
    // no .env file: the environment alone is used
  }
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(`Parta cannot start: ${error.message}. Set it in the environment or in .env (see .env.example).`);
      process.exit(1);
    }
    throw error;
  }
  const logger = createLogger(config.LOG_LEVEL);
  const redis = connectRedis({ url: config.REDIS_URL, clusterNodes: config.REDIS_CLUSTER_NODES }, logger);
  const bot = new Bot({ config, redis, logger, dialogs: DIALOGS });

  let stopping = false;
  const shutdown = async (signal: string): Promise<void> => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'stopping: no new updates, finishing those in flight');
    const finished = await bot.stop();
    if (!finished) logger.warn('some updates did not finish before the deadline; they stay in the inbox and run on the next start');
    await redis.quit().catch(() => redis.disconnect());
    logger.info('stopped');
    process.exit(0);
  };
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  process.once('SIGINT', () => void shutdown('SIGINT'));
  // Nothing a single update does may take the bot down: log (names only) and keep serving.
  process.on('unhandledRejection', (reason) => logger.error({ err: reason instanceof Error ? reason.name : 'unknown' }, 'unhandled rejection'));
  process.on('uncaughtException', (error) => logger.error({ err: error.name }, 'uncaught exception'));

  await bot.start();
}

main().catch((error: unknown) => {
  console.error(`Parta stopped with an error: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
