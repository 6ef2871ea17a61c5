/**
 * Scheduled posts (F12), the use cases the /post dialog («Запланировать»), /scheduled, its buttons
 * and the move and edit dialogs call: keeping a post to go at a time with its job, the job that
 * sends it at that time exactly as «Сейчас» would and gives the author the report, moving,
 * re-wording and cancelling it while it has not gone.
 */
import type { App } from '../../app.js';
import { formatWhen, type Translate } from '../../i18n.js';
import {
  effectiveRoles,
  NotFoundError,
  PermissionDeniedError,
  ScheduledPostCancelledError,
  ScheduledPostSentError,
  type ChannelKind,
  type ScheduledPost,
} from '../../domain/index.js';
import type { PersonId } from '../../domain/person.js';
import type { Caller, Turn } from '../../turn.js';
import type { JobSpec } from '../shared/job-registry.js';
import { inlineKeyboard } from '../shared/keyboards.js';
import { readerFor } from '../shared/recipients.js';
import { quietHoursText, timeText } from '../shared/delivery-report.js';
import { channelName, mayPublish, sendPost, type PostAuthor } from './channels.js';

/** The job kind that sends a scheduled post. */
export const SCHEDULED_POST_JOB = 'post.scheduled';
/** The callback actions under a scheduled post in /scheduled. */
export const SP_EDIT = 'sp.edit';
export const SP_MOVE = 'sp.move';
export const SP_CANCEL = 'sp.cancel';

/** How much of a post's text its card in /scheduled shows. */
const CARD_EXCERPT = 300;

/** A post to schedule, as the /post dialog has it. */
export interface ScheduleRequest {
  kind: ChannelKind;
  text: string;
  pin: boolean;
  /** Sent to students and parents at once even if its time falls in the quiet hours. */
  urgent?: boolean;
  at: number;
  /** Its photos and documents, already the community's own. */
  attachment?: string | undefined;
  /** Its copies ask for an acknowledgement. */
  ack?: boolean;
}

/** A moment in the reader's words, in the school's time zone. */
export const whenText = (app: App, reader: Pick<Turn, 'locale'>, at: number): string => formatWhen(at, app.config.SCHOOL_TZ, reader.locale);

/** What the confirmation of a post scheduled at `at` says when that time falls in the quiet hours; undefined outside them. */
export function scheduledQuietNotice(app: App, t: Translate, at: number): string | undefined {
  const until = app.deliveries.quietUntil(at);
  if (until === undefined) return undefined;
  return t('sp-quiet-at', { quiet: quietHoursText(app.config), time: timeText(app.config, until) });
}

/** The job id of a scheduled post's version: a move is a new version, with a job of its own; a repeat schedules the same one. */
export function scheduledPostJobId(post: Pick<ScheduledPost, 'id' | 'version'>): string {
  return `post.${post.id}.v${post.version}`;
}

/** Why a change of a scheduled post is refused, in words; undefined for anything else (rethrown). */
function changeRefusal(t: Translate, error: unknown): string | undefined {
  if (error instanceof ScheduledPostSentError) return t('sp-already-sent');
  if (error instanceof ScheduledPostCancelledError) return t('sp-already-cancelled');
  if (error instanceof NotFoundError) return t('sp-not-found');
  if (error instanceof PermissionDeniedError) return t('sp-denied');
  return undefined;
}

/** Runs a change; a refusal comes back as its text. */
async function changing(t: Translate, change: () => Promise<ScheduledPost>): Promise<{ ok: true; post: ScheduledPost } | { ok: false; text: string }> {
  try {
    return { ok: true, post: await change() };
  } catch (error) {
    const text = changeRefusal(t, error);
    if (text === undefined) throw error;
    return { ok: false, text };
  }
}

/**
 * Keeps the post to go at `request.at` and schedules its job; returns what the author is told.
 * Refused with words when the author may not publish or the time has passed meanwhile.
 */
