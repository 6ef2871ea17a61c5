import type { MessageContext } from 'vk-io';
import type { ActionContext, ActionRegistry } from './shared/action-registry.js';
import type { App } from '../app.js';
import { parseBareCommand, parseCommand, type CommandContext, type CommandSpec } from './shared/command-registry.js';
import { commandButton } from './shared/pick-keyboard.js';
import { answerStranger, isStranger } from './first-contact/answer-stranger.js';
import { replyKeyboard } from './shared/keyboards.js';
import type { Middleware } from '../runtime/middleware.js';
import { parsePayload, type ParsedPayload } from './shared/payload.js';
import { turnOf, type Turn } from '../turn.js';
import type { VkUpdate } from '../runtime/update-gate.js';

/** Routes what a person sends to a command or a callback action; dialogs get what they should. */
export class Router {
  /**
   * @param toPrivate hands a message over as if the person had written it in their private dialog
   *   (the bot's update gate takes it like any update, with its own session and dialogs).
   */
  constructor(
    private readonly app: App,
    private readonly actions: ActionRegistry,
    private readonly toPrivate: (update: VkUpdate) => Promise<unknown>,
  ) {}

  /** While a dialog is open, commands meant for that (/cancel, /help, /lang) still work; all else goes to the dialog. */
  commandsInDialog(): Middleware {
    return async (context, next) => {
      const message = context as CommandContext;
      if (!message.scene.current) return next();
      const request = this.commandOf(message, parsePayload(message.messagePayload));
      const command = request && this.app.commands.find(request.name);
      if (!request || !command?.inDialog) return next();
      return this.runCommand(message, command, request.args);
    };
  }

  /**
   * Outside dialogs: buttons, commands, deep links. Anything else in a private dialog is answered: a
   * stranger gets first contact (how to join, or their pending request), a member the hint with a help button.
   */
  route(): Middleware {
    return async (context) => {
      const message = context as CommandContext;
      const turn = turnOf(message);
      const parsed = parsePayload(message.messagePayload);
      if (parsed.kind === 'invalid' || (parsed.kind === 'ours' && parsed.payload.k !== 'cmd')) return turn.reply(turn.t('button-stale'));
      const request = this.commandOf(message, parsed) ?? (message.referralValue ? { name: 'start', args: '' } : null);
      if (request) {
        const command = this.app.commands.find(request.name);
        if (!command) return turn.reply(turn.t('command-unknown'));
        return this.runCommand(message, command, request.args);
      }
      if (!message.isDM) return undefined;
      if (isStranger(turn.caller)) return answerStranger(turn.app, turn);
      return turn.reply(turn.t('text-unknown'), replyKeyboard([[commandButton(turn.t('btn-help'), 'help')]]));
    };
  }

  /** Callback button presses: runs the action named in the payload and always answers the press (a snackbar or a plain stop of the spinner). */
  routeAction(): Middleware {
    return async (context) => {
      const event = context as ActionContext;
      const turn = turnOf(event);
      const parsed = parsePayload(event.eventPayload);
      const payload = parsed.kind === 'ours' && parsed.payload.k === 'cb' ? parsed.payload : undefined;
      const action = payload && this.actions.find(payload.a);
      let snackbar: string | void = turn.t('button-stale-short');
      try {
        if (action && payload) snackbar = await action.run(event, payload, turn, turn.app);
      } finally {
        await this.app.gateway
          .call('messages.sendMessageEventAnswer', {
            event_id: event.eventId,
            user_id: event.userId,
            peer_id: event.peerId,
            event_data: snackbar ? JSON.stringify({ type: 'show_snackbar', text: [...snackbar].slice(0, 90).join('') }) : undefined,
          })
          .catch(() => undefined);
      }
    };
  }

  /** A command the message asks for: typed (`/help`, or a bare `помощь`), or pressed (a button with a command payload). */
  private commandOf(message: MessageContext, parsed: ParsedPayload): { name: string; args: string } | null {
    if (parsed.kind === 'ours' && parsed.payload.k === 'cmd') return { name: parsed.payload.c, args: parsed.payload.a ?? '' };
    if (parsed.kind === 'start') return { name: 'start', args: '' };
    if (parsed.kind === 'ours') return null;
    const groupId = this.app.config.VK_GROUP_ID;
    return parseCommand(message.text, groupId) ?? parseBareCommand(message.text, groupId, !message.isDM);
  }

  /** Runs a command after checking, at this moment, that the caller may use it here. */
  private async runCommand(context: CommandContext, command: CommandSpec, args: string): Promise<unknown> {
    const turn = turnOf(context);
    if (!command.allowed(turn.caller)) return turn.reply(turn.t('command-denied'));
    if (command.dmOnly && !context.isDM) return this.continueInPrivate(context, turn, `/${command.name} ${args}`.trim());
    this.app.logger.debug({ command: command.name, from: turn.caller.vkId }, 'command');
    return command.run(context, args, turn, turn.app);
  }

  /**
   * A command that shows personal data or opens a dialog, typed in a chat: it runs in the person's
   * private dialog instead (the chat learns only that the answer went there). VK lets the bot write
   * to people who wrote to it or allowed its messages; others are asked to write to it first.
   */
  private async continueInPrivate(context: CommandContext, turn: Turn, text: string): Promise<unknown> {
    const vkId = turn.caller.vkId;
    const { is_allowed: allowed } = await this.app.gateway.call<{ is_allowed: number }>('messages.isMessagesFromGroupAllowed', { group_id: this.app.config.VK_GROUP_ID, user_id: vkId });
    if (!allowed) return turn.reply(turn.t('private-first', { group: String(this.app.config.VK_GROUP_ID) }));
    const eventId = turn.eventId ?? `${context.peerId}:${context.conversationMessageId}`;
    await this.toPrivate({
      type: 'message_new',
      group_id: this.app.config.VK_GROUP_ID,
      event_id: `${eventId}:private`,
      object: {
        message: { id: 0, date: Math.floor(Date.now() / 1000), peer_id: vkId, from_id: vkId, text, conversation_message_id: 0, out: 0, attachments: [], fwd_messages: [], important: false, random_id: 0 },
        client_info: context.clientInfo,
      },
    });
    return turn.reply(turn.t('private-moved', { id: String(vkId) }));
  }
}

