/**
 * The reminders of broadcasts, webinars (BROADCAST_REMINDERS before the start) and online lessons
 * (LESSON_REMINDERS), as scheduled jobs: one job a reminder, its id made of the event's id, version
 * and offset, so that scheduling again after a crash is one job and a move leaves the old ones stale.
 */
import type { App } from '../../app.js';
import type { Broadcast, BroadcastKind } from '../../domain/index.js';
import type { PersonId } from '../../domain/person.js';
import type { JobSpec } from '../shared/job-registry.js';
import { sendEverywhere } from './fan-out.js';
import { reminderText } from './event-texts.js';

/** The job kind of every reminder of an event. */
export const BROADCAST_REMINDER = 'broadcast.reminder';

/** How long before the start an event of this kind is reminded of (longest first). */
export function reminderOffsets(app: App, kind: BroadcastKind): readonly number[] {
  return kind === 'lesson' ? app.config.LESSON_REMINDERS : app.config.BROADCAST_REMINDERS;
}

/** The job id of the reminder `before` ms ahead, for the event's current version. */
function reminderJobId(event: Pick<Broadcast, 'id' | 'version'>, before: number): string {
  return `broadcast.${event.id}.v${event.version}.r${before}`;
}

/** Schedules the event's reminders; those already past are skipped. Returns the offsets scheduled. */
export async function scheduleReminders(app: App, event: Broadcast): Promise<number[]> {
  const now = Date.now();
  const due = reminderOffsets(app, event.kind).filter((before) => event.at - before > now);
  for (const before of due) {
    await app.scheduler.schedule(reminderJobId(event, before), BROADCAST_REMINDER, event.at - before, { id: event.id, version: event.version, before });
  }
  return due;
}

/** Drops the reminders of a version of the event (one that runs anyway finds the event changed and sends nothing). */
export async function cancelReminders(app: App, event: Pick<Broadcast, 'id' | 'version' | 'kind'>): Promise<void> {
  for (const before of reminderOffsets(app, event.kind)) await app.scheduler.cancel(reminderJobId(event, before));
}

/** Who is reminded: the chat it was announced in, the people who got it privately, and the organiser (a lesson's teacher is in its chat). */
function remindedPeople(event: Broadcast): PersonId[] {
  if (event.kind === 'lesson') return event.recipients;
  return event.recipients.includes(event.organiser) ? event.recipients : [...event.recipients, event.organiser];
}

/** A reminder falling due: sent to the chat and the people, unless the event was cancelled or moved since it was scheduled. */
export const broadcastReminderJob: JobSpec = {
  kind: BROADCAST_REMINDER,
  async run(app, job) {
    const data = job.data as { id?: unknown; version?: unknown } | null;
    if (!data || typeof data.id !== 'string') return;
    const event = await app.services.broadcasts.get(data.id);
    if (!event || event.status !== 'planned' || event.version !== data.version) return;
    const sent = await sendEverywhere(app, { chat: event.chat, people: remindedPeople(event) }, (reader) => reminderText(app, reader, event), { urgent: true });
    app.logger.info({ broadcast: event.id, jobId: job.id, chat: sent.chat, reached: sent.reached.length, missed: sent.missed.length }, 'broadcast reminder sent');
  },
};
