import { enterJoinCode } from './dialogs.js';
import type { App } from '../../app.js';
import type { Turn } from '../../turn.js';
import type { CommandSpec } from '../shared/command-registry.js';
import type { IncomingMessage } from '../../messenger/events.js';
import { beginOnboarding } from './begin-onboarding.js';
import { lookupCode } from './code-lookup.js';

/** Opens onboarding for the token of a deep link (`ref` of the person's first message). */
export async function joinByToken(context: IncomingMessage, turn: Turn, app: App, token: string): Promise<unknown> {
  const view = /^[A-Za-z0-9_-]{16,64}$/.test(token) ? await app.services.invites.findByToken(token) : undefined;
  return beginOnboarding(context, turn, app, view);
}

/** /join CODE: joins by the short code of an invite (wrong codes are throttled per person); without a code, asks for it. */
export const joinCommand: CommandSpec = {
  name: 'join',
  aliases: ['вступить', 'код'],
  summaryKey: 'onb-cmd-join',
  dmOnly: true,
  allowed: () => true,
  async run(context, args, turn, app) {
    if (!args.trim()) return enterJoinCode(context.dialogs);
    const found = await lookupCode(app, turn, args);
    if (!found.ok) return turn.reply(found.text);
    return beginOnboarding(context, turn, app, found.view);
  },
};
