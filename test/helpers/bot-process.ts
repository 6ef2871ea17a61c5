import { spawn, type ChildProcess } from 'node:child_process';
import { ADMIN_ID } from './harness.js';
import { TEST_CLUSTER_ENV, TEST_REDIS_URL } from './redis.js';

/** A bot started as `npm start` starts it, in a child process of the test. */
export interface BotProcess {
  child: ChildProcess;
  /** Everything the process printed so far (stdout and stderr). */
  output: () => string;
  exited: Promise<number | null>;
}

/** Runs the bot as `npm start` does (node with tsx), with only the given environment. */
export function startBotProcess(env: Record<string, string>): BotProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', 'main.ts'], {
    cwd: new URL('../..', import.meta.url).pathname,
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, output: () => output, exited };
}

/** The environment of a bot process talking to a test's emulator and Redis (or the tests' cluster), with the harness's admin. */
export function botProcessEnv(emulator: { token: string; groupId: number; apiUrl: string }, prefix: string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    VK_TOKEN: emulator.token,
    VK_GROUP_ID: String(emulator.groupId),
    VK_API_URL: emulator.apiUrl,
    REDIS_URL: TEST_REDIS_URL,
    // On the tests' Redis Cluster when test/cluster/ set one: the process connects as `npm start` does with REDIS_CLUSTER_NODES.
    ...(process.env[TEST_CLUSTER_ENV] ? { REDIS_CLUSTER_NODES: process.env[TEST_CLUSTER_ENV] } : {}),
    REDIS_PREFIX: prefix,
    ADMIN_VK_IDS: String(ADMIN_ID),
    QUIET_HOURS: 'off',
    ...extra,
  };
}
