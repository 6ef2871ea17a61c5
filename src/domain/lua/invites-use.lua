-- invites-use: takes one use of an invite and files a pending join request, or says why not.
-- ARGV[2] = invite id, [3] applicant JSON, [4] 'parent' when the request waits for a parent's consent.
local inv = getJson(kInvite(ARGV[2]))
if not inv then return jenc({ ok = false, reason = 'not_found' }) end
if inv.revoked then return jenc({ ok = false, reason = inv.revokedCause == 'promotion' and 'outdated' or 'revoked' }) end
if inv.uses >= inv.maxUses then return jenc({ ok = false, reason = 'used_up' }) end
if NOW >= inv.expiresAt then return jenc({ ok = false, reason = 'expired' }) end
local c = getJson(kClass(inv.classId))
if not c or c.status ~= 'active' then return jenc({ ok = false, reason = 'revoked' }) end
local a = cjson.decode(ARGV[3])
local cid = inv.classId
local member = false
if inv.role == 'student' then member = redis.call('SISMEMBER', kStudents(cid), a.personId) == 1
elseif inv.role == 'parent' then
  -- A parent may join a class once per child: the same child (by name or linked student) is a repeat.
  member = hasChild(cid, a.personId, a.childName)
else member = redis.call('SISMEMBER', kTeachers(cid), a.personId) == 1 end
if member then return jenc({ ok = false, reason = 'already_member' }) end
local field = openField(a)
local open = redis.call('HGET', kRequestsOpen(), field)
if open then return jenc({ ok = false, reason = 'already_pending', requestId = open }) end
inv.uses = inv.uses + 1
redis.call('SET', kInvite(inv.id), jenc(inv))
local rid = 'r' .. redis.call('INCR', kSeq('request'))
local req = { id = rid, inviteId = inv.id, applicant = a, createdAt = NOW, status = 'pending' }
if ARGV[4] == 'parent' then req.awaitingConsent = true end
redis.call('SET', kRequest(rid), jenc(req))
redis.call('ZADD', kRequestsPending(), NOW, rid)
redis.call('HSET', kRequestsOpen(), field, rid)
redis.call('SADD', kRequestsOf(a.personId), rid)
audit(a.personId, 'invite.used', { inviteId = inv.id, requestId = rid, classId = cid, personId = a.personId })
return jenc({ ok = true, request = req })
