/**
 * A real Redis Cluster for the tests: three `redis-server` masters on free ports (no persistence),
 * joined with `redis-cli --cluster create`, ready once every node says `cluster_state:ok`.
 */
import { spawn, execFile, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Cluster } from 'ioredis';
import { afterAll } from 'vitest';
import type { RedisNode } from '../../src/runtime/redis-connection.js';
import { TEST_CLUSTER_ENV } from './redis.js';

const run = promisify(execFile);

/** Thrown when the cluster does not come up; says which step failed and what the node printed. */
export class TestClusterError extends Error {
  override readonly name = 'TestClusterError';
  constructor(step: string, detail: string) {
    super(`the test Redis Cluster did not start (${step}): ${detail}. Needs redis-server and redis-cli (Debian: apt-get install redis-server redis-tools)`);
  }
}

export interface TestCluster {
  /** The masters, as REDIS_CLUSTER_NODES names them. */
  nodes: RedisNode[];
  /** REDIS_CLUSTER_NODES for these nodes: `127.0.0.1:p1,127.0.0.1:p2,…`. */
  env: string;
  /** A new cluster client on these nodes (closed by {@link stop} if still open). */
  client(options?: { enableAutoPipelining?: boolean }): Promise<Cluster>;
  /** Closes the clients, stops the servers and removes their files. */
  stop(): Promise<void>;
}

/** A free TCP port whose cluster bus port (port + 10000) is free too. */
async function freePort(taken: Set<number>): Promise<number> {
  const listenable = (port: number) =>
    new Promise<boolean>((resolve) => {
      const server = createServer();
      server.once('error', () => resolve(false));
      server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
    });
  for (let attempt = 0; attempt < 200; attempt += 1) {
    const port = 20_000 + Math.floor(Math.random() * 30_000);
    if (taken.has(port) || taken.has(port + 10_000)) continue;
    if ((await listenable(port)) && (await listenable(port + 10_000))) return port;
  }
  throw new TestClusterError('ports', 'no free port pair found');
}

/** Resolves once a server has written `line` to its log (what it says when it is ready), or throws after `ms`. */
function logged(server: ChildProcess, log: () => string, line: string, what: string, ms = 15_000): Promise<void> {
  return new Promise((resolve, reject) => {
    const done = (error?: Error) => {
      clearTimeout(timer);
      server.stdout?.off('data', check);
      server.off('exit', exited);
      if (error) reject(error);
      else resolve();
    };
    const check = () => {
      if (log().includes(line)) done();
    };
    const exited = () => done(new TestClusterError(what, `the server exited: ${log().slice(-300)}`));
    const timer = setTimeout(() => done(new TestClusterError(what, `no «${line}» within ${ms} ms: ${log().slice(-300)}`)), ms);
    server.stdout?.on('data', check);
    server.once('exit', exited);
    check();
  });
}

/**
 * Starts a three-master cluster; call `stop()` in afterAll. A port taken by another process between
 * the check and the server's start fails one attempt: the next one takes other ports (three in all).
 */
export async function startTestCluster(): Promise<TestCluster> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await startOnce();
    } catch (error) {
      if (attempt >= 3 || !(error instanceof TestClusterError)) throw error;
    }
  }
}

async function startOnce(): Promise<TestCluster> {
  const dir = await mkdtemp(join(tmpdir(), 'parta-cluster-'));
  const taken = new Set<number>();
  const ports: number[] = [];
  for (let i = 0; i < 3; i += 1) {
    const port = await freePort(taken);
    taken.add(port).add(port + 10_000);
    ports.push(port);
  }
  const servers: ChildProcess[] = [];
  const logs = new Map<ChildProcess, string[]>();
  const logOf = (server: ChildProcess) => () => (logs.get(server) ?? []).join('');
  const clients: Cluster[] = [];
  const stop = async () => {
    for (const client of clients.splice(0)) client.disconnect();
    await Promise.all(
      servers.splice(0).map(
        (server) =>
          new Promise<void>((resolve) => {
            if (server.exitCode !== null || server.signalCode !== null) return resolve();
            server.once('exit', () => resolve());
            server.kill('SIGTERM');
          }),
      ),
    );
    await rm(dir, { recursive: true, force: true });
  };
  try {
    for (const port of ports) {
      const server = spawn('redis-server', [
        '--port', String(port), '--bind', '127.0.0.1', '--cluster-enabled', 'yes',
        '--cluster-config-file', join(dir, `nodes-${port}.conf`), '--dir', dir,
        '--save', '', '--appendonly', 'no', '--cluster-node-timeout', '5000',
      ], { stdio: ['ignore', 'pipe', 'pipe'] });
      const log: string[] = [];
      logs.set(server, log);
      // Registered first, so that a waiter's check of the same chunk sees it in the log.
      server.stdout?.prependListener('data', (chunk: Buffer) => log.push(chunk.toString()));
      server.stderr?.on('data', (chunk: Buffer) => log.push(chunk.toString()));
      server.once('error', (error) => log.push(error.message));
      servers.push(server);
    }
    // Each step waits for what the servers log when it is done: ready for connections, then the cluster's state ok.
    await Promise.all(servers.map((server, i) => logged(server, logOf(server), 'Ready to accept connections', `redis-server on ${ports[i]}`)));
    try {
      await run('redis-cli', ['--cluster', 'create', ...ports.map((p) => `127.0.0.1:${p}`), '--cluster-replicas', '0', '--cluster-yes']);
    } catch (error) {
      throw new TestClusterError('redis-cli --cluster create', error instanceof Error ? error.message : String(error));
    }
    await Promise.all(servers.map((server, i) => logged(server, logOf(server), 'Cluster state changed: ok', `cluster_state:ok on ${ports[i]}`)));
  } catch (error) {
    await stop();
    throw error;
  }
  const nodes = ports.map((port) => ({ host: '127.0.0.1', port }));
  return {
    nodes,
    env: nodes.map((n) => `${n.host}:${n.port}`).join(','),
    async client(options = {}) {
      const client = new Cluster(nodes, { lazyConnect: true, enableAutoPipelining: options.enableAutoPipelining ?? true, redisOptions: { maxRetriesPerRequest: 1 } });
      clients.push(client);
      await client.connect();
      return client;
    },
    stop,
  };
}

/**
 * A cluster for the tests of one file: started now, named in TEST_CLUSTER_ENV (so that the harness, the
 * process helpers and openTestRedis connect there), and stopped after the file's tests.
 */
export async function useTestCluster(): Promise<TestCluster> {
  const cluster = await startTestCluster();
  process.env[TEST_CLUSTER_ENV] = cluster.env;
  afterAll(async () => {
    delete process.env[TEST_CLUSTER_ENV];
    await cluster.stop();
  });
  return cluster;
}
