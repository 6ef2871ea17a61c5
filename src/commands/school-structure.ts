import type { StepScene } from '@vk-io/scenes';
import type { MessageContext } from 'vk-io';
import { classGridScene } from '../../scenes/class-grid.js';
import { classRenameScene } from '../../scenes/class-rename.js';
import { promotionScene } from '../../scenes/promotion.js';
import type { Feature } from '../features.js';
import { classRosterCommand, classTeacherCommand } from './class-teachers.js';
import { archiveAction, archiveCommand, classesCommand, keepAction, renameCommand } from './classes.js';
import { auditCommand, leftAction, leftCommand, promoteCommand, transferCommand } from './movement.js';
import { adminsCommand, deputyCommand, headCommand, staffCommand } from './roles.js';

type AnyScene = StepScene<MessageContext, Record<string, unknown>>;

/**
 * The school's structure and people, for the administration: classes (F04), admins and the
 * administration (F06, F18), class teachers and rosters (F07), movement and the audit log (F10).
 */
export const schoolStructureFeature: Feature = {
  commands: [
    classesCommand,
    renameCommand,
    archiveCommand,
    classRosterCommand,
    classTeacherCommand,
    staffCommand,
    adminsCommand,
    headCommand,
    deputyCommand,
    transferCommand,
    leftCommand,
    promoteCommand,
    auditCommand,
  ],
  actions: [archiveAction, keepAction, leftAction],
  scenes: (app) => [classGridScene(app), classRenameScene(app), promotionScene(app)] as unknown as AnyScene[],
};
