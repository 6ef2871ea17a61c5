-- consent-withdraw: a parent asks to withdraw the consent they gave for a child; the admins confirm.
-- ARGV[2] = child personId, [3] parent personId.
local c = getJson(B .. 'consent:of:' .. ARGV[2])
if not c or c.kind ~= 'parent' or not sameId(c.parentId, ARGV[3]) then return jenc({ ok = false, reason = 'not_yours' }) end
local wkey = B .. 'consent:withdraw:' .. ARGV[2]
if redis.call('EXISTS', wkey) == 1 then return jenc({ ok = true, consent = c, already = true }) end
redis.call('SET', wkey, jenc({ parentId = ARGV[3], at = NOW }))
audit(ARGV[3], 'consent.withdraw_asked', { classId = c.classId })
return jenc({ ok = true, consent = c, already = false })