export async function schedulePost(app: App, turn: Turn, request: ScheduleRequest): Promise<string> {
  const { t, caller } = turn;
  if (!mayPublish(caller)) return t('ch-denied');
  if (request.at <= Date.now()) return t('bc-time-past');
  const kept = await changing(t, () => app.services.scheduledPosts.create(caller.personId, request));
  if (!kept.ok) return kept.text;
  const post = kept.post;
  await app.scheduler.schedule(scheduledPostJobId(post), SCHEDULED_POST_JOB, post.at, { postId: post.id, version: post.version });
  app.logger.info({ post: post.id, channel: post.kind, author: caller.personId, at: post.at }, 'post scheduled');
  return t('sp-scheduled', { channel: channelName(t, post.kind), when: whenText(app, turn, post.at) });
}

/** The author as the job sends for them: their record and rights as they are now, and their language. */
async function authorNow(app: App, personId: PersonId): Promise<PostAuthor> {
  const member = (await app.services.members.get(personId)) ?? null;
  const caller: Caller = { personId, member, roles: new Set(effectiveRoles(member)) };
  const reader = await readerFor(app, personId);
  return { caller, t: reader.t, locale: reader.locale };
}

/**
 * A scheduled post's job: takes the post (if it is still this version and scheduled), sends it as
 * «Сейчас» would, marks it sent and gives the author the report by private message. The app is keyed
 * by the job's id, so a retry repeats the same keys: the claim, the sends and the report go once.
 */
export const scheduledPostJob: JobSpec = {
  kind: SCHEDULED_POST_JOB,
  async run(app, job) {
    const { postId, version } = job.data as { postId: string; version: number };
    const claimed = await app.services.scheduledPosts.claim(postId, version);
    if (claimed.kind === 'stale') return;
    const author = await authorNow(app, claimed.post.author);
    if (claimed.kind === 'denied') {
      app.logger.info({ post: postId, jobId: job.id }, 'scheduled post dropped: its author may no longer publish');
      await app.messenger.send(claimed.post.author, { text: author.t('sp-dropped-denied', { channel: channelName(author.t, claimed.post.kind) }) }).catch(() => undefined);
      return;
    }
    const post = claimed.post;
    const sent = await sendPost(app, author, { kind: post.kind, text: post.text, pin: post.pin, urgent: post.urgent === true, attachment: post.attachment, ack: post.ack === true });
    await app.services.scheduledPosts.finish(post.id, sent.postId ?? '');
    app.logger.info({ post: post.id, jobId: job.id, sent: sent.postId ?? null }, sent.postId ? 'scheduled post sent' : 'scheduled post not sent');
    const when = whenText(app, author, post.at);
    // The channel unbound: one sentence says what happened and what to do; otherwise a header over the send's report.
    const report = sent.unbound
      ? author.t('sp-failed-unbound', { when, kind: post.kind, channel: channelName(author.t, post.kind) })
      : [author.t(sent.postId ? 'sp-sent-header' : 'sp-failed-header', { when }), '', sent.report].join('\n');
    await app.messenger.send(post.author, { text: report }).catch((error: unknown) => {
      app.logger.warn({ post: post.id, author: post.author, err: error instanceof Error ? error.name : 'unknown' }, 'scheduled post report not delivered');
    });
  },
};

/** The scheduled post this person may change now (they may publish, it is still scheduled), or the refusal in words. */
export async function changeablePost(app: App, turn: Turn, id: string): Promise<{ ok: true; post: ScheduledPost } | { ok: false; text: string }> {
  const { t, caller } = turn;
  if (!mayPublish(caller)) return { ok: false, text: t('sp-denied') };
  const post = await app.services.scheduledPosts.get(id);
  if (!post) return { ok: false, text: t('sp-not-found') };
  if (post.status === 'cancelled') return { ok: false, text: t('sp-already-cancelled') };
  if (post.status === 'failed') return { ok: false, text: t('sp-already-failed') };
  if (post.status !== 'scheduled') return { ok: false, text: t('sp-already-sent') };
  return { ok: true, post };
}

