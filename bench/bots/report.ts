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

/** Answers the benchmark's `report` requests and says `ready` once the bot listens. */
export function serveReports(redisCommands: () => number): { ready: () => void } {
  process.on('message', (message) => {
    if (message === 'report') {
      const cpu = process.cpuUsage();
      const memory = process.memoryUsage();
      process.send?.({ cpuMicros: cpu.user + cpu.system, redisCommands: redisCommands(), rssBytes: memory.rss, heapBytes: memory.heapUsed } satisfies BotReport);
    }
  });
  process.on('disconnect', () => process.exit(0));
  return { ready: () => process.send?.('ready') };
}
