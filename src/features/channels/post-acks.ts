/**
 * Posts that ask for an acknowledgement, and read counts (F12): the «Прочитано» button under a
 * post's copies and what its press records, the post's line of read and confirmed counts in /posts,
 * the list of those who have not confirmed (paged), and one reminder to them.
 */
import type { App } from '../../app.js';
import type { Translate } from '../../i18n.js';
import { can, type Post } from '../../domain/index.js';
import { personId, personRef, type PersonId } from '../../domain/person.js';
import type { ButtonPress, MessageRef } from '../../messenger/events.js';
import type { Recipient } from '../../messenger/ids.js';
import type { Keyboard, TextButton } from '../../messenger/keyboard.js';
import type { Turn } from '../../turn.js';
import { inlineKeyboard } from '../shared/keyboards.js';
import { heldLines, recipientOf } from '../shared/delivery-report.js';

/** The callback actions of acknowledgements. */
export const POST_ACK = 'post.ack';
export const POST_UNCONFIRMED = 'post.who';
export const POST_REMIND = 'post.remind';

/** How many names one page of «Кто не подтвердил» shows. */
export const UNCONFIRMED_PAGE = 20;

/** How much of a post's text a line about it shows. */
const POST_EXCERPT = 60;

/** The post's text on one line, cut to {@link POST_EXCERPT} characters with «…». */
export function postExcerpt(text: string): string {
  const oneLine = [...text.replace(/\s+/gu, ' ')];
  return oneLine.length > POST_EXCERPT ? `${oneLine.slice(0, POST_EXCERPT).join('')}…` : oneLine.join('');
}

/** The «Прочитано» button under the copies of the post `postId`. */
export function ackKeyboard(t: Translate, postId: string): Keyboard {
  const button: TextButton = { label: t('ack-btn-confirm'), payload: { k: 'cb', a: POST_ACK, id: postId }, color: 'positive' };
  return inlineKeyboard([[button]]);
}

/** A press of «Прочитано»: recorded once; what the presser is told (a snackbar). */
export async function confirmPost(app: App, turn: Turn, press: ButtonPress, postId: string | undefined): Promise<string> {
  const { t } = turn;
  if (!postId) return t('ack-unknown-post');
  const person = personId(press.from);
  const outcome = await app.services.postAcks.confirm(person, postId);
  app.logger.info({ post: postId, person, outcome }, 'post acknowledgement');
  if (outcome === 'confirmed') return t('ack-confirmed');
  if (outcome === 'already') return t('ack-already');
  if (outcome === 'not_recipient') return t('ack-not-for-you');
  return t('ack-unknown-post');
}

/** How far a post's copies were read and confirmed, for its line in /posts. */
export interface PostStanding {
  /** Private copies delivered and refused as its delivery now says (with those held by the quiet hours sent since), when it is still kept. */
  readonly reached?: number | undefined;
  readonly unreachable?: number | undefined;
  /** Private copies delivered, and how many of them were read (undefined when the messenger could not say). */
  readonly copies: number;
  readonly read: number | undefined;
  /** For a post asking for an acknowledgement: whom it was for and how many confirmed. */
  readonly acks?: { readonly audience: number; readonly confirmed: number } | undefined;
  /**
   * Its message in the channel's chat: how many of those in the chat have been seen to read it (`exact` while it is the chat's
   * newest message; otherwise at least that many), `read` undefined when the messenger could not say.
   */
  readonly chat?: { readonly read: number | undefined; readonly members: number; readonly exact: boolean } | undefined;
}

/** How far the posts' messages in their chats were read: the readers seen now are added to those seen before (a read mark stays). */
async function chatStandings(app: App, posts: readonly Post[]): Promise<Map<string, PostStanding['chat']>> {
  const inChat = posts.filter((post) => post.chatMessage !== undefined && post.chatMembers !== undefined);
  const standings = new Map<string, PostStanding['chat']>();
  if (inChat.length === 0) return standings;
  let found: Awaited<ReturnType<App['messenger']['chatReaders']>> | undefined;
  try {
    found = await app.messenger.chatReaders(inChat.map((post) => ({ chat: post.peer, id: post.chatMessage ?? '' })));
  } catch (error) {
    app.logger.warn({ err: error instanceof Error ? error.name : 'unknown' }, 'chat read marks not known');
  }
  for (const [i, post] of inChat.entries()) {
    const members = post.chatMembers ?? 0;
    const seen = found?.[i];
    if (!seen) {
      standings.set(post.id, { read: undefined, members, exact: false });
      continue;
    }
    const read = await app.services.postAcks.noteChatReaders(post.id, seen.readers.filter((id) => id !== post.author));
    // All of the chat seen to read it is exact too, whatever came after it.
    standings.set(post.id, { read: Math.min(read, members), members, exact: seen.latest || read >= members });
  }
  return standings;
}

