import { paramError } from '../errors.js';
import { userObject } from '../objects.js';
import type { MethodContext, MethodTable } from '../types.js';

/** users.get: ids or screen names (≤ 1000), optional fields; `name_case` is accepted and ignored. Unknown ids come back as deleted. */
function get(ctx: MethodContext): unknown {
  const p = ctx.params;
  const refs = p.strList('user_ids');
  if (p.has('user_id')) refs.push(p.requireStr('user_id'));
  if (refs.length > 1000) throw paramError('user_ids: too many ids, maximum is 1000');
  const fields = p.strList('fields');
  const { state, baseUrl } = ctx.emu;
  return refs.flatMap((ref) => {
    const user = state.findUser(ref);
    if (user) return [userObject(user, fields, baseUrl)];
    if (/^\d+$/.test(ref)) {
      return [{ id: Number(ref), first_name: 'DELETED', last_name: '', deactivated: 'deleted', can_access_closed: true, is_closed: false }];
    }
    return [];
  });
}

/** The users.* family. */
export const usersMethods: MethodTable = {
  'users.get': get,
};
