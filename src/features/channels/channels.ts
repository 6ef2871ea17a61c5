/**
 * The system channels (F12), the use cases the commands and the /post dialog call: binding a chat
 * as the school-wide or the staff channel, the list of channels, checking a post's text, sending a
 * post to the channel's chat (pinned when asked) and privately to its audience not in that chat,
 * and the report and the list of posts the author gets.
 */
import { personMention } from '../shared/person-words.js';
import type { App } from '../../app.js';
import type { Translate } from '../../i18n.js';
import { can, ChannelTakenError, POST_TEXT_MAX, type Channel, type ChannelKind, type Post, type PostChatOutcome } from '../../domain/index.js';
import type { PersonId } from '../../domain/person.js';
import type { IncomingMessage } from '../../messenger/events.js';
import type { Caller, Turn } from '../../turn.js';
import { refusalText } from '../shared/refusals.js';
import { authorOf, heldLines, quietHoursText, recipientOf, timeText } from '../shared/delivery-report.js';
import type { Keyboard } from '../../messenger/keyboard.js';
import { ackKeyboard, postExcerpt, postStandings, standingButtons, standingLines } from './post-acks.js';

/** Who may bind channels and post to them: admins (DESIGN §4 «publish to channels»). */
export const mayPublish = (caller: Caller): boolean => can(caller.member, 'channel.publish');

/** What someone who may not is told. */
export const channelRefusal = (turn: Turn): string => turn.t('ch-denied');

