import { readFileSync } from 'node:fs';
import { FluentResource, type FluentVariable } from '@fluent/bundle';
import { describe, expect, it } from 'vitest';
import { I18n, LOCALES_DIR, personValue, type FluentPerson } from '../src/i18n.js';
import { addressName, declineName, guessGender, nameParts, surnameFirst } from '../src/domain/name-forms.js';

const i18n = new I18n('ru');

// The runtime AST of @fluent/bundle (its types are not exported by name from the package's index).
type Node = string | { type: string; name?: string; selector?: Node; variants?: { key: { type: string; value: string | number }; value: Node | Node[] }[]; args?: Node[]; value?: unknown };

/** Variables a message reads: those given to NAME/GENDER (people), the selectors and their variant keys, and all others. */
interface MessageVars {
  people: Set<string>;
  /** Those given to GENDER: the message's words change with their gender. */
  gendered: Set<string>;
  selectors: Map<string, Set<string | number>>;
  all: Set<string>;
}

function walk(node: Node | Node[] | null | undefined, vars: MessageVars): void {
  if (node === null || node === undefined || typeof node === 'string') return;
  if (Array.isArray(node)) return node.forEach((n) => walk(n, vars));
  if (node.type === 'var' && node.name) vars.all.add(node.name);
  if (node.type === 'func' && (node.name === 'NAME' || node.name === 'GENDER')) {
    for (const arg of node.args ?? []) {
      if (typeof arg === 'string' || arg.type !== 'var' || !arg.name) continue;
      vars.people.add(arg.name);
      if (node.name === 'GENDER') vars.gendered.add(arg.name);
    }
  }
  if (node.type === 'func' || node.type === 'term') (node.args ?? []).forEach((a) => walk(a, vars));
  if (node.type === 'select') {
    const selector = node.selector;
    if (selector && typeof selector !== 'string' && selector.type === 'var' && selector.name) {
      const keys = vars.selectors.get(selector.name) ?? new Set();
      for (const variant of node.variants ?? []) keys.add(variant.key.value);
      vars.selectors.set(selector.name, keys);
    }
    walk(selector, vars);
    for (const variant of node.variants ?? []) walk(variant.value, vars);
  }
}

const resource = new FluentResource(readFileSync(`${LOCALES_DIR}/ru.ftl`, 'utf8'));
const messages = new Map<string, MessageVars>();
for (const entry of resource.body) {
  if (entry.id.startsWith('-')) continue;
  const vars: MessageVars = { people: new Set(), gendered: new Set(), selectors: new Map(), all: new Set() };
  walk(entry.value as Node, vars);
  messages.set(entry.id, vars);
}

/** The variables that name a person in the messages: every one given to NAME or GENDER, and these by their names. */
const PERSON_VARS = new Set(['person', 'parent', 'student', 'child', 'who', 'by', 'teacher']);
for (const vars of messages.values()) for (const name of vars.people) PERSON_VARS.add(name);
const personVars = (vars: MessageVars) => [...vars.all].filter((name) => PERSON_VARS.has(name) && !vars.selectors.has(name));
const withPeople = [...messages].filter(([, vars]) => personVars(vars).length > 0);

/** Every combination of the message's (non-person) selectors' variant keys, so each variant's wording is rendered. */
function combinations(vars: MessageVars): Record<string, FluentVariable>[] {
  let out: Record<string, FluentVariable>[] = [{}];
  for (const [name, keys] of vars.selectors) {
    const values = [...keys].map((key) => (['one', 'few', 'many', 'other', 'zero', 'two'].includes(String(key)) ? ({ one: 1, few: 3, many: 5, other: 5, zero: 0, two: 2 } as Record<string, number>)[String(key)]! : key));
    out = out.flatMap((args) => values.map((value) => ({ ...args, [name]: value })));
  }
  return out.slice(0, 64);
}

function render(key: string, person: () => FluentPerson): string[] {
  const vars = messages.get(key)!;
  return combinations(vars).map((choice) => {
    const args: Record<string, FluentVariable> = {};
    for (const name of vars.all) args[name] = PERSON_VARS.has(name) && !vars.selectors.has(name) ? person() : `‹${name}›`;
    return i18n.t('ru', key, { ...args, ...choice });
  });
}

const ivan = () => personValue('Иван Петров', 'male');
const maria = () => personValue('Мария Соколова', 'female');
/** A neutral «(а)» or «ним(ней)» left where the person's gender is known. */
const NEUTRAL = /\((а|на|ла|ась|ая|ей|ой|ую|ого|ему|ней|ён|ены|ца|ница)\)|\((он|она)\)|он\(а\)/u;
/**
 * Messages whose «(а)» form is not about a person the bot knows by name: `ch-list-bound` shows the binder by a raw
 * VK id (`id{ $by }`, replaced by a name in issue 10's point 2).
 */
const NOT_ABOUT_THE_PERSON = new Set(['ch-list-bound']);