/**
 * Who a post asking for an acknowledgement waits for: those it was for, but not those whose copy, held by the
 * quiet hours when it was sent, the messenger refused later (they never got it); how many confirmed.
 */
async function askedOf(app: App, post: Post): Promise<{ pending: PersonId[]; audience: number; confirmed: number }> {
  const result = post.delivery ? await app.deliveries.result(post.delivery) : undefined;
  const refused = new Set(result?.refused.map((d) => d.chat) ?? []);
  const [pending, counts] = await Promise.all([app.services.postAcks.pending(post.id), app.services.postAcks.counts(post.id)]);
  const left = pending.filter((id) => !refused.has(id));
  return { pending: left, audience: counts.audience - (pending.length - left.length), confirmed: counts.confirmed };
}

/** A post's private copies: those kept with it, and those its delivery sent since (held by the quiet hours), while the delivery is kept. */
async function copiesOf(app: App, post: Post): Promise<{ copies: MessageRef[]; reached?: number; unreachable?: number }> {
  const kept = await app.services.postAcks.copies(post.id);
  // A private copy is in the person's dialog with the bot, which the messenger names by the person's id.
  const copies = new Map<Recipient, MessageRef>(kept.map((copy) => [copy.person, { chat: personRef(copy.person).id, id: copy.message }]));
  const result = post.delivery ? await app.deliveries.result(post.delivery) : undefined;
  if (!result) return { copies: [...copies.values()] };
  for (const delivery of result.outcomes.values()) if (delivery.ok && !copies.has(delivery.chat)) copies.set(delivery.chat, delivery.message);
  return { copies: [...copies.values()], reached: result.delivered, unreachable: result.refused.length };
}

/** The read and confirmed counts of these posts, asking the messenger about every private copy at once. */
export async function postStandings(app: App, posts: readonly Post[]): Promise<Map<string, PostStanding>> {
  const [copies, chats] = await Promise.all([Promise.all(posts.map((post) => copiesOf(app, post))), chatStandings(app, posts)]);
  const refs: MessageRef[] = copies.flatMap((found) => found.copies);
  let marks: boolean[] | undefined;
  try {
    marks = refs.length > 0 ? await app.messenger.readMarks(refs) : [];
  } catch (error) {
    app.logger.warn({ err: error instanceof Error ? error.name : 'unknown' }, 'read marks not known');
  }
  const standings = new Map<string, PostStanding>();
  let at = 0;
  for (const [i, post] of posts.entries()) {
    const found = copies[i];
    const count = found?.copies.length ?? 0;
    const read = marks ? marks.slice(at, at + count).filter(Boolean).length : undefined;
    at += count;
    const asked = post.ack ? await askedOf(app, post) : undefined;
    const acks = asked && { audience: asked.audience, confirmed: asked.confirmed };
    standings.set(post.id, { copies: count, read, acks, reached: found?.reached, unreachable: found?.unreachable, chat: chats.get(post.id) });
  }
  return standings;
}

/** The figures under a post in /posts, one a line: «Прочитали лично: N из M», «Подтвердили: K из A», «В чате прочитали: R из C». */
export function standingLines(t: Translate, standing: PostStanding): string[] {
  const lines: string[] = [];
  if (standing.copies > 0) lines.push(standing.read === undefined ? t('ack-posts-read-unknown') : t('ack-posts-read', { read: standing.read, copies: standing.copies }));
  if (standing.acks) lines.push(t('ack-posts-confirmed', { confirmed: standing.acks.confirmed, audience: standing.acks.audience }));
  const chat = standing.chat;
  if (chat && chat.members > 0) {
    lines.push(chat.read === undefined ? t('ack-posts-chat-unknown') : t('ack-posts-chat-read', { read: chat.read, members: chat.members, exact: chat.exact ? 'yes' : 'no' }));
  }
  return lines;
}

/** The buttons under /posts: «№N: кто не подтвердил» for each post asking for an acknowledgement, two a row. */
export function standingButtons(t: Translate, posts: readonly Post[]): Keyboard | undefined {
  const buttons: TextButton[] = posts.flatMap((post, i) => (post.ack ? [{ label: t('ack-btn-who', { number: i + 1 }), payload: { k: 'cb', a: POST_UNCONFIRMED, id: post.id, v: 'open' } }] : []));
  if (buttons.length === 0) return undefined;
  const rows: TextButton[][] = [];
  for (let at = 0; at < buttons.length; at += 2) rows.push(buttons.slice(at, at + 2));
  return inlineKeyboard(rows);
}