/** The channel a /bind argument names: `school`/`staff`, or the Russian words (any case). */
export function parseChannelKind(args: string): ChannelKind | undefined {
  const word = args.trim().toLocaleLowerCase('ru-RU').replace(/[«»"']/gu, '');
  if (['school', 'школа', 'школы', 'общешкольный', 'школьный'].includes(word)) return 'school';
  if (['staff', 'сотрудники', 'сотрудников', 'персонал'].includes(word)) return 'staff';
  return undefined;
}

/** The channel's name in running text: «общешкольный канал», «канал «Сотрудники»». */
export const channelName = (t: Translate, kind: ChannelKind): string => t('ch-name', { kind });

/** Runs a domain change; a refusal (no right, the chat is the other channel) comes back as its text. */
async function refusing<T>(t: Translate, change: () => Promise<T>): Promise<{ ok: true; value: T } | { ok: false; text: string }> {
  try {
    return { ok: true, value: await change() };
  } catch (error) {
    if (error instanceof ChannelTakenError) return { ok: false, text: t('ch-bind-taken', { channel: channelName(t, error.kind) }) };
    const text = refusalText(t, error);
    if (text === undefined) throw error;
    return { ok: false, text };
  }
}

/** /bind typed somewhere: in a chat it binds that chat; in the private dialog it says where to type it. */
export async function bindChannel(app: App, turn: Turn, message: IncomingMessage, args: string): Promise<string> {
  const { t } = turn;
  const kind = parseChannelKind(args);
  if (message.isPrivate) return t('ch-bind-in-chat');
  if (!kind) return t('ch-bind-usage');
  const done = await refusing(t, () => app.services.channels.bind(turn.caller.personId, kind, message.chat));
  if (!done.ok) return done.text;
  const outcome = done.value;
  app.logger.info({ channel: kind, peer: message.chat, by: turn.caller.personId, outcome: outcome.kind }, 'channel bound');
  const channel = channelName(t, kind);
  if (outcome.kind === 'same') return t('ch-bind-same', { channel });
  return t(outcome.kind === 'moved' ? 'ch-bind-moved' : 'ch-bind-done', { channel });
}

/** /unbind typed in a chat: the chat stops being a channel. */
export async function unbindChannel(app: App, turn: Turn, message: IncomingMessage): Promise<string> {
  const { t } = turn;
  if (message.isPrivate) return t('ch-bind-in-chat');
  const done = await refusing(t, () => app.services.channels.unbind(turn.caller.personId, message.chat));
  if (!done.ok) return done.text;
  if (!done.value) return t('ch-unbind-none');
  app.logger.info({ channel: done.value.kind, peer: message.chat, by: turn.caller.personId }, 'channel unbound');
  return t('ch-unbind-done', { channel: channelName(t, done.value.kind) });
}

/** /channels: which chat is which channel, and how to bind the missing one. */
export async function channelListText(app: App, turn: Turn): Promise<string> {
  const { t, locale } = turn;
  const bound = await app.services.channels.all();
  const lines = [t('ch-list-header')];
  for (const kind of ['school', 'staff'] as const) {
    const channel = bound.find((c) => c.kind === kind);
    lines.push(
      channel
        ? t('ch-list-bound', { channel: channelName(t, kind), chat: String(channel.peer), by: await personMention(app, t, channel.boundBy), when: when(app, channel.boundAt, locale) })
        : t('ch-list-unbound', { channel: channelName(t, kind) }),
    );
  }
  if (bound.length < 2) lines.push('', t('ch-how-to-bind'));
  return lines.join('\n');
}

const when = (app: App, ms: number, locale: string): string =>
  new Intl.DateTimeFormat(locale === 'ru' ? 'ru-RU' : 'en-GB', { timeZone: app.config.SCHOOL_TZ, day: '2-digit', month: '2-digit', hour: '2-digit', minute: '2-digit' }).format(new Date(ms));

/** The channels a post can go to now: the bound ones, school first. */
export function postChannels(app: App): Promise<Channel[]> {
  return app.services.channels.all();
}

/** A post's text, trimmed at its ends, or why it is refused: empty, a command, or over the messenger's limit (never cut). */
export function checkPostText(t: Translate, typed: string): { ok: true; text: string } | { ok: false; problem: string } {
  const text = typed.trim();
  if (!text) return { ok: false, problem: t('invalid-empty') };
  if (text.startsWith('/')) return { ok: false, problem: t('invalid-command') };
  if (text.length > POST_TEXT_MAX) return { ok: false, problem: t('ch-post-too-long', { length: text.length, max: POST_TEXT_MAX }) };
  return { ok: true, text };
}

/** Whom a channel's private copies are for, in words (the dialog's confirmation). */
export const audienceText = (t: Translate, kind: ChannelKind): string => t('ch-audience', { kind });

/** What the confirmation says in the quiet hours (students and parents get the post at their end), undefined outside them. */
export function quietNotice(app: App, t: Translate): string | undefined {
  const until = app.deliveries.quietUntil();
  if (until === undefined) return undefined;
  return t('dl-quiet-now', { quiet: quietHoursText(app.config), time: timeText(app.config, until) });
}

export interface PostRequest {
  kind: ChannelKind;
  text: string;
  pin: boolean;
  /** Sent to students and parents at once even in the quiet hours. */
  urgent?: boolean;
  /** Its photos and documents, already the community's own (see post-attachments.ts). */
  attachment?: string | undefined;
  /** The copies carry «Прочитано» and the author sees who confirmed. */
  ack?: boolean;
}

/** Who a post is sent for: the author (their rights checked again) and their language. A turn is one; a scheduled post's job builds one for its author. */
export type PostAuthor = Pick<Turn, 't' | 'locale' | 'caller'>;

/** What sending a post came to: the author's report, and the kept post's id (none when nothing was sent). */
export interface PostSent {
  report: string;
  postId?: string;
  /** Set when nothing was sent because the channel is no longer bound to a chat. */
  unbound?: true;
}

/**
 * Sends the post: to the channel's chat (pinned when asked), then in private messages to the
 * channel's audience who are not in that chat (the author aside), through a delivery (students and
 * parents held in the quiet hours unless urgent; more than 100 get the author a progress message);
 * keeps it with its counts and returns the author's report. Each send is keyed by the update (or the
 * scheduled post's job), so a repeat after a crash sends nothing twice and resumes the delivery where it stopped.
 * The /post dialog («Сейчас») and the job of a scheduled post both send through this one function.
 */
export async function sendPost(app: App, author: PostAuthor, request: PostRequest): Promise<PostSent> {
  const { t, caller } = author;
  if (!mayPublish(caller)) return { report: t('ch-denied') };
  const channel = await app.services.channels.get(request.kind);
  if (!channel) return { report: t('ch-post-unbound', { kind: request.kind, channel: channelName(t, request.kind) }), unbound: true };
  // The post's id first: the «Прочитано» buttons under its copies name it.
  const reserved = await refusing(t, () => app.services.channels.reserve(caller.personId));
  if (!reserved.ok) return { report: reserved.text };
  const id = reserved.value;
  const ack = request.ack === true;
  const content = { text: request.text, attachment: request.attachment, ...(ack ? { keyboard: ackKeyboard(t, id) } : {}) };
  let chat: PostChatOutcome = 'failed';
  let chatMessage: string | undefined;
  try {
    const sent = await app.messenger.send(channel.peer, content);
    chat = 'sent';
    chatMessage = sent.id;
    if (request.pin) {
      chat = await app.messenger.pin(sent).then(
        () => 'pinned' as const,
        () => 'pin_failed' as const,
      );
    }
  } catch (error) {
    app.logger.warn({ peer: channel.peer, err: error instanceof Error ? error.name : 'unknown' }, 'post not sent to the channel chat');
  }
  // Those in the chat have it there; if the chat could not be reached, everyone gets it privately.
  const inChat = new Set(chat === 'failed' ? [] : await app.messenger.members(channel.peer).catch((): PersonId[] => []));
  const everyone = (await app.services.channels.audience(request.kind)).filter((m) => m.personId !== caller.personId);
  const audience = everyone.filter((m) => !inChat.has(m.personId));
  const sent = audience.length > 0 ? await app.deliveries.deliver({ message: content, recipients: audience.map(recipientOf), urgent: request.urgent === true, author: authorOf(author) }) : undefined;
  const reached = sent?.delivered ?? 0;
  const unreachable = sent?.refused.length ?? 0;
  const held = sent?.held.length ?? 0;
  const copies = audience.flatMap((m) => {
    const delivery = sent?.outcomes.get(m.personId);
    return delivery?.ok ? [[m.personId, delivery.message.id] as const] : [];
  });
  // Whom an acknowledgement is asked of: those in the chat, those who got a copy, and those it waits for after the quiet hours.
  const gotIt = new Set([...copies.map(([person]) => person), ...(sent?.held ?? [])]);
  const asked = ack ? everyone.filter((m) => inChat.has(m.personId) || gotIt.has(m.personId)).map((m) => m.personId) : undefined;
  const recorded = await refusing(t, () =>
    app.services.channels.record(caller.personId, {
      id,
      kind: request.kind,
      peer: channel.peer,
      text: request.text,
      pin: request.pin,
      chat,
      reached,
      total: sent?.total ?? audience.length,
      unreachable,
      ack,
      audience: asked,
      copies,
      delivery: sent?.id,
      chatMessage,
      chatMembers: chatMessage === undefined ? undefined : [...inChat].filter((id) => id !== caller.personId).length,
    }),
  );
  if (!recorded.ok) return { report: recorded.text };
  const post = recorded.value;
  app.logger.info({ post: post.id, channel: post.kind, peer: post.peer, chat, reached, total: post.total, unreachable, held, ack }, 'post sent');
  const heldLine = sent ? heldLines(t, app.config, sent) : [];
  const ackLine = ack ? ['', t('ack-report', { count: asked?.length ?? 0 })] : [];
  return { report: [reportText(t, post, held), ...ackLine, ...(heldLine.length > 0 ? ['', ...heldLine] : [])].join('\n'), postId: post.id };
}

/** Sends the post now (see {@link sendPost}) and returns the author's report. */
export async function publishPost(app: App, author: PostAuthor, request: PostRequest): Promise<string> {
  return (await sendPost(app, author, request)).report;
}

/** The author's report: the chat, the private copies, and what to do about those not reached (`held`: waiting for the quiet hours' end). */
function reportText(t: Translate, post: Post, held = 0): string {
  const lines = [t('ch-report-header', { channel: channelName(t, post.kind) }), t('ch-report-chat', { outcome: post.chat })];
  if (post.total === 0) lines.push(t('ch-report-private-none'));
  else lines.push(t('ch-report-private', { reached: post.reached, total: post.total }));
  if (post.unreachable > 0) lines.push('', t('ch-report-unreachable', { count: post.unreachable }));
  const failed = post.total - post.reached - post.unreachable - held;
  if (failed > 0) lines.push('', t('ch-report-failed', { count: failed }));
  return lines.join('\n');
}

/** How many posts /posts shows. */
const POSTS_SHOWN = 10;

/** /posts: the last posts with their channel, date and counts (read and confirmed too), «Кто не подтвердил» buttons, and how many are scheduled to go later. */
export async function postList(app: App, turn: Turn): Promise<{ text: string; keyboard?: Keyboard | undefined }> {
  const { t, locale } = turn;
  const posts = await app.services.channels.recentPosts(POSTS_SHOWN);
  const scheduled = (await app.services.scheduledPosts.pending()).length;
  const scheduledLines = scheduled > 0 ? ['', t('sp-posts-hint', { count: scheduled })] : [];
  if (posts.length === 0) return { text: [t('ch-posts-none'), ...scheduledLines].join('\n') };
  const standings = await postStandings(app, posts);
  const lines = [t('ch-posts-header', { count: posts.length }), ''];
  for (const [i, post] of posts.entries()) {
    const standing = standings.get(post.id);
    const figures = [
      t('ch-posts-chat', { outcome: post.chat }),
      t('ch-posts-private', { reached: standing?.reached ?? post.reached, total: post.total, unreachable: standing?.unreachable ?? post.unreachable }),
      ...(standing ? standingLines(t, standing) : []),
    ];
    // A post a block: its line, then one figure a line under it (read on a phone, not decoded).
    lines.push(`${i + 1}. ${t('ch-posts-line', { when: when(app, post.at, locale), channel: channelName(t, post.kind), excerpt: postExcerpt(post.text) })}`, ...figures.map((figure) => `    ${figure}`), '');
  }
  return { text: [...lines, ...scheduledLines].join('\n'), keyboard: standingButtons(t, posts) };
}
