/**
 * The pages of /журнал (/audit, F10): the audit log as sentences people read, newest first, a page
 * at a time, filtered by period, class and person with buttons, and the chosen entries as a CSV
 * file sent as a document in the private dialog. The command's arguments carry the filter, so every
 * button is the same command with other arguments: `/журнал неделя 5А id310 #2`,
 * `/журнал 01.09–30.09 выгрузить`; «Другие даты» asks for the dates in a dialog (scenes/audit-dates.ts).
 */
import type { App } from '../../app.js';
import { AUDIT_LIMIT } from '../../domain/audit.js';
import type { PersonId } from '../../domain/person.js';
import type { AuditEntry } from '../../domain/types.js';
import type { Translate } from '../../i18n.js';
import type { Turn } from '../../turn.js';
import { findClassByArg, regularClasses } from '../shared/class-ref.js';
import { replyKeyboard, type Button } from '../shared/keyboards.js';
import { parsePageToken, pickerPage } from '../shared/paging.js';
import { commandButton } from '../shared/pick-keyboard.js';
import { csvFile } from './audit-csv.js';
import { matches, parsePeriod, periodBounds, periodToken, type AuditFilter } from './audit-filter.js';
import { auditLookup, auditRow, type AuditLookup } from './audit-sentences.js';

/** Entries on one page of the journal. */
export const AUDIT_PAGE = 10;

const COMMAND = 'audit';
const EXPORT_WORDS = new Set(['выгрузить', 'выгрузка', 'файл', 'csv', 'export']);
const CLASS_PICK_WORDS = new Set(['классы', 'classes']);
const DATES_WORDS = new Set(['даты', 'dates']);
/** How a class is named in the arguments the buttons write: by id, so that it holds through renames. */
const CLASS_ID_PREFIX = 'класс:';
const CLASS_LIKE = /^(\d{1,2}\s*-?\s*[а-яёa-z]|учительская)$/iu;
/** A button label's room (VK: 40 characters). */
const LABEL_MAX = 40;

/** What /журнал's arguments ask for. */
export type AuditRequest =
  | { ok: true; filter: AuditFilter; page: number; action: 'show' | 'export' | 'pick-class' | 'dates' }
  | { ok: false; text: string };

/** Reads /журнал's arguments: period, class, person, page and what to do. */
export async function parseAuditArgs(app: App, t: Translate, args: string, now: number): Promise<AuditRequest> {
  const filter: AuditFilter = { period: { kind: 'all' } };
  let page = 1;
  let action: 'show' | 'export' | 'pick-class' | 'dates' = 'show';
  // «01.09 – 30.09» typed with spaces around the dash is one period.
  for (const word of app.messenger.people.split(args.replace(/(\d)\s*([–—-])\s*(\d)/gu, '$1$2$3'))) {
    const lower = word.toLocaleLowerCase('ru');
    const asPage = parsePageToken(word);
    if (asPage !== undefined) {
      page = asPage;
      continue;
    }
    if (EXPORT_WORDS.has(lower)) action = 'export';
    else if (CLASS_PICK_WORDS.has(lower)) action = 'pick-class';
    else if (DATES_WORDS.has(lower)) action = 'dates';
    else if (lower.startsWith(CLASS_ID_PREFIX)) filter.classId = word.slice(CLASS_ID_PREFIX.length);
    else {
      const period = parsePeriod(word, now, app.config.SCHOOL_TZ);
      if (period === null) return { ok: false, text: t('au-bad-period', { value: word }) };
      if (period !== undefined) {
        filter.period = period;
        continue;
      }
      if (CLASS_LIKE.test(word)) {
        const found = await findClassByArg(app, t, word);
        if (!found.ok) return found;
        filter.classId = found.classGroup.id;
        continue;
      }
      const personId = app.messenger.people.id(word);
      if (personId === null) return { ok: false, text: t('au-bad-arg', { value: word }) };
      filter.personId = personId;
    }
  }
  return { ok: true, filter, page, action };
}

