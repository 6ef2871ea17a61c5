import { DELIVERY_JOB, JOB_ATTEMPTS, type DeliveryPart } from '../../app.js';
import type { JobSpec } from './job-registry.js';

/**
 * The job that runs a delivery's part (src/runtime/delivery.ts): the batches not sent yet. A run that
 * fails is tried again by the scheduler and sends only what is left; on the last try a batch that
 * still fails is recorded as not delivered, so that the author's report comes.
 */
export const deliveryJob: JobSpec = {
  kind: DELIVERY_JOB,
  async run(app, job) {
    const { id, part } = job.data as { id: string; part: DeliveryPart };
    await app.deliveries.run(id, part, job.attempt >= JOB_ATTEMPTS);
  },
};
