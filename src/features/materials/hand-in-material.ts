/**
 * Material for the system channels (F21), the use cases: handing it in (the administration and
 * teachers), and an admin's decision on it: publish (it goes out as a post of the channel, as handed
 * in or as the admin edited it) or decline with a reason. Each returns the words for the person acting with the notices it asks for: the card
 * with its buttons to every admin, every copy edited after the decision, the author told how it went.
 */
import type { App } from '../../app.js';
import { formatWhen } from '../../i18n.js';
import { can, materialNumber, NotFoundError, PermissionDeniedError, type ChannelKind, type Material } from '../../domain/index.js';
import type { PersonId } from '../../domain/person.js';
import type { Caller, Turn } from '../../turn.js';
import { publishPost } from '../channels/channels.js';
import { inlineKeyboard, type Button } from '../shared/keyboards.js';
import type { Notice, WithNotices } from '../shared/notices.js';
import type { Reader } from '../shared/recipients.js';
import { personMention, personRef } from '../shared/person-words.js';
import { refusalText } from '../shared/refusals.js';

/** Callback action names of the buttons under a material's card. */
export const MAT_PUBLISH = 'mat.pub';
export const MAT_DECLINE = 'mat.no';
export const MAT_EDIT = 'mat.edit';

/** Who may hand material in: the administration and verified teachers (DESIGN §4). */
export const mayHandIn = (caller: Caller): boolean => can(caller.member, 'material.submit');

/** Who decides on material: those who may publish to the channels (admins). */
export const mayDecide = (caller: Caller): boolean => can(caller.member, 'channel.publish');

/** The key under which the copies of a material's card are remembered (to edit them after the decision). */
const materialSubject = (id: string): string => `mat:${id}`;

/** A material's card as an admin reads it: who, for which channel, when, and the text as it would be posted. */
async function cardText(app: App, reader: Reader, material: Material): Promise<string> {
  const { t, locale } = reader;
  const who = await personMention(app, t, material.author);
  const header = t('mat-card', { id: materialNumber(material.id), who, kind: material.kind, when: formatWhen(material.at, app.config.SCHOOL_TZ, locale) });
  return material.text ? `${header}\n\n${material.text}` : header;
}

/** The buttons under a pending material's card. */
export function decisionButtons(reader: Reader, material: Material): ReturnType<typeof inlineKeyboard> {
  const { t } = reader;
  const button = (label: string, a: string, color: Button['color']): Button => ({ label, payload: { k: 'cb', a, id: material.id }, color });
  return inlineKeyboard([[button(t('mat-btn-publish'), MAT_PUBLISH, 'positive'), button(t('mat-btn-decline'), MAT_DECLINE, 'negative')], [button(t('mat-btn-edit'), MAT_EDIT, 'primary')]]);
}

/** Hands material in for the channel `kind`, with its photos and documents: every admin gets its card (them attached) with «Опубликовать» / «Отклонить». */
export async function handInMaterial(app: App, turn: Turn, kind: ChannelKind, text: string, attachment?: string): Promise<WithNotices<string>> {
  const { t, caller } = turn;
  let material: Material;
  try {
    material = await app.services.materials.submit(caller.personId, kind, text, attachment);
  } catch (error) {
    const refusal = refusalText(t, error);
    if (refusal === undefined) throw error;
    return { outcome: refusal, notices: [] };
  }
  app.logger.info({ material: material.id, kind, by: caller.personId }, 'material handed in');
  const admins = (await app.services.members.listAdmins()).filter((m) => m.status === 'active' && m.personId !== caller.personId);
  const notices: Notice[] = admins.map((admin) => ({
    kind: 'send',
    to: admin.personId,
    key: `mat-card:${material.id}:${admin.personId}`,
    build: async (reader) => ({ text: await cardText(app, reader, material), keyboard: decisionButtons(reader, material), attachment: material.attachment }),
    remember: materialSubject(material.id),
  }));
  return { outcome: t('mat-handed-in', { id: materialNumber(material.id), kind, admins: admins.length }), notices };
}

/** What the person deciding is told, short enough for a button's notice, and the post's report when it was published. */
export interface MaterialDecisionReport {
  notice: string;
  report?: string;
}

