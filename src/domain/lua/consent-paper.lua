-- consent-paper: an admin records that a parent's consent on paper was received for a student's
-- request waiting for it; the request becomes reviewable. ARGV[2] = request id, [3] actor, [4] text version.
local m = getMember(ARGV[3])
if not m or m.status ~= 'active' or not has(m.roles, 'admin') then return jenc({ ok = false, reason = 'forbidden' }) end
local req = getJson(kRequest(ARGV[2]))
if not req then return jenc({ ok = false, reason = 'not_found' }) end
if req.status ~= 'pending' or not req.awaitingConsent then return jenc({ ok = false, reason = 'not_waiting' }) end
local a = req.applicant
local old = getJson(B .. 'consent:link:' .. req.id)
if old then redis.call('DEL', B .. 'consent:token:' .. old.token) end
redis.call('DEL', B .. 'consent:link:' .. req.id)
req.awaitingConsent = nil
req.parentConsent = { kind = 'paper', by = m.personId, at = NOW }
redis.call('SET', kRequest(req.id), jenc(req))
local consent = { studentId = a.personId, classId = a.classId, requestId = req.id, kind = 'paper',
  recordedBy = m.personId, version = ARGV[4], at = NOW }
redis.call('SET', B .. 'consent:of:' .. a.personId, jenc(consent))
audit(m.personId, 'consent.paper', { requestId = req.id, classId = a.classId, personId = a.personId }, { version = ARGV[4] })
return jenc({ ok = true, request = req })
