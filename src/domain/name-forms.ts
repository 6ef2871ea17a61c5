/**
 * People's names in Russian sentences: which word of a typed name is the surname, the first name and the
 * patronymic; the name in a grammatical case (lvovich); the person's gender when nobody told it.
 * The words keep the order the person typed them in; only their endings change.
 */
import { getFirstnameGender, getLastnameGender, getMiddlenameGender, inclineFirstname, inclineLastname, inclineMiddlename } from 'lvovich';
import type { Gender } from './types.js';

/** The six Russian cases; `nominative` is the name as typed. */
export const NAME_CASES = ['nominative', 'genitive', 'dative', 'accusative', 'instrumental', 'prepositional'] as const;
export type NameCase = (typeof NAME_CASES)[number];

/** Narrows a string to a case name. */
export function isNameCase(value: unknown): value is NameCase {
  return typeof value === 'string' && (NAME_CASES as readonly string[]).includes(value);
}

type Part = 'first' | 'last' | 'middle' | 'other';

const PATRONYMIC = /(ович|евич|ьич|ична|инична|овна|евна|оглы|кызы)$/iu;
/** Endings of Russian surnames, for telling «Петров Иван» from «Иван Петров». */
const SURNAME = /(ов|ев|ёв|ин|ын|ова|ева|ёва|ына|ский|цкий|ская|цкая|ской|ых|их|енко|ко|ук|юк|чук|ян|дзе|швили|ман|берг|ович|евич)$/iu;
/**
 * Common first names, full and short (the way children are called), whose endings could pass for a
 * surname's (Марина, Константин) or which tell the order of two words when the surname is unusual.
 */
const FIRST_NAMES = new Set(
  (
    'александр алексей анатолий андрей антон аркадий арсений артём артем борис вадим валентин валерий василий вениамин виктор виталий ' +
    'владимир владислав вячеслав геннадий георгий глеб григорий даниил данил денис дмитрий евгений егор захар иван игорь илья кирилл ' +
    'константин лев леонид максим марк матвей михаил никита николай олег павел пётр петр роман руслан савелий семён семен сергей ' +
    'станислав степан тимофей тимур фёдор федор юрий ярослав яков саша алёша алеша лёша леша петя ваня вова миша коля серёжа ' +
    'сережа дима женя митя костя паша гоша гриша федя витя толя слава стёпа степа тёма тема юра ' +
    'александра алёна алена алина алиса алла анастасия ангелина анна валентина валерия варвара вера вероника виктория галина дарья ' +
    'диана ева евгения екатерина елена елизавета жанна зинаида злата зоя инна ирина кира кристина ксения лариса лидия любовь людмила ' +
    'маргарита марина мария милана надежда наталья наталия нина оксана ольга полина раиса светлана софья софия таисия тамара ' +
    'татьяна ульяна юлия яна ярослава маша даша катя настя лена таня оля ира юля аня света наташа соня поля варя вика лиза ксюша ' +
    'надя галя люба мила алёнка уля'
  ).split(/\s+/u),
);

/** Which word of the name is which: a patronymic by its ending, then the first name by the list, else by a surname's ending. */
export function nameParts(words: readonly string[]): Part[] {
  const parts: Part[] = words.map((w) => (PATRONYMIC.test(w) && words.length > 1 ? 'middle' : 'other'));
  const rest = words.map((_, i) => i).filter((i) => parts[i] === 'other');
  if (rest.length === 1) {
    // «Иван Петрович»: a first name with its patronymic; a lone word is a first name.
    parts[rest[0]!] = words.length === 1 && SURNAME.test(words[0]!) ? 'last' : 'first';
    return parts;
  }
  const middle = parts.indexOf('middle');
  const known = rest.filter((i) => FIRST_NAMES.has(words[i]!.toLocaleLowerCase('ru-RU')));
  let first: number;
  if (middle > 0 && parts[middle - 1] === 'other') first = middle - 1; // «… Иван Петрович», «Иван Петрович Сидоров»
  else if (known.length === 1) first = known[0]!;
  else {
    const surnames = rest.filter((i) => SURNAME.test(words[i]!));
    // Two words: the one that is not a surname is the first name; else the order people are asked for, «Фамилия Имя».
    const notSurname = rest.filter((i) => !surnames.includes(i));
    first = surnames.length >= 1 && notSurname.length === 1 ? notSurname[0]! : (rest[1] ?? rest[0]!);
  }
  for (const i of rest) parts[i] = i === first ? 'first' : 'last';
  return parts;
}