/** The arguments that show `filter` (and `extra` words after them). */
export function auditArgs(filter: AuditFilter, ...extra: string[]): string {
  return [
    ...(filter.period.kind === 'all' ? [] : [periodToken(filter.period)]),
    ...(filter.classId !== undefined ? [`${CLASS_ID_PREFIX}${filter.classId}`] : []),
    ...(filter.personId !== undefined ? [`id${filter.personId}`] : []),
    ...extra,
  ].join(' ');
}

/** What the filter shows, in words: «за неделю, класс 5А, Сидоров Ваня». */
function filterText(t: Translate, filter: AuditFilter, lookup: AuditLookup, personName: (personId: PersonId) => string): string {
  const parts: string[] = [];
  switch (filter.period.kind) {
    case 'all':
      parts.push(t('au-period-all'));
      break;
    case 'today':
      parts.push(t('au-period-today'));
      break;
    case 'week':
      parts.push(t('au-period-week'));
      break;
    case 'month':
      parts.push(t('au-period-month'));
      break;
    case 'range':
      parts.push(t('au-period-range', { range: periodToken(filter.period) }));
      break;
  }
  if (filter.classId !== undefined) parts.push(t('au-filter-class', { name: lookup.classes.get(filter.classId)?.name ?? t('au-class-deleted') }));
  if (filter.personId !== undefined) parts.push(t('au-filter-person', { person: personName(filter.personId) }));
  return parts.join(', ');
}

/** The school's date and time of an entry: «02.12.2026, 14:05». */
function whenOf(app: App, locale: string, at: number, withYear: boolean): string {
  return new Intl.DateTimeFormat(locale === 'ru' ? 'ru-RU' : 'en-GB', {
    timeZone: app.config.SCHOOL_TZ,
    day: '2-digit',
    month: '2-digit',
    ...(withYear ? { year: 'numeric' } : {}),
    hour: '2-digit',
    minute: '2-digit',
  }).format(new Date(at));
}

/** The entries that pass the filter, newest first. */
async function filtered(app: App, filter: AuditFilter, now: number): Promise<AuditEntry[]> {
  const bounds = periodBounds(filter.period, now, app.config.SCHOOL_TZ);
  return (await app.services.audit.recent(AUDIT_LIMIT)).filter((entry) => matches(entry, filter, bounds));
}

/** The name a person goes by in the journal's header and buttons. */
async function nameFor(app: App, t: Translate, personId: PersonId, lookup: AuditLookup): Promise<string> {
  const known = lookup.names.get(personId);
  if (known) return known;
  const member = await app.services.members.get(personId);
  return member?.name.trim() || t('au-someone');
}

const short = (label: string): string => (label.length > LABEL_MAX ? `${label.slice(0, LABEL_MAX - 1)}…` : label);

/** Shows one page of the journal with its filter buttons. */
export async function showAuditPage(app: App, turn: Turn, filter: AuditFilter, page: number, now: number): Promise<unknown> {
  const { t, locale } = turn;
  const entries = await filtered(app, filter, now);
  const perPage = AUDIT_PAGE;
  const pages = Math.max(1, Math.ceil(entries.length / perPage));
  const current = Math.min(Math.max(1, page), pages);
  const shown = entries.slice((current - 1) * perPage, current * perPage);
  const lookup = await auditLookup(app, shown);
  const filterPerson = filter.personId !== undefined ? await nameFor(app, t, filter.personId, lookup) : '';
  const mention = (personId: PersonId, name: string) => app.messenger.mention(personId, name);
  const header = t('au-header', { filter: filterText(t, filter, lookup, () => filterPerson), count: entries.length });
  const lines = shown.map((entry) => {
    const row = auditRow(t, entry, lookup, mention);
    return t('au-line', { when: whenOf(app, locale, entry.at, false), who: row.who, what: row.what });
  });
  const body = entries.length === 0 ? [t('au-none')] : lines;
  const note = pages > 1 ? [t('pick-page', { page: current, pages })] : [];
  return turn.reply([header, ...body, ...note].join('\n'), replyKeyboard(await buttons(app, t, filter, current, pages, shown, lookup)));
}

