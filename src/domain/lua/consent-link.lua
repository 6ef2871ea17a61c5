-- consent-link: gives a student's request that waits for a parent's consent its link token (one at
-- a time: a new token replaces the old one). ARGV[2] = request id, [3] token, [4] expiry (ms).
local req = getJson(kRequest(ARGV[2]))
if not req or req.status ~= 'pending' or not req.awaitingConsent then return jenc({ ok = false }) end
local linkKey = B .. 'consent:link:' .. req.id
local old = getJson(linkKey)
if old then redis.call('DEL', B .. 'consent:token:' .. old.token) end
local expiresAt = tonumber(ARGV[4])
local ttl = math.max(1, math.ceil((expiresAt - NOW) / 1000))
redis.call('SET', B .. 'consent:token:' .. ARGV[3], req.id, 'EX', ttl)
redis.call('SET', linkKey, jenc({ token = ARGV[3], expiresAt = expiresAt }), 'EX', ttl)
audit(req.applicant.personId, 'consent.link_issued', { requestId = req.id, classId = req.applicant.classId })
return jenc({ ok = true, token = ARGV[3], expiresAt = expiresAt })
