/**
 * The rules for names people give the school when they join: their own, and a parent's child's.
 * The onboarding dialog checks an answer with them to say at once what is wrong; the domain checks
 * them again when a join request is filed, whoever files it.
 */

/** The longest name the school keeps. */
export const MAX_NAME_LENGTH = 100;

export type NameCheck = { ok: true; value: string } | { ok: false; problem: 'empty' | 'command' | 'too-long' | 'format' };

/** A person's name as people type it: 2–4 words of letters (hyphens and apostrophes inside), at most 100 characters. */
export function checkPersonName(raw: string): NameCheck {
  const value = raw.trim().replace(/\s+/g, ' ');
  if (!value) return { ok: false, problem: 'empty' };
  if (value.startsWith('/')) return { ok: false, problem: 'command' };
  if (value.length > MAX_NAME_LENGTH) return { ok: false, problem: 'too-long' };
  const word = "\\p{L}+(?:['’-]\\p{L}+)*";
  if (!new RegExp(`^${word}(?: ${word}){1,3}$`, 'u').test(value)) return { ok: false, problem: 'format' };
  return { ok: true, value };
}
