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
  /** What a caller it does not allow is told, when more can be said than «not for you» (e.g. why, and what to do). */
  refusal?(turn: Turn): string;
  /** Only in a private dialog (it asks personal data or opens a dialog). */
  readonly dmOnly?: boolean;
  /**
   * The arguments a dmOnly command typed in a chat gets when it continues in the private dialog
   * (default: as typed); e.g. the chat's id, for a command about the chat it was typed in.
   */
  privateArgs?(message: IncomingMessage, args: string): string;
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
  меню: 'menu',
  help: 'help',
  start: 'start',
  cancel: 'cancel',
  menu: 'menu',
};

/**
 * Reads a bare command word (`помощь`, `Начать!`, `отмена.`) typed alone. The router takes it only in a
 * private dialog or, in a chat, after the bot's name, so that plain talk there stays plain talk.
 */
export function parseBareCommand(text: string): ParsedCommand | null {
  const word = text.trim().replace(/[.!?…]+$/u, '').trim().toLocaleLowerCase('ru-RU');
  const name = BARE_WORDS[word];
  return name ? { name, args: '' } : null;
}

/** Reads a command from a message text: `/help`, `/помощь args`, also with a bot's `@name` suffix (`/help@school`). */
export function parseCommand(text: string): ParsedCommand | null {
  const match = /^\/([\p{L}\d_-]{1,32})(?:@\S+)?(?:\s+([\s\S]*))?$/u.exec(text.trim());
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
