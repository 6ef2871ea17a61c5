-- invites-revoke: revokes one invite if the actor may (checked here, in the same step);
-- idempotent. ARGV[2] = invite id, [3] actor.
local inv = getJson(kInvite(ARGV[2]))
if not inv then return jenc({ error = 'not_found' }) end
if not can(ARGV[3], 'invite.revoke', inv.classId, inv.role) then return jenc({ error = 'forbidden' }) end
if inv.revoked then return jenc({ invite = inv, changed = false }) end
inv.revoked = true
inv.revokedAt = NOW
inv.revokedBy = ARGV[3]
redis.call('SET', kInvite(inv.id), jenc(inv))
audit(inv.revokedBy, 'invite.revoked', { inviteId = inv.id, classId = inv.classId })
return jenc({ invite = inv, changed = true })
