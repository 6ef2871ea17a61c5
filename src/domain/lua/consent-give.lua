-- consent-give: a parent answers a consent link. ARGV[2] = token, [3] parent personId, [4] parent's name,
-- [5] text version, [6] 'give' | 'decline'. Giving: the child's request becomes reviewable, the
-- consent is recorded, and the parent files a parent request for the child (unless one is open or
-- they are already the child's parent). Declining closes the child's request (reason code no_consent).
local tokenKey = B .. 'consent:token:' .. ARGV[2]
local rid = redis.call('GET', tokenKey)
if not rid then return jenc({ ok = false, reason = 'invalid' }) end
local req = getJson(kRequest(rid))
if not req or req.status ~= 'pending' or not req.awaitingConsent then return jenc({ ok = false, reason = 'invalid' }) end
local a = req.applicant
local pid = ARGV[3]
if sameId(a.personId, pid) then return jenc({ ok = false, reason = 'self' }) end
redis.call('DEL', tokenKey)
redis.call('DEL', B .. 'consent:link:' .. rid)
local cid = a.classId
if ARGV[6] == 'decline' then
  req.status = 'rejected'
  req.decidedBy = 'system'
  req.decidedAt = NOW
  req.reasonCode = 'no_consent'
  req.awaitingConsent = nil
  redis.call('SET', kRequest(rid), jenc(req))
  redis.call('ZREM', kRequestsPending(), rid)
  closeOpen(req)
  audit(pid, 'consent.declined', { requestId = rid, classId = cid, personId = a.personId })
  return jenc({ ok = true, request = req })
end
req.awaitingConsent = nil
req.parentConsent = { kind = 'parent', personId = pid, name = ARGV[4], at = NOW }
redis.call('SET', kRequest(rid), jenc(req))
local consent = { studentId = a.personId, classId = cid, requestId = rid, kind = 'parent', parentId = pid,
  parentName = ARGV[4], version = ARGV[5], at = NOW }
redis.call('SET', B .. 'consent:of:' .. a.personId, jenc(consent))
redis.call('SADD', B .. 'consent:by:' .. pid, a.personId)
audit(pid, 'consent.given', { requestId = rid, classId = cid, personId = a.personId }, { version = ARGV[5] })
-- The parent's own request for this child, unless they are already its parent here or have one open.
local parentRequest = nil
local key = nameKey(a.name)
local already = false
for _, l in ipairs(getLinks(cid, pid)) do
  if nameKey(l.childName) == key or sameId(l.childId, a.personId) then already = true end
end
local applicant = { personId = pid, name = ARGV[4], classId = cid, consent = true, consentVersion = ARGV[5], role = 'parent', childName = a.name }
local field = openField(applicant)
if not already and not redis.call('HGET', kRequestsOpen(), field) then
  local prid = 'r' .. redis.call('INCR', kSeq('request'))
  parentRequest = { id = prid, inviteId = req.inviteId, applicant = applicant, createdAt = NOW, status = 'pending' }
  redis.call('SET', kRequest(prid), jenc(parentRequest))
  redis.call('ZADD', kRequestsPending(), NOW, prid)
  redis.call('HSET', kRequestsOpen(), field, prid)
  redis.call('SADD', kRequestsOf(pid), prid)
  audit(pid, 'consent.parent_request', { requestId = prid, classId = cid, personId = pid }, { childRequestId = rid })
end
return jenc({ ok = true, request = req, parentRequest = parentRequest })
