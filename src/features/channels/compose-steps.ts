/**
 * The first two steps of a dialog that composes a text for a system channel (the /post and /submit
 * dialogs): which channel, with buttons of the bound ones, then the text, checked and never cut.
 * A dialog puts them first (steps 0 and 1) and adds its own steps after them.
 */
import type { Translate } from '../../i18n.js';
import type { ChannelKind } from '../../domain/index.js';
import type { DialogContext, DialogStepHandler } from '../../turn.js';
import { cancelButton, replyKeyboard, sceneButton, type Button } from '../shared/keyboards.js';
import { sceneValue } from '../shared/payload.js';
import { checkPostText, parseChannelKind, postChannels } from './channels.js';
import { takeAttachments } from './post-attachments.js';
import { choiceProblem } from '../shared/answers.js';

/** What a composing dialog keeps: the channel, the text and (for a post) its photos and documents, already the community's own. */
export interface ComposeState extends Record<string, unknown> {
  kind?: ChannelKind;
  text?: string;
  attachment?: string | undefined;
}

/** The words of one composing dialog's first steps. */
export interface ComposeWords {
  /** Locale key of what is said (and the dialog left) when no channel is bound. */
  readonly noneBound: string;
  /** Locale key of the channel question. */
  readonly askChannel: string;
  /** The text question for the chosen channel. */
  askText(t: Translate, kind: ChannelKind): string;
  /** Whether photos and documents may come with the text (a post); otherwise a message with any is asked again. */
  readonly attachments?: boolean;
}

/** Asks with these rows and «Отмена» under them (the problem with the last answer first). */
export function askWithCancel(context: DialogContext<object>, text: string, rows: Button[][], problem?: string): Promise<unknown> {
  return context.turn.reply(problem ? `${problem}\n\n${text}` : text, replyKeyboard([...rows, [cancelButton(context.turn.t)]]));
}

/** Step 0, the channel, and step 1, the text, of the dialog `slug`. */
export function composeSteps<State extends ComposeState>(slug: string, words: ComposeWords): [DialogStepHandler<State>, DialogStepHandler<State>] {
  const channelStep: DialogStepHandler<State> = async (context) => {
    const { t, app } = context.turn;
    const channels = await postChannels(app);
    if (channels.length === 0) {
      await context.turn.reply(t(words.noneBound), replyKeyboard([]));
      return context.leave();
    }
    const rows = [channels.map((c) => sceneButton(slug, t('ch-btn-channel', { kind: c.kind }), c.kind, 'primary'))];
    const question = t(words.askChannel);
    if (context.firstTime) return askWithCancel(context, question, rows);
    const pressed = sceneValue(context.payload, slug) ?? (context.hasPayload ? undefined : parseChannelKind(context.text));
    const chosen = channels.find((c) => c.kind === pressed);
    if (!chosen) return askWithCancel(context, question, rows, choiceProblem(context));
    context.state.kind = chosen.kind;
    return context.next();
  };
  const textStep: DialogStepHandler<State> = async (context) => {
    const { t } = context.turn;
    const { kind } = context.state;
    if (!kind) return context.go(0);
    const question = words.askText(t, kind);
    if (context.firstTime) return askWithCancel(context, question, []);
    if (context.hasPayload) return askWithCancel(context, question, [], t('button-stale'));
    const files = context.message.attachments.length;
    if (files > 0 && !words.attachments) return askWithCancel(context, question, [], t('ch-attach-not-here'));
    // A post may be photos or documents alone; the text, when there is one, is checked as always.
    const checked = files > 0 && !context.text ? { ok: true as const, text: '' } : checkPostText(t, context.text);
    if (!checked.ok) return askWithCancel(context, question, [], checked.problem);
    const taken = await takeAttachments(context.turn.app, t, context.message);
    if (!taken.ok) return askWithCancel(context, question, [], taken.problem);
    context.state.text = checked.text;
    context.state.attachment = taken.attachment;
    return context.next();
  };
  return [channelStep, textStep];
}
