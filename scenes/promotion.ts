import type { App } from '../src/app.js';
import type { Translate } from '../src/i18n.js';
import { replyKeyboard, type Button, cancelButton, sceneButton, type ButtonColor } from '../src/features/shared/keyboards.js';
import { pageToken, parsePageToken, pickerPage, withPageNote } from '../src/features/shared/paging.js';
import { sceneValue } from '../src/features/shared/payload.js';
import type { PromotionPlan } from '../src/domain/types.js';
import { promoteAndTell } from '../src/features/movement/promote-classes.js';
import type { DialogContext, DialogDefinition, DialogStepHandler } from '../src/turn.js';
import { PROMOTION } from '../src/features/movement/dialogs.js';

interface PromotionState extends Record<string, unknown> {
  /** Ids of classes that stay in their grade this time. */
  keep?: string[];
  /** The plan the person was shown; applying checks nothing changed since. */
  plan?: PromotionPlan;
  /** The page of class buttons shown in the «keep» step. */
  keepPage?: number;
}

type PromotionContext = DialogContext<PromotionState>;

const PLAN_STEP = 0;
const KEEP_STEP = 1;

const button = (label: string, value: string, color?: ButtonColor): Button => sceneButton(PROMOTION, label, value, color);

/** The plan in words: moves, graduates, classes kept, and conflicts with what to do about them. */
function planText(t: Translate, plan: PromotionPlan, names: Map<string, string>): string {
  const lines = [t('mv-plan-header')];
  if (plan.moves.length > 0) lines.push('', t('mv-plan-moves', { count: plan.moves.length }), plan.moves.map((m) => `${m.from} → ${m.to}`).join(', '));
  if (plan.graduates.length > 0) lines.push('', t('mv-plan-graduates', { count: plan.graduates.length, names: plan.graduates.map((g) => g.name).join(', ') }));
  if (plan.kept.length > 0) lines.push('', t('mv-plan-kept', { names: plan.kept.map((id) => names.get(id) ?? id).join(', ') }));
  if (plan.conflicts.length > 0) {
    lines.push('', t('mv-plan-conflicts'));
    for (const c of plan.conflicts) lines.push(t('mv-plan-conflict', { from: c.from, to: c.to, blocking: names.get(c.blockingClassId) ?? c.to }));
  }
  return lines.join('\n');
}

function planRows(t: Translate, plan: PromotionPlan): Button[][] {
  const rows: Button[][] = [];
  if (plan.conflicts.length === 0) rows.push([button(t('mv-btn-promote'), 'apply', 'positive')]);
  rows.push([button(t('mv-btn-keep'), 'keep')]);
  rows.push([cancelButton(t)]);
  return rows;
}

/** The dialog: show the plan; confirm applies it atomically, «keep» toggles classes that stay; stale or conflicting plans are shown again. */
function promotionSteps(): DialogStepHandler<PromotionState>[] {
  const classNames = async (app: App) => new Map((await app.services.classes.list({ includeArchived: true })).map((c) => [c.id, c.name]));

  const showPlan = async (context: PromotionContext, plan: PromotionPlan, problem?: string): Promise<unknown> => {
    const { t } = context.turn;
    context.state.plan = plan;
    const text = planText(t, plan, await classNames(context.turn.app));
    return context.turn.reply(problem ? `${problem}\n\n${text}` : text, replyKeyboard(planRows(t, plan)));
  };

  const planStep = async (context: PromotionContext): Promise<unknown> => {
    const turn = context.turn;
    const { t, app } = turn;
    const keep = context.state.keep ?? [];
    if (context.firstTime) {
      const plan = await app.services.movement.previewPromotion({ keep });
      if (plan.moves.length + plan.graduates.length + plan.kept.length === 0) {
        await turn.reply(t('mv-plan-nothing'), replyKeyboard([]));
        return context.leave();
      }
      return showPlan(context, plan);
    }
    const pressed = sceneValue(context.payload, PROMOTION);
    const plan = context.state.plan;
    if (pressed === 'keep') return context.go(KEEP_STEP);
    if (pressed !== 'apply' || !plan) {
      const fresh = plan ?? (await app.services.movement.previewPromotion({ keep }));
      return showPlan(context, fresh, t(context.hasPayload ? 'button-stale' : 'invalid-choice'));
    }
    const outcome = await promoteAndTell(app, turn, plan);
    if (outcome.kind === 'has-conflicts') return showPlan(context, outcome.plan, t('mv-plan-has-conflicts'));
    if (outcome.kind === 'refused') {
      await turn.reply(outcome.text, replyKeyboard([]));
      return context.leave();
    }
    if (outcome.kind === 'conflict') return showPlan(context, outcome.plan, t('mv-promote-conflict'));
    if (outcome.kind === 'stale') return showPlan(context, outcome.plan, t('mv-promote-stale'));
    const { result, told } = outcome;
    const lines = [t('mv-promoted', { moved: result.plan.moves.length, graduated: result.plan.graduates.length, people: result.graduatedMembers })];
    if (result.revokedInvites > 0) lines.push(t('mv-promoted-invites', { count: result.revokedInvites }));
    if (told.total > 0) lines.push(t('mv-promoted-told', told));
    await turn.reply(lines.join('\n'), replyKeyboard([]));
    return context.leave();
  };

  const keepStep = async (context: PromotionContext): Promise<unknown> => {
    const { t, app } = context.turn;
    const keep = context.state.keep ?? [];
    const classes = (await app.services.classes.list()).filter((c) => c.kind === 'regular');
    const pressed = context.firstTime ? undefined : sceneValue(context.payload, PROMOTION);
    const turnTo = parsePageToken(pressed);
    if (turnTo !== undefined) context.state.keepPage = turnTo;
    const picked = pickerPage(t, classes.map((c) => button(keep.includes(c.id) ? t('mv-btn-kept', { name: c.name }) : c.name, c.id)), {
      perRow: 5,
      page: context.state.keepPage ?? 1,
      goTo: (label, n) => button(label, pageToken(n), 'primary'),
      tail: [[button(t('mv-btn-back-to-plan'), 'back'), cancelButton(t)]],
    });
    const question = withPageNote(t('mv-keep-ask'), picked);
    const ask = (problem?: string) => context.turn.reply(problem ? `${problem}\n\n${question}` : question, replyKeyboard(picked.rows));
    if (context.firstTime || turnTo !== undefined) return ask();
    if (pressed === 'back') return context.go(PLAN_STEP);
    if (!pressed || !classes.some((c) => c.id === pressed)) return ask(t(context.hasPayload ? 'button-stale' : 'invalid-choice'));
    context.state.keep = keep.includes(pressed) ? keep.filter((id) => id !== pressed) : [...keep, pressed];
    return context.go(PLAN_STEP);
  };

  return [planStep, keepStep];
}

export const promotionDialog: DialogDefinition<PromotionState> = { slug: PROMOTION, steps: promotionSteps() };