describe('Russian names and endings (issue 10)', () => {
  it('finds the messages that speak of a person', () => {
    expect(withPeople.length).toBeGreaterThan(30);
    expect(withPeople.map(([key]) => key)).toEqual(expect.arrayContaining(['mv-transfer-pick', 'mv-left-confirm', 'ct-assigned', 'mv-child-transferred']));
  });

  it('every message about a known man or woman has no «(а)» form left', () => {
    const leftovers: string[] = [];
    for (const [key] of withPeople) {
      if (NOT_ABOUT_THE_PERSON.has(key)) continue;
      for (const text of [...render(key, ivan), ...render(key, maria)]) if (NEUTRAL.test(text)) leftovers.push(`${key}: ${text}`);
    }
    expect(leftovers).toEqual([]);
  });

  it('a message that chooses by gender says it differently of a woman, in the feminine', () => {
    const gendered = withPeople.filter(([, vars]) => vars.gendered.size > 0);
    expect(gendered.length).toBeGreaterThan(20);
    const same = gendered.filter(([key]) => {
      const plain = (text: string) => text.replace(/Ивана? Петров\p{L}*|Мари\p{L}+ Соколов\p{L}+/gu, '‹имя›');
      return plain(render(key, ivan).join('\n')) === plain(render(key, maria).join('\n'));
    });
    expect(same.map(([key]) => key)).toEqual([]);
  });

  it('the messages the issue quotes are declined and in the person’s gender', () => {
    const t = (key: string, args: Record<string, FluentVariable>) => i18n.t('ru', key, args);
    expect(t('mv-transfer-pick', { person: ivan(), from: '5А' })).toBe('В какой класс перевести Ивана Петрова? Сейчас: 5А.');
    expect(t('mv-transfer-pick', { person: maria(), from: '5А' })).toBe('В какой класс перевести Марию Соколову? Сейчас: 5А.');
    expect(t('mv-child-transferred', { child: ivan(), from: '5А', to: '6А' })).toMatch(/^Вашего ребёнка, Ивана Петрова, перевели из 5А в 6А\./u);
    expect(t('mv-left-confirm', { person: maria() })).toBe('Отметить Марию Соколову как выбывшую? Её роли и права закончатся сразу, созданные ею приглашения будут отозваны.');
    expect(t('mv-left-confirm', { person: ivan() })).toMatch(/^Отметить Ивана Петрова как выбывшего\? Его роли/u);
    expect(t('ct-assigned', { person: personValue('Смирнова Анна Сергеевна', 'female'), name: '5А' })).toBe('Смирнова Анна Сергеевна назначена классным руководителем 5А.');
    expect(t('mv-transferred', { person: maria(), from: '5А', to: '6А' })).toBe('Мария Соколова переведена из 5А в 6А.');
    expect(t('mv-linked', { parent: personValue('Ольга Петрова', 'female'), student: ivan(), className: '5А' })).toBe('Готово: Ольга Петрова связана с учеником Иваном Петровым (5А).');
    expect(t('mv-link-told', { child: maria(), className: '5А' })).toBe('Вы связаны как родитель с ученицей Марией Соколовой (5А).');
    expect(t('ver-already-by', { who: maria(), by: ivan() })).toBe('Статус учителя Марии Соколовой уже подтвердил Иван Петров.');
    expect(t('mv-plan-graduates', { count: 2, names: '11А, 11Б' })).toBe('Выпускаются (2): 11А, 11Б — классы уйдут в архив, ученики и родители выпускников покинут их.');
    expect(t('ct-current', { count: 2, name: '5А', people: 'Иван Петров, Мария Соколова' })).toBe('Классные руководители 5А: Иван Петров, Мария Соколова.');
    expect(t('ct-roster-leads', { count: 0, people: '' })).toBe('Классный руководитель: не назначен');
    expect(t('sc-removed-report', { person: maria(), count: 2, chats: '«А», «Б»' })).toBe('Мария Соколова удалена из чатов: «А», «Б».');
    expect(t('adm-head-replaced', { count: 1, person: maria(), people: '' })).toBe('Мария Соколова больше не руководитель школы.');
    expect(t('adm-role-holders', { count: 0, role: 'deputy', roleName: '', people: '' })).toBe('Заместитель руководителя пока не отмечен.');
    const consent = (child: string) => t('cns-text-parent', { parent: 'Петрова Ольга Николаевна', child, class: '5А', school: '«Школа № 1»', version: '1' });
    expect(consent('Петров Иван')).toContain('Я, Петрова Ольга Николаевна, родитель (законный представитель) Петрова Ивана, ученика 5А, даю согласие');
    expect(consent('Петрова Маша')).toContain('Я, Петрова Ольга Николаевна, родитель (законный представитель) Петровой Маши, ученицы 5А, даю согласие');
  });

  it('the gender comes from the name when nobody gave it, and a neutral wording when the name does not tell', () => {
    const t = (key: string, args: Record<string, FluentVariable>) => i18n.t('ru', key, args);
    expect(t('mv-transferred', { person: personValue('Соколова Мария'), from: '5А', to: '6А' })).toBe('Соколова Мария переведена из 5А в 6А.');
    expect(t('req-already-approved', { by: 'Ольга Кузнецова' })).toBe('Заявку уже приняла Ольга Кузнецова.');
    expect(t('mv-left-confirm', { person: personValue('id601') })).toBe('Отметить выбытие: id601? Роли и права этого человека закончатся сразу, созданные им приглашения будут отозваны.');
    expect(t('ct-assigned', { person: personValue('Саша Ким'), name: '5А' })).toBe('Саша Ким назначен(а) классным руководителем 5А.');
  });

  it('a person shown with an id or as a mention is declined inside it', () => {
    const shown = personValue('Иван Петров', 'male', (name) => `[id601|${name}]`);
    expect(i18n.t('ru', 'mv-transfer-pick', { person: shown, from: '5А' })).toBe('В какой класс перевести [id601|Ивана Петрова]? Сейчас: 5А.');
    expect(i18n.t('ru', 'mv-transferred', { person: shown, from: '5А', to: '6А' })).toBe('[id601|Иван Петров] переведён из 5А в 6А.');
  });

  it('the English locale prints names as they are', () => {
    expect(i18n.t('en', 'mv-transfer-pick', { person: maria(), from: '5А' })).toBe('Which class to transfer Мария Соколова to? Now: 5А.');
  });

  it('students are addressed «вы» and shown a child’s name as the example', () => {
    const student = i18n.t('ru', 'onb-ask-name', { role: 'student' });
    expect(student).toBe('Как вас зовут? Напишите фамилию и имя, например: Смирнов Петя или Иванова Маша.');
    expect(i18n.t('ru', 'onb-bad-name', { role: 'student' })).toContain('Смирнов Петя');
    expect(i18n.t('ru', 'onb-bad-name', { role: 'child' })).toContain('фамилия и имя ребёнка');
    const ty = /(^|[^\p{L}])(ты|тебя|тебе|тобой|твой|твоя|твоё|твои|напиши|выбери|нажми|отправь|введи|укажи)([^\p{L}]|$)/iu;
    const source = readFileSync(`${LOCALES_DIR}/ru.ftl`, 'utf8');
    expect(source.split('\n').filter((line) => !line.startsWith('#') && ty.test(line))).toEqual([]);
  });
});

