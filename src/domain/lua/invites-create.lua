-- invites-create: stores a new invite whose token and code invites-index.lua has claimed.
-- ARGV[2] = invite JSON without id. Replies { invite } or { error }.
local inv = cjson.decode(ARGV[2])
-- The author's right, checked in the same step as the write (a right taken away meanwhile counts).
if not can(inv.createdBy, 'invite.create', inv.classId, inv.role) then return jenc({ error = 'forbidden' }) end
local c = getJson(kClass(inv.classId))
if not c then return jenc({ error = 'class_not_found' }) end
if c.status ~= 'active' then return jenc({ error = 'class_archived' }) end
if (inv.role == 'teacher') ~= (c.kind == 'staff') then return jenc({ error = 'wrong_target' }) end
inv.id = 'i' .. redis.call('INCR', kSeq('invite'))
redis.call('SET', kInvite(inv.id), jenc(inv))
redis.call('ZADD', kInvites(), inv.createdAt, inv.id)
redis.call('SADD', kClassInvites(inv.classId), inv.id)
if inv.createdBy ~= 'system' then redis.call('SADD', kInvitesByAuthor(inv.createdBy), inv.id) end
audit(inv.createdBy, 'invite.created', { inviteId = inv.id, classId = inv.classId }, { role = inv.role, maxUses = inv.maxUses })
return jenc({ invite = inv })
