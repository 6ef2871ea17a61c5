import type { ActionRegistry } from './shared/action-registry.js';
import type { App } from '../app.js';
import type { ButtonPress, IncomingMessage } from '../messenger/events.js';
import type { PersonId } from '../domain/person.js';
import { parseBareCommand, parseCommand, type CommandSpec } from './shared/command-registry.js';
import { commandButton } from './shared/pick-keyboard.js';
import { answerStranger, isStranger } from './first-contact/answer-stranger.js';
import { constantKeyboard, replyKeyboard } from './shared/keyboards.js';
import { parsePayload, type ParsedPayload } from './shared/payload.js';
import type { Turn } from '../turn.js';
import { addressName } from '../domain/name-forms.js';

/** A command typed in a chat, to run as if the person had written it in their private dialog. */
export interface PrivateCopy {
  person: PersonId;
  text: string;
  /** The event id of the copy (the chat message's, with `:private`), so that a redelivery is one copy. */
  eventId: string;
  language: string | undefined;
}

/** Routes what a person sends to a command or a callback action; dialogs get what they should. */
export class Router {
  /**
   * @param toPrivate hands a message over as if the person had written it in their private dialog
   *   (the bot's update gate takes it like any update, with its own session and dialogs).
   */
  constructor(
    private readonly app: App,
    private readonly actions: ActionRegistry,
    private readonly toPrivate: (message: PrivateCopy) => Promise<unknown>,
  ) {}

  /** While a dialog is open, commands meant for that (/cancel, /help, /lang) still work; all else goes to the dialog. */
  async commandsInDialog(message: IncomingMessage, turn: Turn, next: () => Promise<unknown>): Promise<unknown> {
    if (!message.dialogs.current) return next();
    const request = this.commandOf(message, parsePayload(message.payload));
    const command = request && this.app.commands.find(request.name);
    if (!request || !command?.inDialog) return next();
    return this.runCommand(message, turn, command, request.args);
  }

  /**
   * Outside dialogs: buttons, commands, deep links. Anything else in a private dialog is answered: a
   * stranger gets first contact (how to join, or their pending request), a member the hint with a help button.
   */
  async route(message: IncomingMessage, turn: Turn): Promise<unknown> {
    const parsed = parsePayload(message.payload);
    if (parsed.kind === 'invalid' || (parsed.kind === 'ours' && parsed.payload.k !== 'cmd')) return turn.reply(turn.t('button-stale'));
    const request = this.commandOf(message, parsed) ?? (message.startRef ? { name: 'start', args: '' } : null);
    if (request) {
      const command = this.app.commands.find(request.name);
      if (!command) return turn.reply(turn.t('command-unknown'));
      return this.runCommand(message, turn, command, request.args);
    }
    if (!message.isPrivate) return undefined;
    if (isStranger(turn.caller)) return answerStranger(turn.app, turn);
    return turn.reply(turn.t('text-unknown'), constantKeyboard(this.app.i18n, turn.locale, 'help', (t) => replyKeyboard([[commandButton(t('btn-help'), 'help')]])));
  }

  /** Callback button presses: runs the action named in the payload and always answers the press (a short notice, or just the end of the spinner). */
  async routeAction(press: ButtonPress, turn: Turn): Promise<void> {
    const parsed = parsePayload(press.payload);
    const payload = parsed.kind === 'ours' && parsed.payload.k === 'cb' ? parsed.payload : undefined;
    const action = payload && this.actions.find(payload.a);
    let notice: string | void = turn.t('button-stale-short');
    try {
      if (action && payload) notice = await action.run(press, payload, turn, turn.app);
    } finally {
      await turn.app.messenger.answerPress(press, notice || undefined).catch(() => undefined);
    }
  }

  /** A command the message asks for: typed (`/help`, or a bare `помощь`), or pressed (a button with a command payload). */
  private commandOf(message: IncomingMessage, parsed: ParsedPayload): { name: string; args: string } | null {
    if (parsed.kind === 'ours' && parsed.payload.k === 'cmd') return { name: parsed.payload.c, args: parsed.payload.a ?? '' };
    if (parsed.kind === 'start') return { name: 'start', args: '' };
    if (parsed.kind === 'ours') return null;
    // A message naming another bot is not for this one; in a chat a bare word counts only after the bot's name.
    if (message.mention === 'other') return null;
    return parseCommand(message.text) ?? (message.isPrivate || message.mention === 'bot' ? parseBareCommand(message.text) : null);
  }

  /** Runs a command after checking, at this moment, that the caller may use it here. */
  private async runCommand(message: IncomingMessage, turn: Turn, command: CommandSpec, args: string): Promise<unknown> {
    if (!command.allowed(turn.caller)) return turn.reply(command.refusal?.(turn) ?? turn.t('command-denied'));
    if (command.dmOnly && !message.isPrivate) return this.continueInPrivate(message, turn, `/${command.name} ${command.privateArgs?.(message, args) ?? args}`.trim());
    this.app.logger.debug({ command: command.name, from: turn.caller.personId }, 'command');
    return command.run(message, args, turn, turn.app);
  }

  /**
   * A command that shows personal data or opens a dialog, typed in a chat: it runs in the person's
   * private dialog instead (the chat learns only that the answer went there). VK lets the bot write
   * to people who wrote to it or allowed its messages; others are asked to write to it first.
   */
  private async continueInPrivate(message: IncomingMessage, turn: Turn, text: string): Promise<unknown> {
    const person = turn.caller.personId;
    if (!(await turn.app.messenger.mayWrite(person))) return turn.reply(turn.t('private-first', { link: turn.app.messenger.dialogLink() }));
    const eventId = turn.eventId ?? `${message.chat}:${message.ref.id}`;
    await this.toPrivate({ person, text, eventId: `${eventId}:private`, language: message.language });
    // The chat sees whom the answer went to, called by their first name («Иван, ответ — в личных сообщениях…»).
    const name = turn.caller.member?.name.trim() || [(await turn.app.messenger.profile(person).catch(() => undefined))?.firstName].join('').trim();
    return turn.reply(turn.t('private-moved', { person: turn.app.messenger.mention(person, name ? addressName(name) : turn.t('pp-nameless')) }));
  }
}