describe('name forms (src/domain/name-forms.ts)', () => {
  it('tells the surname, the first name and the patronymic whatever the order', () => {
    expect(nameParts(['Петров', 'Иван'])).toEqual(['last', 'first']);
    expect(nameParts(['Иван', 'Петров'])).toEqual(['first', 'last']);
    expect(nameParts(['Смирнова', 'Анна', 'Сергеевна'])).toEqual(['last', 'first', 'middle']);
    expect(nameParts(['Анна', 'Сергеевна', 'Смирнова'])).toEqual(['first', 'middle', 'last']);
    expect(nameParts(['Хабибуллина', 'Зульфия'])).toEqual(['last', 'first']);
    expect(nameParts(['Константин', 'Гусь'])).toEqual(['first', 'last']);
  });

  it('declines each word as what it is, in the order typed', () => {
    expect(declineName('Петров Иван', 'genitive')).toBe('Петрова Ивана');
    expect(declineName('Смирнова Анна Сергеевна', 'dative', 'female')).toBe('Смирновой Анне Сергеевне');
    expect(declineName('Смирнов Петя', 'accusative')).toBe('Смирнова Петю');
    expect(declineName('Иванова Маша', 'instrumental')).toBe('Ивановой Машей');
    expect(declineName('Черных Марина', 'dative', 'female')).toBe('Черных Марине');
    expect(declineName('Иван Петров', 'nominative')).toBe('Иван Петров');
  });

  it('declines a first name of either gender in -а/-я when the gender is unknown, spelled right («Саши», not «Сашы»); the surname stays', () => {
    expect(declineName('Саша Ким', 'genitive')).toBe('Саши Ким');
    expect(declineName('Ким Саша', 'dative')).toBe('Ким Саше');
    expect(declineName('Женя Ли', 'genitive')).toBe('Жени Ли');
    expect(declineName('Женя Ли', 'instrumental')).toBe('Женей Ли');
    expect(declineName('Маша Ким', 'genitive')).toBe('Маши Ким');
  });

  it('addresses a person by the first name, with the patronymic when there is one', () => {
    expect(addressName('Петров Иван')).toBe('Иван');
    expect(addressName('Смирнова Анна Сергеевна')).toBe('Анна Сергеевна');
    expect(addressName('Мария Иванова')).toBe('Мария');
  });

  it('guesses the gender from the name, and says nothing when it cannot tell', () => {
    expect(guessGender('Соколова Мария')).toBe('female');
    expect(guessGender('Иван Петров')).toBe('male');
    expect(guessGender('Саша Ким')).toBeUndefined();
  });

  it('gives a roster’s order, surname first', () => {
    expect(surnameFirst('Иван Петров')).toBe('Петров Иван');
    expect(surnameFirst('Анна Сергеевна Смирнова')).toBe('Смирнова Анна Сергеевна');
    expect(surnameFirst('Петров Иван')).toBe('Петров Иван');
  });
});
