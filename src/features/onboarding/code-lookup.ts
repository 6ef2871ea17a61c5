import { z } from 'zod';
import type { App } from '../../app.js';
import { looksLikeInviteCode, type InviteView } from '../../domain/index.js';
import type { AnswerProblem } from '../shared/answers.js';
import type { Turn } from '../../turn.js';
import { parseCommand } from '../shared/command-registry.js';

export type CodeLookup = { ok: true; view: InviteView } | { ok: false; text: string; final: boolean };

/** Looks an invite code up for the caller; a wrong code says how many tries are left, too many wrong ones stop (`final`). */
export async function lookupCode(app: App, turn: Turn, code: string): Promise<CodeLookup> {
  const { t } = turn;
  const found = await app.services.invites.findByCode(turn.caller.personId, code.slice(0, 40));
  if (found.ok) return found;
  if (found.reason === 'throttled') return { ok: false, final: true, text: t('onb-code-throttled', { minutes: Math.max(1, Math.ceil(found.retryAfterMs / 60_000)) }) };
  return { ok: false, final: false, text: t('onb-code-not-found', { left: found.attemptsLeft }) };
}

/**
 * The code in a text typed as the answer to the code step: the text itself, or the code of a typed
 * /join CODE (by any of /join's names); undefined for another command or a /join without a code.
 */
function typedCode(app: App, text: string): string | undefined {
  if (!text.startsWith('/')) return text;
  const command = parseCommand(text);
  return command && app.commands.find(command.name)?.name === 'join' && command.args ? command.args : undefined;
}

/**
 * The answer to the code step, as its schema: not empty; a code, or a /join with one ({@link typedCode};
 * another command is refused as a command); shaped like an invite code (else the step's «onb-code-malformed»).
 */
export function inviteCodeAnswer(app: App) {
  return z
    .string()
    .refine((text) => text.length > 0, { params: { problem: 'empty' } satisfies AnswerProblem, abort: true })
    .transform((text, check) => {
      const code = typedCode(app, text);
      if (code !== undefined) return code;
      check.addIssue({ code: 'custom', params: { problem: 'command' } satisfies AnswerProblem });
      return z.NEVER;
    })
    .refine(looksLikeInviteCode);
}
