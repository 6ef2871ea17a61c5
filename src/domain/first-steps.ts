/**
 * The school's first steps after its setup (issue 10): classes, the teachers invited to the staff
 * room, class teachers, invites for the classes. Each step is done or not by the school's records
 * as they are now, never by what the admin pressed.
 */
import type { ServiceContext } from './context.js';
import { classGroupSchema, readRecords } from './records.js';
import { STAFF_ROOM_ID, type RegularClass } from './types.js';

/** The first steps, in the order the admin is led through them. */
export const FIRST_STEPS = ['classes', 'staff-invite', 'class-teachers', 'class-invites'] as const;
export type FirstStepId = (typeof FIRST_STEPS)[number];

/** One step: done or not; for the steps about every class, how many of the classes are covered. */
export type FirstStep =
  | { readonly id: 'classes' | 'staff-invite'; readonly done: boolean }
  | { readonly id: 'class-teachers' | 'class-invites'; readonly done: boolean; readonly covered: number; readonly total: number };

/** The checklist: every step in order, and the first one not done (undefined when all are). */
export interface FirstSteps {
  readonly steps: readonly FirstStep[];
  readonly next: FirstStepId | undefined;
}

/** Reads the checklist of first steps from the school's records. */
export class FirstStepsService {
  constructor(private readonly ctx: ServiceContext) {}

  /** The checklist now: classes exist, a staff room invite was issued, every class has a class teacher and an invite. */
  async checklist(): Promise<FirstSteps> {
    const { redis, keys } = this.ctx;
    const ids = await redis.smembers(keys.classes);
    const classes = (await readRecords(redis, classGroupSchema, ids.map(keys.classRecord))).filter(
      (c): c is RegularClass => c.kind === 'regular' && c.status === 'active',
    );
    const pipeline = redis.pipeline();
    pipeline.scard(keys.classInvites(STAFF_ROOM_ID));
    for (const c of classes) pipeline.scard(keys.classLeads(c.id)).scard(keys.classInvites(c.id));
    const counts = ((await pipeline.exec()) ?? []).map(([error, value]) => {
      if (error) throw error;
      return Number(value);
    });
    const staffInvites = counts[0] ?? 0;
    let withTeacher = 0;
    let withInvite = 0;
    classes.forEach((_, i) => {
      if ((counts[1 + 2 * i] ?? 0) > 0) withTeacher += 1;
      if ((counts[2 + 2 * i] ?? 0) > 0) withInvite += 1;
    });
    const total = classes.length;
    const everyClass = (covered: number) => total > 0 && covered === total;
    const steps: FirstStep[] = [
      { id: 'classes', done: total > 0 },
      { id: 'staff-invite', done: staffInvites > 0 },
      { id: 'class-teachers', done: everyClass(withTeacher), covered: withTeacher, total },
      { id: 'class-invites', done: everyClass(withInvite), covered: withInvite, total },
    ];
    return { steps, next: steps.find((step) => !step.done)?.id };
  }
}
