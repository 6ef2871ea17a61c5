-- consent-remove: an admin confirms a withdrawn consent; the child's data is removed: the member
-- record, rosters, parent links, requests (pending ones closed, all records deleted) and the consent.
-- The audit entry names no one, and the child's id is erased from the earlier entries (as actor: 'system').
-- ARGV[2] = child personId, [3] actor.
local actor = getMember(ARGV[3])
if not actor or actor.status ~= 'active' or not has(actor.roles, 'admin') then return jenc({ ok = false, reason = 'forbidden' }) end
local wkey = B .. 'consent:withdraw:' .. ARGV[2]
local w = getJson(wkey)
local c = getJson(B .. 'consent:of:' .. ARGV[2])
if not w or not c then return jenc({ ok = false, reason = 'not_found' }) end
local childId = ARGV[2]
local parents = {}
local m = getMember(childId)
-- The withdrawing parent's own pending request for this child, and an unmatched link by the child's
-- name, go too (they hold the child's name).
local childReq = getJson(kRequest(c.requestId))
local childKey = nameKey((m and m.name) or (childReq and childReq.applicant.name) or '')
local pid = c.parentId
if pid and childKey ~= '' then
  for _, rid in ipairs(redis.call('ZRANGE', kRequestsPending(), 0, -1)) do
    local r = getJson(kRequest(rid))
    if r and r.status == 'pending' and r.applicant.role == 'parent' and sameId(r.applicant.personId, pid)
        and r.applicant.classId == c.classId and nameKey(r.applicant.childName) == childKey then
      r.status = 'rejected'
      r.decidedBy = actor.personId
      r.decidedAt = NOW
      r.reasonCode = 'no_consent'
      redis.call('SET', kRequest(rid), jenc(r))
      redis.call('ZREM', kRequestsPending(), rid)
      closeOpen(r)
    end
  end
  local links = getLinks(c.classId, pid)
  local kept = {}
  for _, l in ipairs(links) do
    if not (l.childId == nil and nameKey(l.childName) == childKey) then table.insert(kept, l) end
  end
  if #kept < #links and #kept > 0 then setLinks(c.classId, pid, kept) end
end
if m then
  local studentOf = {}
  for _, cid in ipairs(m.classIds) do
    if redis.call('SISMEMBER', kStudents(cid), m.personId) == 1 then table.insert(studentOf, cid) end
  end
  if m.status == 'active' then leaveSchool(m, actor.personId, 'left') end
  for _, cid in ipairs(studentOf) do
    for _, entry in ipairs(detachChild(childId, cid, actor.personId, 'left')) do table.insert(parents, entry.member.personId) end
  end
  redis.call('DEL', kMember(childId))
  redis.call('SREM', kMembers(), childId)
  for _, r in ipairs(ROLES) do redis.call('SREM', kRole(r), childId) end
end
rejectPendingOf(childId, actor.personId, 'left')
for _, rid in ipairs(redis.call('SMEMBERS', kRequestsOf(childId))) do
  redis.call('DEL', B .. 'consent:link:' .. rid)
  redis.call('DEL', kRequest(rid))
end
redis.call('DEL', kRequestsOf(childId))
redis.call('DEL', B .. 'consent:of:' .. childId)
redis.call('DEL', wkey)
if c.parentId then redis.call('SREM', B .. 'consent:by:' .. c.parentId, childId) end
-- The child's id goes from the journal too: as the target, a linked child, or the one who acted.
local needle = tostring(childId)
local entries = redis.call('LRANGE', kAudit(), 0, -1)
for i, raw in ipairs(entries) do
  if string.find(raw, needle, 1, true) then
    local e = cjson.decode(raw)
    local changed = false
    local t = type(e.target) == 'table' and e.target or {}
    local d = type(e.details) == 'table' and e.details or nil
    if sameId(t.personId, childId) then t.personId = nil changed = true end
    if d and sameId(d.childId, childId) then d.childId = nil changed = true end
    if sameId(e.actor, childId) then e.actor = 'system' changed = true end
    if changed then
      local entry = '{"id":' .. cjson.encode(e.id) .. ',"at":' .. cjson.encode(e.at) .. ',"actor":' .. cjson.encode(e.actor)
        .. ',"action":' .. cjson.encode(e.action) .. ',"target":' .. jobj(t)
      if d then entry = entry .. ',"details":' .. jobj(d) end
      redis.call('LSET', kAudit(), i - 1, entry .. '}')
    end
  end
end
audit(actor.personId, 'consent.withdrawn', {}, { parents = #parents })
return jenc({ ok = true, parentId = w.parentId, classId = c.classId })
