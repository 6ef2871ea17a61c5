import { paramError } from './errors.js';

const INT_RE = /^-?\d+$/;

/** Parses a VK flag: `1`/`true` are true, `0`/`false`/empty are false (vk-io sends `true`/`false`). */
export function parseFlag(value: string | undefined): boolean {
  if (value === undefined) return false;
  const v = value.trim().toLowerCase();
  return v === '1' || v === 'true';
}

/** Typed, VK-style access to a call's string parameters; missing or malformed values raise error 100 with VK's text. */
export class Params {
  private readonly values: Readonly<Record<string, string>>;

  constructor(values: Readonly<Record<string, string>>) {
    this.values = values;
  }

  /** All raw values. */
  all(): Readonly<Record<string, string>> {
    return this.values;
  }

  /** True when the parameter is present and not empty. */
  has(name: string): boolean {
    const v = this.values[name];
    return v !== undefined && v !== '';
  }

  /** The raw string, or undefined when absent (an empty string is returned as is). */
  str(name: string): string | undefined {
    return this.values[name];
  }

  /** The string, or error 100 "<name> is undefined". */
  requireStr(name: string): string {
    const v = this.values[name];
    if (v === undefined || v === '') throw paramError(`${name} is undefined`);
    return v;
  }

  /** An integer parameter, or undefined; error 100 "<name> not integer" when malformed. */
  int(name: string): number | undefined {
    const v = this.values[name];
    if (v === undefined || v === '') return undefined;
    if (!INT_RE.test(v.trim())) throw paramError(`${name} not integer`);
    return Number(v.trim());
  }

  /** A required integer parameter. */
  requireInt(name: string): number {
    const v = this.int(name);
    if (v === undefined) throw paramError(`${name} is undefined`);
    return v;
  }

  /** A flag parameter (`1`/`true`). */
  flag(name: string): boolean {
    return parseFlag(this.values[name]);
  }

  /** A comma-separated list of integers (empty list when absent). */
  intList(name: string): number[] {
    const v = this.values[name];
    if (v === undefined || v.trim() === '') return [];
    return v.split(',').map((part) => {
      const t = part.trim();
      if (!INT_RE.test(t)) throw paramError(`${name} not integer`);
      return Number(t);
    });
  }

  /** A comma-separated list of strings (empty list when absent). */
  strList(name: string): string[] {
    const v = this.values[name];
    if (v === undefined || v.trim() === '') return [];
    return v
      .split(',')
      .map((s) => s.trim())
      .filter((s) => s !== '');
  }
}
