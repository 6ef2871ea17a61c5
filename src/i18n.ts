import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { FluentBundle, FluentNumber, FluentResource, FluentType, type FluentFunction, type FluentValue, type FluentVariable } from '@fluent/bundle';
import type { Gender } from './domain/types.js';
import { declineName, guessGender, isNameCase } from './domain/name-forms.js';

export const LOCALES = ['ru', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

/** Where the .ftl files live: `locales/` at the project root. */
export const LOCALES_DIR = fileURLToPath(new URL('../locales/', import.meta.url));

/** Thrown at start when a locale file has a syntax error; names the file and the problem. */
export class LocaleFileError extends Error {
  override readonly name = 'LocaleFileError';
}

/** What a message needs to speak of a person: the name as they gave it, their gender if known, how the name is shown. */
export interface PersonValue {
  name: string;
  gender?: Gender;
  /** Wraps the (declined) name for display, e.g. as a mention or with an id; the name as it is by default. */
  show?: (name: string) => string;
}

/**
 * A person as a message argument: `{ $person }` prints the name as given; `{ NAME($person, case: "dative") }`
 * prints it declined (Russian); `{ GENDER($person) -> [female] … [male] … *[other] … }` chooses the endings.
 */
export class FluentPerson extends FluentType<PersonValue> {
  override toString(): string {
    return this.value.show ? this.value.show(this.value.name) : this.value.name;
  }

  /** The gender to speak of them with: the one given, else the name's (lvovich), else undefined. */
  gender(): Gender | undefined {
    return this.value.gender ?? guessGender(this.value.name);
  }
}

/** A person argument for a message (see {@link FluentPerson}). */
export function personValue(name: string, gender?: Gender, show?: (name: string) => string): FluentPerson {
  return new FluentPerson({ name, ...(gender ? { gender } : {}), ...(show ? { show } : {}) });
}

export type TranslateArgs = Record<string, FluentVariable>;
/** A translation function bound to one locale. */
export type Translate = (key: string, args?: TranslateArgs) => string;

/** Loads every `locales/<locale>.ftl` once; `t(locale, key, args)` formats a message. */
export class I18n {
  private readonly bundles = new Map<Locale, FluentBundle>();
  private readonly ids = new Map<Locale, string[]>();
  /** Messages formatted with plain arguments (see formattedKey), by locale, key and arguments. */
  private readonly formatted = new Map<string, string>();

  constructor(
    readonly defaultLocale: Locale = 'ru',
    dir: string = LOCALES_DIR,
  ) {
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.ftl'))) {
      const locale = file.slice(0, -4) as Locale;
      if (!LOCALES.includes(locale)) continue;
      // useIsolating: false — VK shows the Unicode isolation marks as garbage.
      const bundle = new FluentBundle(locale, { useIsolating: false, functions: personFunctions(locale) });
      const resource = new FluentResource(readFileSync(`${dir}/${file}`, 'utf8'));
      const errors = bundle.addResource(resource);
      this.ids.set(locale, resource.body.map((entry) => entry.id).filter((id) => !id.startsWith('-')));
      if (errors.length > 0) throw new LocaleFileError(`${file}: ${errors[0]!.message}; fix the syntax in locales/${file}`);
      this.bundles.set(locale, bundle);
    }
    if (!this.bundles.has(defaultLocale)) throw new LocaleFileError(`locales/${defaultLocale}.ftl is missing`);
  }

  /** Message ids defined for a locale (used by the locale completeness test). */
  keys(locale: Locale): string[] {
    return this.ids.get(locale) ?? [];
  }

  /** Whether a key exists in the given locale. */
  has(locale: Locale, key: string): boolean {
    return this.bundles.get(locale)?.hasMessage(key) ?? false;
  }

  /** Formats `key` in `locale`, falling back to the default locale, then to the key itself. */
  t(locale: Locale, key: string, args?: TranslateArgs): string {
    const memo = formattedKey(locale, key, args);
    const kept = memo === undefined ? undefined : this.formatted.get(memo);
    if (kept !== undefined) return kept;
    const own = this.bundles.get(locale);
    const bundle = own?.hasMessage(key) ? own : this.bundles.get(this.defaultLocale)!;
    const message = bundle.getMessage(key);
    if (!message?.value) return key;
    const text = bundle.formatPattern(message.value, args && ungrouped(args));
    if (memo !== undefined) {
      if (this.formatted.size >= FORMATTED_MAX) this.formatted.clear();
      this.formatted.set(memo, text);
    }
    return text;
  }

  /** Returns a translate function bound to a locale. */
  bind(locale: Locale): Translate {
    return (key, args) => this.t(locale, key, args);
  }
}

/**
 * The functions messages use for people. `NAME($person, case: "genitive")`: the name in a case (Russian; other
 * languages print it as it is), for a {@link FluentPerson} or a plain name. `GENDER($person)`: `female`, `male` or
 * `unknown` (known gender, else lvovich's guess from the name), to select the endings of the words about them.
 */
function personFunctions(locale: Locale): Record<string, FluentFunction> {
  const NAME: FluentFunction = ([arg], named) => {
    const nameCase = named.case;
    const declinable = locale === 'ru' && isNameCase(nameCase);
    if (arg instanceof FluentPerson) {
      const { name, show } = arg.value;
      const shown = declinable ? declineName(name, nameCase, arg.gender()) : name;
      return show ? show(shown) : shown;
    }
    if (typeof arg === 'string') return declinable ? declineName(arg, nameCase) : arg;
    return arg ?? '';
  };
  const GENDER: FluentFunction = ([arg]: FluentValue[]) => {
    const gender = arg instanceof FluentPerson ? arg.gender() : typeof arg === 'string' ? guessGender(arg) : undefined;
    return gender ?? 'unknown';
  };
  return { NAME, GENDER };
}

/** At most this many formatted messages are kept (then the lot is dropped and kept again as they come). */
const FORMATTED_MAX = 1000;

/**
 * The key a formatted message is kept under: a message is a pure function of its locale, key and
 * arguments, so one shown again with the same plain arguments (strings, numbers: a school's name, a
 * count) is not formatted again; undefined (not kept) when an argument is anything else, e.g. a person.
 */
function formattedKey(locale: Locale, key: string, args: TranslateArgs | undefined): string | undefined {
  let memo = `${locale}\u0000${key}`;
  for (const name in args) {
    const value = args[name];
    if (typeof value === 'string') memo += `\u0000${name}\u0001${value}`;
    else if (typeof value === 'number') memo += `\u0000${name}\u0002${value}`;
    else return undefined;
  }
  return memo;
}

/** Numbers print without digit grouping: a VK id 123456 must not become «123 456» (plurals still work). */
function ungrouped(args: TranslateArgs): TranslateArgs {
  const out: TranslateArgs = {};
  for (const [name, value] of Object.entries(args)) out[name] = typeof value === 'number' ? new FluentNumber(value, { useGrouping: false }) : value;
  return out;
}

/** Narrows a string to a supported locale. */
export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

/** A date and time in the school's time zone, in the reader's language, e.g. «29 нояб. 2026 г., 03:20». */
export function formatWhen(ms: number, timeZone: string, locale: Locale = 'ru'): string {
  return new Date(ms).toLocaleString(locale === 'ru' ? 'ru-RU' : 'en-GB', { timeZone, dateStyle: 'medium', timeStyle: 'short' });
}
