/**
 * The move to the next school year (F10), the use case: a plan the admin was shown is applied only
 * if it has no conflicts; the domain re-checks the right (movement.record) and applies it in one
 * atomic step, or answers that the classes changed since (a new plan comes back). The outcome is
 * returned for the admin, with what follows for others: the reviewers' copies of the requests of
 * people who left with a graduating class edited, and each graduate and their parents told; and the
 * announcements to many (each moved class's teachers and families: its new name; each graduating
 * class's teachers). promoteAndTell does all that follows too: it delivers the notices, takes the
 * graduates out of their class's study chats (removeGraduates) and sends the announcements through the
 * delivery engine, and returns what the admin is told.
 */
import type { App } from '../../app.js';
import type { PersonId } from '../../domain/person.js';
import type { Member, PromotionPlan, PromotionResult } from '../../domain/types.js';
import type { Turn } from '../../turn.js';
import { closedRequestNotices } from '../join-requests/review-notices.js';
import { deliverNotices, type WithNotices } from '../shared/notices.js';
import { sendInTheirLanguages } from '../shared/send-in-languages.js';
import { removeGraduates } from '../study-chats/chat-members.js';
import { attempt } from '../shared/refusals.js';
import { graduatedNotice } from './movement-notices.js';
import { rosterOf } from './class-teachers-of.js';
import type { Translate } from '../../i18n.js';

/** A message to many people (the delivery engine sends it, each in their language, once). */
export interface Announcement {
  readonly people: readonly PersonId[];
  readonly text: (t: Translate) => string;
}

/** What the admin is told about applying a plan. */
export type PromotionOutcome =
  | { kind: 'refused'; text: string }
  /** The plan shown has conflicts: it cannot be applied as it is. */
  | { kind: 'has-conflicts'; plan: PromotionPlan }
  /** The classes changed since the plan was shown and now conflict: `plan` is the one that holds now. */
  | { kind: 'conflict'; plan: PromotionPlan }
  /** The classes changed since the plan was shown: `plan` is the one that holds now. */
  | { kind: 'stale'; plan: PromotionPlan }
  /** `graduates`: the students and parents who left with each graduating class (their records after it), by class id. */
  | {
      kind: 'promoted';
      result: PromotionResult & { ok: true };
      graduates: ReadonlyMap<string, Member[]>;
      /** What every class teacher and family is told: their class's new name, or that it graduated. */
      announcements: Announcement[];
    };

/** Applies the promotion `plan` (as shown to the caller) on behalf of the turn's caller. */
export async function promoteClasses(app: App, turn: Turn, plan: PromotionPlan): Promise<WithNotices<PromotionOutcome>> {
  if (plan.conflicts.length > 0) return { outcome: { kind: 'has-conflicts', plan }, notices: [] };
  const done = await attempt(turn.t, () => app.services.movement.applyPromotion(turn.caller.personId, plan));
  if (!done.ok) return { outcome: { kind: 'refused', text: done.text }, notices: [] };
  const result = done.value;
  if (!result.ok) return { outcome: result.reason === 'conflict' ? { kind: 'conflict', plan: result.plan } : { kind: 'stale', plan: result.plan }, notices: [] };
  const graduateNames = new Map(result.plan.graduates.map((g) => [g.classId, g.name]));
  const graduates = new Map<string, Member[]>();
  for (const person of result.graduatedPeople) {
    const member = await app.services.members.get(person.personId);
    if (member) graduates.set(person.classId, [...(graduates.get(person.classId) ?? []), member]);
  }
  const announcements: Announcement[] = [];
  for (const move of result.plan.moves) {
    const roster = await rosterOf(app, move.classId);
    if (!roster) continue;
    const { from, to } = move;
    announcements.push({ people: roster.classTeachers.map((m) => m.personId), text: (t) => t('mv-promoted-teacher', { from, to }) });
    announcements.push({ people: [...roster.students, ...roster.parents.map((p) => p.member)].map((m) => m.personId), text: (t) => t('mv-promoted-family', { from, to }) });
  }
  for (const g of result.plan.graduates) {
    const teachers = result.graduatedTeachers.filter((x) => x.classId === g.classId).map((x) => x.personId);
    announcements.push({ people: teachers, text: (t) => t('mv-graduated-teacher', { name: g.name }) });
  }
  return {
    outcome: { kind: 'promoted', result, graduates, announcements: announcements.filter((a) => a.people.length > 0) },
    notices: [
      // Requests of people who left with their graduating class were rejected: their reviewers' cards say so.
      ...(await closedRequestNotices(app, result.rejectedRequests.map((request) => request.id))),
      // Graduates and their parents learn that the class has graduated and its place in the bot is closed.
      ...result.graduatedPeople.map((person) => graduatedNotice(person.personId, person.classId, graduateNames.get(person.classId) ?? '')),
    ],
  };
}

/** What the admin is told once the plan is applied and its follow-ups done: `told`, how many of the people announced to were reached (or wait for the quiet hours' end). */
export type PromotionReport =
  | Exclude<PromotionOutcome, { kind: 'promoted' }>
  | { kind: 'promoted'; result: PromotionResult & { ok: true }; told: { reached: number; total: number } };

/**
 * Applies the promotion `plan` (promoteClasses) and, when it is applied, does what follows: each notice
 * delivered on its own (one that cannot go keeps none of the others back), the graduates taken out of
 * their class's study chats, and every class teacher and family told what changed, through the delivery
 * engine (once, each in their language).
 */
export async function promoteAndTell(app: App, turn: Turn, plan: PromotionPlan): Promise<PromotionReport> {
  const { outcome, notices } = await promoteClasses(app, turn, plan);
  if (outcome.kind !== 'promoted') return outcome;
  for (const notice of notices) await deliverNotices(app, [notice]).catch(() => undefined);
  for (const [classId, people] of outcome.graduates) await removeGraduates(app, classId, people);
  let reached = 0;
  let total = 0;
  for (const announcement of outcome.announcements) {
    const sent = await sendInTheirLanguages(app, announcement.people, (reader) => announcement.text(reader.t));
    reached += sent.reached.length + sent.held.length;
    total += new Set(announcement.people).size;
  }
  return { kind: 'promoted', result: outcome.result, told: { reached, total } };
}
