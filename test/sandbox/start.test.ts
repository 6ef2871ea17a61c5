import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { freePort } from '../../sandbox/redis.js';

const ROOT = new URL('../..', import.meta.url).pathname;

/** `npm start` as a child process (node with tsx, start.ts), with only the given environment and arguments. */
function npmStart(env: Record<string, string>, args: string[] = []): { child: ChildProcess; output: () => string; exited: Promise<number | null> } {
  const child = spawn(process.execPath, ['--import', 'tsx', 'start.ts', ...args], { cwd: ROOT, env: { PATH: process.env.PATH ?? '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, output: () => output, exited };
}

/** Resolves with the process's output once it printed `pattern`; rejects if it exits first or takes 30 s. */
function printed(run: ReturnType<typeof npmStart>, pattern: RegExp): Promise<string> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`not printed in 30 s: ${pattern}\n${run.output()}`)), 30_000);
    const check = (): void => {
      if (!pattern.test(run.output())) return;
      clearTimeout(timer);
      resolve(run.output());
    };
    run.child.stdout?.on('data', check);
    run.child.stderr?.on('data', check);
    void run.exited.then(() => {
      clearTimeout(timer);
      if (pattern.test(run.output())) resolve(run.output());
      else reject(new Error(`exited before printing ${pattern}:\n${run.output()}`));
    });
  });
}

describe('npm start without a token (issue 9)', () => {
  let dataDir: string;
  const running: ReturnType<typeof npmStart>[] = [];
  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'parta-start-test-'));
  });
  afterEach(async () => {
    for (const run of running.splice(0)) {
      if (run.child.exitCode === null) {
        run.child.kill('SIGTERM');
        await run.exited;
      }
    }
    rmSync(dataDir, { recursive: true, force: true });
  });

  // Needs redis-server installed (.ci/run installs it): the sandbox starts its own when REDIS_URL is unset.
  it('starts the sandbox in one line with a redis-server of its own under the data folder; a restart finds the same school; SIGTERM stops Redis too', async () => {
    const port = await freePort();
    const env = { SANDBOX_PORT: String(port), SANDBOX_DATA: dataDir };
    const first = npmStart(env);
    running.push(first);
    const line = await printed(first, /Parta sandbox: open http:\/\/127\.0\.0\.1:\d+/u);
    expect(line).toContain(`open http://127.0.0.1:${port} — the bot with a VK emulator and an empty school; nothing reaches VK`);
    const page = await (await fetch(`http://127.0.0.1:${port}/`)).text();
    expect(page).toContain('<title>Parta — песочница</title>');
    const added = (await (await fetch(`http://127.0.0.1:${port}/api/people`, { method: 'POST', body: JSON.stringify({ firstName: 'Пётр', lastName: 'Новый' }) })).json()) as { id: number };
    expect(added.id).toBe(200);
    await fetch(`http://127.0.0.1:${port}/api/say`, { method: 'POST', body: JSON.stringify({ as: 100, peer: 100, text: '/classes' }) });
    // The sandbox's own Redis: a child process on a port of its own, its data in the data folder.
    const info = JSON.parse(readFileSync(join(dataDir, 'redis.json'), 'utf8')) as { pid: number; port: number };
    const redis = new Redis(`redis://127.0.0.1:${info.port}`, { lazyConnect: true, maxRetriesPerRequest: 1 });
    await redis.connect();
    await redis.set('parta-sandbox:probe', 'kept');
    await redis.quit();
    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);
    expect(existsSync(join(dataDir, 'redis.json'))).toBe(false);
    expect(() => process.kill(info.pid, 0)).toThrow(); // the redis-server is gone
    expect(existsSync(join(dataDir, 'emulator.json'))).toBe(true);

    // Started again: the person added is there, and so is what was kept in Redis.
    const second = npmStart(env);
    running.push(second);
    await printed(second, /Parta sandbox: open/u);
    const world = (await (await fetch(`http://127.0.0.1:${port}/api/world?as=100`)).json()) as { people: { id: number; name: string }[] };
    expect(world.people.map((p) => p.name)).toContain('Пётр Новый');
    const info2 = JSON.parse(readFileSync(join(dataDir, 'redis.json'), 'utf8')) as { port: number };
    const again = new Redis(`redis://127.0.0.1:${info2.port}`, { lazyConnect: true, maxRetriesPerRequest: 1 });
    await again.connect();
    expect(await again.get('parta-sandbox:probe')).toBe('kept');
    await again.quit();
    second.child.kill('SIGTERM');
    expect(await second.exited).toBe(0);

    // --reset starts from empty: the person added and the Redis data are gone.
    const third = npmStart(env, ['--reset']);
    running.push(third);
    await printed(third, /Parta sandbox: open/u);
    const empty = (await (await fetch(`http://127.0.0.1:${port}/api/world?as=100`)).json()) as { people: { name: string }[] };
    expect(empty.people.map((p) => p.name)).not.toContain('Пётр Новый');
  }, 90_000);

  it('says how to install Redis when none answers and redis-server is not installed', async () => {
    const run = npmStart({ PATH: '/nonexistent', SANDBOX_PORT: '0', SANDBOX_DATA: dataDir, REDIS_URL: 'redis://127.0.0.1:1' });
    running.push(run);
    expect(await run.exited).toBe(1);
    expect(run.output()).toContain('Parta sandbox cannot start: No Redis answers and redis-server is not installed. Install Redis and run npm start again: sudo apt-get install redis-server');
    expect(run.output()).toContain('brew install redis');
    expect(run.output()).toContain('docker run -d -p 6379:6379 redis:7');
  }, 30_000);

  it('with a VK setting but no token it runs the bot against VK and names what is missing; a bad flag is named too', async () => {
    const vk = npmStart({ VK_GROUP_ID: '123' });
    running.push(vk);
    expect(await vk.exited).toBe(1);
    expect(vk.output()).toContain('Parta cannot start: VK_TOKEN: is missing; expected the community access token');
    const flag = npmStart({ SANDBOX_DATA: dataDir }, ['--demoo']);
    running.push(flag);
    expect(await flag.exited).toBe(1);
    expect(flag.output()).toContain('Parta sandbox cannot start:');
    expect(flag.output()).toContain('the sandbox takes --demo (a sample school) and --reset (start from empty)');
  }, 30_000);
});
