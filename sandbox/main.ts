import { startSandbox } from './launcher.js';
import { RedisUnavailableError } from './redis.js';
import { sandboxArgs, SandboxUsageError } from './args.js';

/** `npm start` with no VK_TOKEN: the sandbox, announced in one line, stopped cleanly on Ctrl+C or SIGTERM. */
async function main(): Promise<void> {
  const args = sandboxArgs(process.argv.slice(2), process.env);
  const sandbox = await startSandbox({
    port: args.port,
    host: process.env.SANDBOX_HOST,
    redisUrl: process.env.REDIS_URL,
    prefix: process.env.REDIS_PREFIX,
    dataDir: process.env.SANDBOX_DATA ?? '.parta',
    demo: args.demo,
    reset: args.reset,
    env: process.env,
  });
  const school = sandbox.demo ? 'a sample school' : 'an empty school';
  console.log(`Parta sandbox: open ${sandbox.url} — the bot with a VK emulator and ${school}; nothing reaches VK (no VK_TOKEN set). Ctrl+C stops it.`);
  let stopping = false;
  const stop = async (): Promise<void> => {
    if (stopping) return;
    stopping = true;
    await sandbox.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
}

main().catch((error: unknown) => {
  if (error instanceof RedisUnavailableError || error instanceof SandboxUsageError) console.error(`Parta sandbox cannot start: ${error.message}`);
  else if ((error as { code?: string }).code === 'EADDRINUSE') console.error('Parta sandbox cannot start: its port is in use; set SANDBOX_PORT to another one, e.g. SANDBOX_PORT=8090 npm start');
  else console.error(`Parta sandbox stopped with an error: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
