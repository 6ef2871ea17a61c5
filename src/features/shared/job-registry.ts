import type { App, ScheduledJob } from '../../app.js';

/**
 * What a feature does when one of its scheduled jobs falls due (app.scheduler.schedule with this
 * kind). The app is keyed by the job's id, so a job retried after a failure sends and changes
 * nothing twice; the handler checks again whatever may have changed since it was scheduled.
 */
export interface JobSpec {
  readonly kind: string;
  run(app: App, job: ScheduledJob): Promise<void>;
}

/** Finds job handlers by kind. */
export class JobRegistry {
  private readonly byKind = new Map<string, JobSpec>();

  constructor(jobs: readonly JobSpec[]) {
    for (const job of jobs) {
      if (this.byKind.has(job.kind)) throw new Error(`job kind ${job.kind} is registered twice`);
      this.byKind.set(job.kind, job);
    }
  }

  find(kind: string): JobSpec | undefined {
    return this.byKind.get(kind);
  }
}
