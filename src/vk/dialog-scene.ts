import { StepScene, type IStepContext } from '@vk-io/scenes';
import type { MessageContext } from 'vk-io';
import { turnOf, type DialogContext, type DialogDefinition, type DialogStart } from '../turn.js';
import { incomingMessage, type VkMessageContext } from './incoming.js';

type SceneState = Record<string, unknown> & DialogStart;
type StepContext = IStepContext<SceneState> & MessageContext;

/** One step's context in the port's words, over @vk-io/scenes' step context. */
function dialogContext<State extends object>(context: StepContext, groupId: number): DialogContext<State> {
  const message = incomingMessage(context as unknown as VkMessageContext, groupId);
  return {
    message,
    turn: turnOf(context),
    text: message.text,
    payload: message.payload,
    hasPayload: context.hasMessagePayload,
    chat: message.chat,
    isPrivate: message.isPrivate,
    get firstTime() {
      return context.scene.step.firstTime;
    },
    state: context.scene.state as State,
    next: () => context.scene.step.next(),
    go: (index) => context.scene.step.go(index),
    leave: () => context.scene.leave(),
    enter: (slug, options) => context.scene.enter(slug, options),
  };
}

/** Runs a dialog of the community `groupId` on @vk-io/scenes: each step gets the port's DialogContext; `state.startAt` picks the first step. */
export function stepSceneOf<State extends object>(dialog: DialogDefinition<State>, groupId: number): StepScene<MessageContext, SceneState> {
  return new StepScene<MessageContext, SceneState>(dialog.slug, {
    steps: dialog.steps.map((step) => (context: StepContext) => step(dialogContext<State>(context, groupId))),
    enterHandler: (context) => {
      const { startAt } = context.scene.state;
      if (startAt === undefined) return;
      context.scene.state.startAt = undefined;
      context.scene.step.stepId = startAt;
    },
  });
}