function split(name: string): string[] {
  return name.trim().split(/\s+/u).filter(Boolean);
}

/** The person's gender from their name (lvovich), undefined when the name does not tell (Саша Ким). */
export function guessGender(name: string): Gender | undefined {
  const words = split(name);
  const parts = nameParts(words);
  const pick = (part: Part) => words.filter((_, i) => parts[i] === part).join(' ') || null;
  // Each part on its own (lvovich's own merge gives up on «Козлова Маша»): a patronymic decides; else the parts must agree.
  const middle = pick('middle');
  const byMiddle = middle ? getMiddlenameGender(middle) : null;
  if (byMiddle === 'female' || byMiddle === 'male') return byMiddle;
  const first = pick('first');
  const last = pick('last');
  const said = [first ? getFirstnameGender(first) : null, last ? getLastnameGender(last) : null].filter((g): g is Gender => g === 'female' || g === 'male');
  if (said.length === 0 || said.some((g) => g !== said[0])) return undefined;
  return said[0];
}

/** The name in a case, each word declined as what it is, in the order typed; unknown gender is guessed from the name. */
export function declineName(name: string, nameCase: NameCase, gender?: Gender): string {
  const words = split(name);
  if (nameCase === 'nominative' || words.length === 0) return name.trim();
  const sex = gender ?? guessGender(name);
  const parts = nameParts(words);
  return words
    .map((word, i) => {
      // A word in Latin letters or with digits is left as it is.
      if (!/^[\p{Script=Cyrillic}'’-]+$/u.test(word)) return word;
      switch (parts[i]) {
        case 'first':
          // A first name in -а/-я declines alike for both genders (Саша → Саши, Женя → Жени): lvovich needs one to decline it at all.
          return firstNameFix(word, nameCase, inclineFirstname(word, nameCase, sex ?? (/[ая]$/iu.test(word) ? 'female' : undefined)));
        case 'middle':
          return inclineMiddlename(word, nameCase, sex);
        default:
          return inclineLastname(word, nameCase, sex);
      }
    })
    .join(' ');
}

/**
 * lvovich writes «Машой», «Сашой»: after ж, ш, ч, щ, ц an unstressed ending is «-ей» (Машей, Сашей, Мишей);
 * and «ы» is never written after г, к, х, ж, ч, ш, щ (Саши, Ольги, not «Сашы»).
 */
function firstNameFix(word: string, nameCase: NameCase, declined: string): string {
  const spelled = declined.replace(/([гкхжчшщ])ы$/u, '$1и');
  return nameCase === 'instrumental' && /[жшчщц]а$/u.test(word) ? spelled.replace(/ой$/u, 'ей') : spelled;
}

/** A roster's order of the same name: «Фамилия Имя Отчество». */
export function surnameFirst(name: string): string {
  const words = split(name);
  const parts = nameParts(words);
  const of = (part: Part) => words.filter((_, i) => parts[i] === part);
  return [...of('last'), ...of('other'), ...of('first'), ...of('middle')].join(' ') || name.trim();
}

/** How a person is addressed: the first name with the patronymic when there is one («Анна Сергеевна», «Иван»); the name as typed when it has no first name. */
export function addressName(name: string): string {
  const words = split(name);
  const parts = nameParts(words);
  const address = words.filter((_, i) => parts[i] === 'first' || parts[i] === 'middle');
  return address.length > 0 ? address.join(' ') : name.trim();
}