/** The words for a material someone decided on before. */
async function decidedBefore(app: App, turn: Turn, material: Material): Promise<string> {
  const by = material.decidedBy === undefined ? '' : await personRef(app, turn.t, material.decidedBy);
  return turn.t('mat-already', { status: material.status, by });
}

/**
 * Publishes a pending material as a post of its channel (not pinned), as handed in or with the text
 * `edited` by the admin, then tells the author (with the text as published, when edited) and edits every admin's copy.
 */
export async function publishMaterial(app: App, turn: Turn, id: string, edited?: string): Promise<WithNotices<MaterialDecisionReport>> {
  const { t } = turn;
  const decided = await deciding(turn, () => app.services.materials.decide(turn.caller.personId, id, 'published', { edited }));
  if ('refused' in decided) return { outcome: { notice: decided.refused }, notices: [] };
  if (!decided.ok) return { outcome: { notice: await decidedBefore(app, turn, decided.material) }, notices: [] };
  const { material } = decided;
  const report = await publishPost(app, turn, { kind: material.kind, text: material.publishedText ?? material.text, pin: false, attachment: material.attachment });
  return { outcome: { notice: t('mat-published-short', { id: materialNumber(id) }), report }, notices: await afterDecision(app, material, turn.caller.personId) };
}

/** Declines a pending material with the admin's reason ('' for none); the author is told it and whom to ask. */
export async function declineMaterial(app: App, turn: Turn, id: string, reason: string): Promise<WithNotices<MaterialDecisionReport>> {
  const decided = await deciding(turn, () => app.services.materials.decide(turn.caller.personId, id, 'declined', { reason }));
  if ('refused' in decided) return { outcome: { notice: decided.refused }, notices: [] };
  if (!decided.ok) return { outcome: { notice: await decidedBefore(app, turn, decided.material) }, notices: [] };
  return { outcome: { notice: turn.t('mat-declined-short', { id: materialNumber(id) }) }, notices: await afterDecision(app, decided.material, turn.caller.personId) };
}

/** Runs the domain's decision; a refusal (no right, no such material) comes back as its words. */
async function deciding<T>(turn: Turn, decide: () => Promise<T>): Promise<T | { refused: string }> {
  try {
    return await decide();
  } catch (error) {
    const refusal = error instanceof NotFoundError ? turn.t('mat-not-found') : error instanceof PermissionDeniedError ? turn.t('ch-denied') : refusalText(turn.t, error);
    if (refusal === undefined) throw error;
    return { refused: refusal };
  }
}

/** After `by`'s decision: every admin's copy shows who decided and how (the buttons gone), and the author learns it. */
async function afterDecision(app: App, material: Material, by: PersonId): Promise<Notice[]> {
  const status = material.publishedText === undefined ? material.status : 'edited';
  const outcomeLine = async (reader: Reader): Promise<string> =>
    reader.t('mat-outcome', { status, by: await personRef(app, reader.t, by), when: formatWhen(material.decidedAt ?? Date.now(), app.config.SCHOOL_TZ, reader.locale) });
  const edits: Notice[] = (await app.services.reviewNotices.takeAll(materialSubject(material.id))).map((message) => ({
    kind: 'edit',
    message,
    // The edit re-sends the card's photos and documents, so the copy keeps them.
    build: async (reader) => ({ text: `${await cardText(app, reader, material)}\n\n${await outcomeLine(reader)}`, attachment: material.attachment }),
  }));
  const toAuthor: Notice = {
    kind: 'send',
    to: material.author,
    key: `mat-outcome:${material.id}`,
    build: async ({ t }) => {
      const who = await personMention(app, t, by);
      const lines = [t('mat-author-outcome', { status, id: materialNumber(material.id), kind: material.kind, who })];
      if (material.reason) lines.push(t('mat-author-reason', { reason: material.reason }));
      if (material.publishedText !== undefined) lines.push('', t('mat-author-published-text'), '', material.publishedText);
      return { text: lines.join('\n') };
    },
  };
  return material.author === by ? edits : [...edits, toAuthor];
}
