-- invites-revoke-unused: revokes every active invite nobody used, if the actor may (checked here),
-- and audits how many. ARGV[2] = actor, [3] class id or '' for the whole school.
local ids
if ARGV[3] == '' then ids = redis.call('ZRANGE', kInvites(), 0, -1) else ids = redis.call('SMEMBERS', kClassInvites(ARGV[3])) end
-- The right, checked in the same step: school-wide for an admin; a class teacher of the class
-- only for its student and parent invites.
local roles = INVITE_ROLES
if not can(ARGV[2], 'invite.revoke') then
  if ARGV[3] == '' or not can(ARGV[2], 'invite.revoke', ARGV[3], 'student') then return jenc({ error = 'forbidden' }) end
  roles = { 'student', 'parent' }
end
local by = ARGV[2]

local revoked = {}
for _, id in ipairs(ids) do
  local inv = getJson(kInvite(id))
  if inv and not inv.revoked and inv.uses == 0 and NOW < inv.expiresAt and has(roles, inv.role) then
    inv.revoked = true
    inv.revokedAt = NOW
    inv.revokedBy = by
    redis.call('SET', kInvite(id), jenc(inv))
    table.insert(revoked, id)
  end
end
local target = {}
if ARGV[3] ~= '' then target.classId = ARGV[3] end
audit(by, 'invite.revoked_unused', target, { count = #revoked })
return jenc({ revoked = revoked })
