import { mkdirSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { join } from 'node:path';

/**
 * What a benchmarked bot process tells the benchmark over IPC: its CPU time so far and, for Parta,
 * how many Redis commands it has sent. The benchmark asks before and after a burst.
 */
export interface BotReport {
  cpuMicros: number;
  redisCommands: number;
  rssBytes: number;
  heapBytes: number;
}

/**
 * With BENCH_PROFILE=dir, a CPU profile of each measured burst alone (from one report to the next),
 * written to dir as <name>.cpuprofile: the last burst's (the steady state) is what stays there. The
 * first burst's (just after start-up) is also kept, as <name>.cold.cpuprofile.
 */
function burstProfiler(name: string): () => Promise<void> {
  const dir = process.env.BENCH_PROFILE;
  if (!dir) return async () => {};
  let session: Session | undefined;
  let bursts = 0;
  return async () => {
    if (!session) {
      session = new Session();
      session.connect();
      await session.post('Profiler.setSamplingInterval', { interval: 100 });
      await session.post('Profiler.enable');
      await session.post('Profiler.start');
      await session.post('HeapProfiler.startSampling', { samplingInterval: 4096, includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC: true } as never);
      return;
    }
    const { profile } = await session.post('Profiler.stop');
    const { profile: heap } = await session.post('HeapProfiler.stopSampling');
    mkdirSync(dir, { recursive: true });
    const file = bursts++ === 0 ? `${name}.cold` : name;
    writeFileSync(join(dir, `${file}.cpuprofile`), JSON.stringify(profile));
    writeFileSync(join(dir, `${file}.heapprofile`), JSON.stringify(heap));
    session.disconnect();
    session = undefined;
  };
}

/** Answers the benchmark's `report` and `report-kept` requests and says `ready` once the bot listens. */
export function serveReports(name: string, redisCommands: () => number): { ready: () => void } {
  const profile = burstProfiler(name);
  const cpuNow = () => {
    const cpu = process.cpuUsage();
    return cpu.user + cpu.system;
  };
  process.on('message', async (message) => {
    if (message === 'report' || message === 'report-kept') {
      const cpuMicros = cpuNow();
      // `report-kept` (the last one, once nothing more is measured) collects first (the child runs with
      // --expose-gc), so that the heap shows what is kept, not garbage. Never between measured bursts:
      // a full collection throws compiled code away, and the next burst would pay to compile it again.
      if (message === 'report-kept') (globalThis as { gc?: () => void }).gc?.();
      const memory = process.memoryUsage();
      process.send?.({ cpuMicros, redisCommands: redisCommands(), rssBytes: memory.rss, heapBytes: memory.heapUsed } satisfies BotReport);
      await profile();
    }
  });
  process.on('disconnect', () => process.exit(0));
  return { ready: () => process.send?.('ready') };
}
