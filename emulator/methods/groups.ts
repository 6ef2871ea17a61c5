import { paramError } from '../errors.js';
import { groupObject } from '../objects.js';
import type { MethodContext, MethodTable } from '../types.js';

/** groups.getById (5.199 shape `{groups, profiles}`); without ids it returns the token's own community. */
function getById(ctx: MethodContext): unknown {
  const p = ctx.params;
  const { options, baseUrl } = ctx.emu;
  const refs = p.strList('group_ids');
  if (p.has('group_id')) refs.push(p.requireStr('group_id'));
  if (refs.length === 0) refs.push(String(options.groupId));
  const own = new Set([String(options.groupId), `club${options.groupId}`, `public${options.groupId}`, options.screenName]);
  for (const ref of refs) {
    if (!own.has(ref.trim())) throw paramError('group_ids is invalid');
  }
  return { groups: [groupObject(options, baseUrl)], profiles: [] };
}

/** groups.getLongPollServer: `{key, server, ts}`; `group_id` must be the token's community. */
function getLongPollServer(ctx: MethodContext): unknown {
  const groupId = ctx.params.requireInt('group_id');
  if (groupId !== ctx.emu.options.groupId) throw paramError('group_id is invalid');
  return ctx.emu.longPollServer();
}

/** The groups.* family. */
export const groupsMethods: MethodTable = {
  'groups.getById': getById,
  'groups.getLongPollServer': getLongPollServer,
};
