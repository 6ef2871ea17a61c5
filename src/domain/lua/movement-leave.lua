-- movement-leave: marks a member as left (roles, rosters, invites, pending requests; a student's
-- linked parents). ARGV[2] = vkId, [3] actor, [4] reason code for the rejected requests.


local m = getMember(ARGV[2])
if not m then return jenc({ error = 'member_not_found' }) end
if m.status ~= 'active' then return jenc({ member = m, changed = false, revokedInvites = 0 }) end
if has(m.roles, 'admin') and redis.call('SCARD', kRole('admin')) <= 1 then return jenc({ error = 'last_admin' }) end
local actor = ARGV[3]
if actor ~= 'system' then actor = tonumber(actor) end
local studentOf = {}
for _, cid in ipairs(m.classIds) do
  if redis.call('SISMEMBER', kStudents(cid), m.vkId) == 1 then table.insert(studentOf, cid) end
end
local revoked, rejected = leaveSchool(m, actor, ARGV[4])
local parents = {}
for _, cid in ipairs(studentOf) do
  for _, entry in ipairs(detachChild(m.vkId, cid, actor, ARGV[4])) do table.insert(parents, entry) end
end
local function auditRejected(vkId, rejectedRequests)
  for _, r in ipairs(rejectedRequests) do
    audit(actor, 'request.rejected', { requestId = r.id, classId = r.classId, vkId = vkId }, { role = r.role, cause = 'left' })
  end
end
audit(actor, 'movement.left', { vkId = m.vkId },
  { revokedInvites = revoked, rejectedRequests = #rejected, parents = #parents })
auditRejected(m.vkId, rejected)
for _, p in ipairs(byVkId(parents)) do
  local pid = p.member.vkId
  audit(actor, 'family.child_unlinked', { vkId = pid, classId = p.classId }, { childVkId = m.vkId, leftClass = p.leftClass })
  if p.leftSchool then
    audit(actor, 'movement.left', { vkId = pid }, { cause = 'child_left', rejectedRequests = #p.rejected })
    auditRejected(pid, p.rejected)
  end
end
return jenc({ member = m, changed = true, revokedInvites = revoked, rejectedRequests = rejected, parents = parents, studentOf = studentOf })