/** Cancels a scheduled post: its job dropped (a job that runs anyway finds it cancelled). Returns the confirmation or the refusal. */
export async function cancelScheduledPost(app: App, turn: Turn, id: string): Promise<{ ok: boolean; text: string }> {
  const { t, caller } = turn;
  const done = await changing(t, () => app.services.scheduledPosts.cancel(caller.personId, id));
  if (!done.ok) return done;
  await app.scheduler.cancel(scheduledPostJobId(done.post));
  app.logger.info({ post: id, by: caller.personId }, 'scheduled post cancelled');
  return { ok: true, text: t('sp-cancelled', { channel: channelName(t, done.post.kind), when: whenText(app, turn, done.post.at) }) };
}

/** Moves a scheduled post to `at`: the job of the old time dropped, one for the new time scheduled. Returns the confirmation or the refusal. */
export async function moveScheduledPost(app: App, turn: Turn, id: string, at: number): Promise<string> {
  const { t, caller } = turn;
  if (at <= Date.now()) return t('bc-time-past');
  const done = await changing(t, () => app.services.scheduledPosts.move(caller.personId, id, at));
  if (!done.ok) return done.text;
  const post = done.post;
  // The version before this move (a repeat after a crash reads the kept reply: the same versions).
  await app.scheduler.cancel(scheduledPostJobId({ id: post.id, version: post.version - 1 }));
  await app.scheduler.schedule(scheduledPostJobId(post), SCHEDULED_POST_JOB, post.at, { postId: post.id, version: post.version });
  app.logger.info({ post: id, by: caller.personId, at: post.at }, 'scheduled post moved');
  return t('sp-moved', { channel: channelName(t, post.kind), when: whenText(app, turn, post.at) });
}

/** Replaces a scheduled post's text (checked by the dialog with checkPostText). Returns the confirmation or the refusal. */
export async function editScheduledPost(app: App, turn: Turn, id: string, text: string): Promise<string> {
  const { t, caller } = turn;
  const done = await changing(t, () => app.services.scheduledPosts.edit(caller.personId, id, text));
  if (!done.ok) return done.text;
  app.logger.info({ post: id, by: caller.personId }, 'scheduled post edited');
  return t('sp-edited', { channel: channelName(t, done.post.kind), when: whenText(app, turn, done.post.at) });
}

/** A post's text cut for a card: whole when short, else its start and «…». */
function excerptOf(text: string): string {
  const chars = [...text];
  return chars.length > CARD_EXCERPT ? `${chars.slice(0, CARD_EXCERPT).join('')}…` : text;
}

/** The card of a scheduled post in /scheduled: channel, time, pinning, the text. */
export function cardText(app: App, turn: Turn, post: ScheduledPost): string {
  const { t } = turn;
  const lines = [t('sp-card', { channel: channelName(t, post.kind), when: whenText(app, turn, post.at), pin: post.pin ? 'yes' : 'no' })];
  if (post.urgent) lines.push(t('sp-card-urgent'));
  return [...lines, '', excerptOf(post.text)].join('\n');
}

/** /scheduled: the posts still to go, soonest first, one message each with «Изменить текст», «Перенести», «Отменить». */
export async function sendScheduledList(app: App, turn: Turn): Promise<unknown> {
  const { t } = turn;
  const posts = await app.services.scheduledPosts.pending();
  if (posts.length === 0) return turn.reply(t('sp-list-none'));
  await turn.reply(t('sp-list-header', { count: posts.length }));
  for (const post of posts) {
    await turn.reply(
      cardText(app, turn, post),
      inlineKeyboard([
        [
          { label: t('sp-btn-edit'), payload: { k: 'cb', a: SP_EDIT, id: post.id }, color: 'primary' },
          { label: t('sp-btn-move'), payload: { k: 'cb', a: SP_MOVE, id: post.id }, color: 'primary' },
        ],
        [{ label: t('sp-btn-cancel'), payload: { k: 'cb', a: SP_CANCEL, id: post.id }, color: 'negative' }],
      ]),
    );
  }
  return undefined;
}
