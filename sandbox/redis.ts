import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, Socket } from 'node:net';
import { join } from 'node:path';

/** Raised when no Redis answers and none can be started; the message says how to install one. */
export class RedisUnavailableError extends Error {
  override readonly name = 'RedisUnavailableError';
  constructor(reason: string) {
    super(
      `${reason}. Install Redis and run npm start again: sudo apt-get install redis-server (Debian, Ubuntu) · brew install redis (macOS) · ` +
        'docker run -d -p 6379:6379 redis:7 then REDIS_URL=redis://127.0.0.1:6379 npm start (a container)',
    );
  }
}

/** The Redis the sandbox runs on: its URL, whether the sandbox started it, and how to stop it (a no-op for one it did not start). */
export interface SandboxRedis {
  url: string;
  /** True when the sandbox runs its own redis-server (data under the data folder). */
  own: boolean;
  stop(): Promise<void>;
}

/** Whether a Redis answers PING at `url` within `timeoutMs` (redis:// only; a password in the URL is sent with AUTH). */
export function redisAnswers(url: string, timeoutMs = 1000): Promise<boolean> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return Promise.resolve(false);
  }
  if (parsed.protocol !== 'redis:') return Promise.resolve(parsed.protocol === 'rediss:');
  return new Promise((resolve) => {
    const socket = new Socket();
    let reply = '';
    const done = (ok: boolean): void => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('error', () => done(false));
    socket.on('data', (chunk) => {
      reply += chunk.toString();
      if (reply.includes('+PONG')) done(true);
      else if (reply.includes('-')) done(false);
    });
    socket.connect(Number(parsed.port || 6379), parsed.hostname || '127.0.0.1', () => {
      const password = decodeURIComponent(parsed.password);
      if (password) socket.write(`AUTH ${parsed.username ? `${decodeURIComponent(parsed.username)} ` : ''}${password}\r\n`);
      socket.write('PING\r\n');
    });
  });
}

/** A TCP port free on 127.0.0.1 just now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** Where the sandbox's own redis-server keeps its data and its pid and port. */
interface OwnRedisFiles {
  dir: string;
  info: string;
}

const filesOf = (dataDir: string): OwnRedisFiles => ({ dir: join(dataDir, 'redis'), info: join(dataDir, 'redis.json') });

/** The sandbox's own redis-server left running by a sandbox that did not stop cleanly, if it still answers. */
async function leftRunning(files: OwnRedisFiles): Promise<{ pid: number; port: number } | undefined> {
  if (!existsSync(files.info)) return undefined;
  try {
    const info = JSON.parse(readFileSync(files.info, 'utf8')) as { pid: number; port: number };
    if (await redisAnswers(`redis://127.0.0.1:${info.port}`)) return info;
  } catch {
    // unreadable: start a fresh one
  }
  rmSync(files.info, { force: true });
  return undefined;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Stops a redis-server by pid (SIGTERM: it writes its append-only file and exits), waiting up to 5 s. */
async function stopPid(pid: number, child?: ChildProcess): Promise<void> {
  try {
    process.kill(pid, 'SIGTERM');
  } catch {
    return; // already gone
  }
  if (child) {
    if (child.exitCode !== null) return;
    await Promise.race([new Promise((resolve) => child.once('exit', resolve)), sleep(5000)]);
    return;
  }
  for (let i = 0; i < 50; i += 1) {
    try {
      process.kill(pid, 0);
    } catch {
      return;
    }
    await sleep(100);
  }
}

/**
 * The Redis of the sandbox: `REDIS_URL` if it is set and answers; otherwise a redis-server of its own, a child process
 * on a free port with its data under `<dataDir>/redis/` (append-only, so the sandboxed school is still there after a
 * restart), stopped by `stop()`. Throws RedisUnavailableError, saying how to install Redis, when neither works.
 */
export async function sandboxRedis(options: { url?: string; dataDir: string; redisServer?: string }): Promise<SandboxRedis> {
  if (options.url) {
    if (await redisAnswers(options.url)) return { url: options.url, own: false, stop: async () => undefined };
    console.error(`REDIS_URL (${redactedUrl(options.url)}) does not answer; the sandbox starts a Redis of its own.`);
  }
  const files = filesOf(options.dataDir);
  const running = await leftRunning(files);
  if (running) return { url: `redis://127.0.0.1:${running.port}`, own: true, stop: () => stopPid(running.pid).then(() => rmSync(files.info, { force: true })) };
  const binary = options.redisServer ?? 'redis-server';
  if (spawnSync(binary, ['--version'], { stdio: 'ignore' }).error) throw new RedisUnavailableError('No Redis answers and redis-server is not installed');
  mkdirSync(files.dir, { recursive: true });
  const port = await freePort();
  const child = spawn(binary, ['--port', String(port), '--bind', '127.0.0.1', '--dir', files.dir, '--appendonly', 'yes', '--save', '', '--protected-mode', 'yes'], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const url = `redis://127.0.0.1:${port}`;
  for (let i = 0; i < 100; i += 1) {
    if (child.exitCode !== null) throw new RedisUnavailableError(`redis-server stopped at once (${stderr.trim().split('\n').at(-1) ?? `exit ${child.exitCode}`})`);
    if (await redisAnswers(url, 200)) break;
    await sleep(50);
  }
  if (!(await redisAnswers(url))) {
    child.kill('SIGKILL');
    throw new RedisUnavailableError('redis-server did not answer within 5 s');
  }
  writeFileSync(files.info, JSON.stringify({ pid: child.pid, port }));
  return {
    url,
    own: true,
    stop: async () => {
      await stopPid(child.pid!, child);
      rmSync(files.info, { force: true });
    },
  };
}

/** A Redis URL without its password, for messages. */
function redactedUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'not a URL';
  }
}