/** A post the author may see the acknowledgements of, or why not. */
async function ackPost(app: App, turn: Turn, postId: string | undefined): Promise<{ ok: true; post: Post } | { ok: false; text: string }> {
  const { t } = turn;
  if (!can(turn.caller.member, 'channel.publish')) return { ok: false, text: t('ack-denied') };
  const post = postId ? await app.services.channels.post(postId) : undefined;
  if (!post || !post.ack) return { ok: false, text: t('ack-unknown-post') };
  return { ok: true, post };
}

/** One page of «Кто не подтвердил» a post: the names, the page buttons and «Напомнить неподтвердившим». */
export async function unconfirmedPage(app: App, turn: Turn, postId: string | undefined, page: number): Promise<{ ok: true; text: string; keyboard?: Keyboard } | { ok: false; text: string }> {
  const { t } = turn;
  const found = await ackPost(app, turn, postId);
  if (!found.ok) return found;
  const { post } = found;
  const { pending, ...counts } = await askedOf(app, post);
  const header = t('ack-who-header', { excerpt: postExcerpt(post.text), confirmed: counts.confirmed, audience: counts.audience });
  if (pending.length === 0) return { ok: true, text: [header, '', t('ack-who-none')].join('\n') };
  const pages = Math.ceil(pending.length / UNCONFIRMED_PAGE);
  const shown = Math.min(Math.max(0, page), pages - 1);
  const ids = pending.slice(shown * UNCONFIRMED_PAGE, (shown + 1) * UNCONFIRMED_PAGE);
  const members = await Promise.all(ids.map((id) => app.services.members.get(id)));
  const lines = ids.map((id, i) => `${shown * UNCONFIRMED_PAGE + i + 1}. ${members[i]?.name || t('pp-nameless')}`);
  const pageLine = pages > 1 ? ['', t('ack-who-page', { page: shown + 1, pages })] : [];
  const nav: TextButton[] = [];
  if (shown > 0) nav.push({ label: t('ack-btn-prev'), payload: { k: 'cb', a: POST_UNCONFIRMED, id: post.id, v: String(shown - 1) } });
  if (shown < pages - 1) nav.push({ label: t('ack-btn-next'), payload: { k: 'cb', a: POST_UNCONFIRMED, id: post.id, v: String(shown + 1) } });
  const remind: TextButton = { label: t('ack-btn-remind'), payload: { k: 'cb', a: POST_REMIND, id: post.id }, color: 'primary' };
  return { ok: true, text: [header, '', t('ack-who-list'), ...lines, ...pageLine].join('\n'), keyboard: inlineKeyboard([nav, [remind]]) };
}

/**
 * «Напомнить неподтвердившим»: one reminder, with «Прочитано» under it, to those of the post's
 * audience who have not confirmed, through a delivery keyed by the post (a second press, or a repeat
 * after a crash, sends nothing twice); returns the author's report, or why not (a snackbar).
 */
export async function remindUnconfirmed(app: App, turn: Turn, postId: string | undefined): Promise<{ ok: true; report: string } | { ok: false; text: string }> {
  const found = await ackPost(app, turn, postId);
  if (!found.ok) return found;
  return { ok: true, report: await remind(app, turn, found.post) };
}

/** Sends the reminder of a post (see {@link remindUnconfirmed}); returns the author's report. */
async function remind(app: App, turn: Turn, post: Post): Promise<string> {
  const { t } = turn;
  const { pending } = await askedOf(app, post);
  // Nobody left to remind, and nobody reminded yet: nothing is marked, so a later press still reminds those who are left then.
  if (pending.length === 0 && !(await app.services.postAcks.wasReminded(post.id))) return t('ack-remind-nobody');
  const first = pending.length > 0 && (await app.services.postAcks.markReminded(post.id));
  const members = await Promise.all(pending.map((id) => app.services.members.get(id)));
  const recipients = pending.map((id, i) => {
    const member = members[i];
    return member ? recipientOf(member) : { chat: id, quiet: true };
  });
  const sent = await app.deliveries.deliver(
    { message: { text: t('ack-reminder', { excerpt: postExcerpt(post.text) }), keyboard: ackKeyboard(t, post.id) }, recipients, author: { chat: turn.caller.personId, locale: turn.locale } },
    `post-ack-remind:${post.id}`,
  );
  app.logger.info({ post: post.id, reminded: sent.delivered, total: sent.total, first }, 'post acknowledgement reminder');
  if (!first) return t('ack-remind-again', { reminded: sent.delivered, total: sent.total });
  const lines = [t('ack-remind-done', { reminded: sent.delivered, total: sent.total })];
  if (sent.refused.length > 0) lines.push(t('ack-remind-refused', { count: sent.refused.length }));
  const held = heldLines(t, app.config, sent);
  return [...lines, ...(held.length > 0 ? ['', ...held] : [])].join('\n');
}
