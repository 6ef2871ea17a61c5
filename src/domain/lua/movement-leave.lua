-- movement-leave: marks a member as left (roles, rosters, invites, pending requests; a student's
-- linked parents). ARGV[2] = personId, [3] actor, [4] reason code for the rejected requests.
-- The actor's right, checked in the same step as the write (a right taken away meanwhile counts).
if not can(ARGV[3], 'movement.record') then return jenc({ error = 'forbidden' }) end


local m = getMember(ARGV[2])
if not m then return jenc({ error = 'member_not_found' }) end
if m.status ~= 'active' then return jenc({ member = m, changed = false, revokedInvites = 0 }) end
if has(m.roles, 'admin') and redis.call('SCARD', kRole('admin')) <= 1 then return jenc({ error = 'last_admin' }) end
local actor = ARGV[3]
local studentOf = {}
for _, cid in ipairs(m.classIds) do
  if redis.call('SISMEMBER', kStudents(cid), m.personId) == 1 then table.insert(studentOf, cid) end
end
local revoked, rejected = leaveSchool(m, actor, ARGV[4])
local parents = {}
for _, cid in ipairs(studentOf) do
  for _, entry in ipairs(detachChild(m.personId, cid, actor, ARGV[4])) do table.insert(parents, entry) end
end
local function auditRejected(personId, rejectedRequests)
  for _, r in ipairs(rejectedRequests) do
    audit(actor, 'request.rejected', { requestId = r.id, classId = r.classId, personId = personId }, { role = r.role, cause = 'left' })
  end
end
audit(actor, 'movement.left', { personId = m.personId },
  { revokedInvites = revoked, rejectedRequests = #rejected, parents = #parents })
auditRejected(m.personId, rejected)
for _, p in ipairs(byPersonId(parents)) do
  local pid = p.member.personId
  audit(actor, 'family.child_unlinked', { personId = pid, classId = p.classId }, { childId = m.personId, leftClass = p.leftClass })
  if p.leftSchool then
    audit(actor, 'movement.left', { personId = pid }, { cause = 'child_left', rejectedRequests = #p.rejected })
    auditRejected(pid, p.rejected)
  end
end
return jenc({ member = m, changed = true, revokedInvites = revoked, rejectedRequests = rejected, parents = parents, studentOf = studentOf })
