import type { App } from '../../app.js';
import { canSomewhere, type Action } from '../../domain/index.js';
import type { IncomingMessage } from '../../messenger/events.js';
import type { Caller, Turn } from '../../turn.js';

/**
 * Who may run a command: anyone whose roles the permission matrix allows `action` for some class
 * (so a class teacher may use /invite for their own class). The service checks the exact scope again.
 */
export function may(action: Action): (caller: Caller) => boolean {
  return (caller) => canSomewhere(caller.member, action);
}

/** One command of the bot: its names, who may use it, and what it does. /help is generated from these. */
export interface CommandSpec {
  /** Latin name, typed as /name. */
  readonly name: string;
  /** Other names, Russian first: /помощь for /help. */
  readonly aliases: readonly string[];
  /** Locale key of the one-line description shown in /help. */
  readonly summaryKey: string;
  /** Whether the caller may use it (checked on every run, not only in /help). */
  allowed(caller: Caller): boolean;
  /** Only in a private dialog (it asks personal data or opens a dialog). */
  readonly dmOnly?: boolean;
  /** Runs also while a dialog is open (e.g. /cancel, /help); others ask to finish the dialog first. */
  readonly inDialog?: boolean;
  /** Hidden from /help (still usable). */
  readonly hidden?: boolean;
  run(message: IncomingMessage, args: string, turn: Turn, app: App): Promise<unknown>;
}

export interface ParsedCommand {
  name: string;
  args: string;
}

/** Words that work as commands when typed alone without a slash, as people write them: «помощь», «начать», «отмена». */
const BARE_WORDS: Readonly<Record<string, string>> = {
  помощь: 'help',
  начать: 'start',
  отмена: 'cancel',
  help: 'help',
  start: 'start',
  cancel: 'cancel',
};

/** Splits the community's mention off the front of a text: the rest, whether it was there, or null for another community's mention. */
function withoutMention(text: string, groupId: number): { rest: string; mentioned: boolean } | null {
  const rest = text.trim();
  const mention = /^\[(club|public)(\d+)\|[^\]]*\][\s,:]*/i.exec(rest);
  if (!mention) return { rest, mentioned: false };
  if (Number(mention[2]) !== groupId) return null;
  return { rest: rest.slice(mention[0].length), mentioned: true };
}

/**
 * Reads a bare command word (`помощь`, `Начать!`, `отмена.`) typed alone. In a chat it counts only after
 * the community's mention, so plain talk there stays plain talk.
 */
export function parseBareCommand(text: string | undefined, groupId: number, inChat: boolean): ParsedCommand | null {
  if (!text) return null;
  const split = withoutMention(text, groupId);
  if (!split || (inChat && !split.mentioned)) return null;
  const word = split.rest.replace(/[.!?…]+$/u, '').trim().toLocaleLowerCase('ru-RU');
  const name = BARE_WORDS[word];
  return name ? { name, args: '' } : null;
}

/**
 * Reads a command from a message text: `/help`, `/помощь args`, also after the community's
 * mention (`[club123|@school] /help`) and with VK's `@name` suffix (`/help@school`).
 */
export function parseCommand(text: string | undefined, groupId: number): ParsedCommand | null {
  if (!text) return null;
  const split = withoutMention(text, groupId);
  if (!split) return null;
  const match = /^\/([\p{L}\d_-]{1,32})(?:@\S+)?(?:\s+([\s\S]*))?$/u.exec(split.rest);
  if (!match) return null;
  return { name: match[1]!.toLowerCase(), args: (match[2] ?? '').trim() };
}

/** Finds commands by any of their names. */
export class CommandRegistry {
  private readonly byName = new Map<string, CommandSpec>();

  constructor(readonly all: readonly CommandSpec[]) {
    for (const command of all) {
      for (const name of [command.name, ...command.aliases]) {
        const key = name.toLowerCase();
        if (this.byName.has(key)) throw new Error(`command name /${key} is used twice; rename one in src/features`);
        this.byName.set(key, command);
      }
    }
  }

  /** The command with this name or alias. */
  find(name: string): CommandSpec | undefined {
    return this.byName.get(name.toLowerCase());
  }

  /** Commands the caller may use, in registry order, for /help. */
  availableTo(caller: Caller): CommandSpec[] {
    return this.all.filter((command) => !command.hidden && command.allowed(caller));
  }
}