/** The journal's buttons: periods, class, other dates, the file; people on the page; pages; reset. */
async function buttons(app: App, t: Translate, filter: AuditFilter, page: number, pages: number, shown: readonly AuditEntry[], lookup: AuditLookup): Promise<Button[][]> {
  const rest: AuditFilter = { ...filter, period: { kind: 'all' } };
  const period = (label: string, token: string) => commandButton(label, COMMAND, auditArgs(rest, ...(token ? [token] : [])));
  const rows: Button[][] = [
    [period(t('au-btn-today'), 'сегодня'), period(t('au-btn-week'), 'неделя'), period(t('au-btn-month'), 'месяц'), period(t('au-btn-all'), '')],
    [commandButton(t('au-btn-class'), COMMAND, auditArgs(filter, 'классы')), commandButton(t('au-btn-dates'), COMMAND, auditArgs(filter, 'даты')), commandButton(t('au-btn-export'), COMMAND, auditArgs(filter, 'выгрузить'), 'positive')],
  ];
  // The people on this page, to see everything about one of them.
  if (filter.personId === undefined) {
    const people: Button[] = [];
    const seen = new Set<PersonId>();
    for (const entry of shown) {
      for (const id of [entry.actor, entry.target.personId]) {
        if (id === undefined || id === 'system' || seen.has(id) || !lookup.names.has(id) || people.length >= 4) continue;
        seen.add(id);
        people.push(commandButton(short(await nameFor(app, t, id, lookup)), COMMAND, auditArgs({ ...filter, personId: id })));
      }
    }
    if (people.length > 0) rows.push(people);
  }
  const nav: Button[] = [];
  if (page > 1) nav.push(commandButton(t('btn-back'), COMMAND, auditArgs(filter, `#${page - 1}`), 'primary'));
  if (page < pages) nav.push(commandButton(t('btn-more'), COMMAND, auditArgs(filter, `#${page + 1}`), 'primary'));
  if (nav.length > 0) rows.push(nav);
  if (filter.classId !== undefined || filter.personId !== undefined || filter.period.kind !== 'all') rows.push([commandButton(t('au-btn-reset'), COMMAND)]);
  return rows;
}

/** Class buttons that narrow the journal to one class (keeping the period and person). */
export async function pickAuditClass(app: App, turn: Turn, filter: AuditFilter, page: number): Promise<unknown> {
  const { t } = turn;
  const classes = await regularClasses(app);
  if (classes.length === 0) return turn.reply(t('au-no-classes'));
  const prefix = auditArgs({ ...filter, classId: undefined });
  // The class picker pages with `#n`, which /журнал reads as a page of the journal: its page buttons ask for the picker again.
  const rows = pickerPage(t, classes.map((c) => commandButton(c.name, COMMAND, [prefix, c.name].filter(Boolean).join(' '))), {
    perRow: 5,
    page,
    goTo: (label, n) => commandButton(label, COMMAND, [prefix, 'классы', `#${n}`].filter(Boolean).join(' '), 'primary'),
  });
  return turn.reply([t('au-pick-class'), ...(rows.note ? [rows.note] : [])].join('\n'), replyKeyboard(rows.rows));
}

/** Sends the chosen entries as a CSV document in the private dialog. */
export async function exportAudit(app: App, turn: Turn, filter: AuditFilter, now: number): Promise<unknown> {
  const { t, locale } = turn;
  const entries = await filtered(app, filter, now);
  if (entries.length === 0) return turn.reply(t('au-export-empty'));
  const lookup = await auditLookup(app, entries);
  const plain = (_personId: PersonId, name: string) => name;
  const rows = [...entries].reverse().map((entry) => {
    const row = auditRow(t, entry, lookup, plain);
    return [whenOf(app, locale, entry.at, true), row.who, row.what, row.className, row.person];
  });
  const data = csvFile([t('au-csv-when'), t('au-csv-who'), t('au-csv-what'), t('au-csv-class'), t('au-csv-person')], rows);
  const doc = await app.messenger.uploadDocument(turn.caller.personId, data, t('au-csv-filename', { period: periodToken(filter.period) }));
  app.logger.info({ personId: turn.caller.personId, entries: entries.length }, 'audit exported');
  return app.messenger.send(turn.caller.personId, { text: t('au-export-done', { count: entries.length }), attachment: doc });
}

