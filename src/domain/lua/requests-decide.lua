-- requests-decide: decides a pending join request, if the actor may (checked here, in the same
-- step); on approval creates or updates the member, the roster and the child links.
-- ARGV[2] = request id, [3] 'approved' | 'rejected', [4] actor, [5] reason ('' for none).
local req = getJson(kRequest(ARGV[2]))
if not req then return jenc({ ok = false, reason = 'not_found' }) end
-- The reviewer's right, checked in the same step as the decision (a right taken away meanwhile counts).
if not can(ARGV[4], 'request.review', req.applicant.classId, req.applicant.role) then
  return jenc({ ok = false, reason = 'forbidden' })
end
if req.status ~= 'pending' then
  return jenc({ ok = false, reason = 'already_decided', decidedBy = req.decidedBy, status = req.status })
end
-- A young student's request waits for a parent's consent (consent-give, consent-paper) before anyone decides it.
if req.awaitingConsent then return jenc({ ok = false, reason = 'awaiting_consent' }) end
local decision = ARGV[3]
local actor = ARGV[4]
local a = req.applicant
local cid = a.classId
local m = nil
local child = nil
local linkedParents = {}
-- Parents of the class waiting with the new student's name get the student's id, if the name
-- now points at exactly one student of the class.
local function linkWaitingParents(cid, student)
  local linked = {}
  local key = nameKey(student.name)
  if key == '' then return linked end
  local matches = nil
  for _, pid in ipairs(redis.call('HKEYS', kParents(cid))) do
    local links = getLinks(cid, pid)
    local changed = false
    for _, l in ipairs(links) do
      if sameId(l.childId, student.personId) then changed = nil end
    end
    for _, l in ipairs(links) do
      if changed == false and l.childId == nil and nameKey(l.childName) == key then
        matches = matches or #studentsNamed(cid, student.name)
        if matches == 1 then
          l.childId = student.personId
          changed = true
        end
      end
    end
    if changed then
      setLinks(cid, pid, links)
      table.insert(linked, pid)
    end
  end
  return linked
end
if decision == 'approved' then
  local c = getJson(kClass(cid))
  if not c or c.status ~= 'active' then return jenc({ ok = false, reason = 'class_unavailable' }) end
  m = getMember(a.personId)
  if not m then
    m = { personId = a.personId, name = a.name, roles = {}, classIds = {}, classTeacherOf = {}, subjects = {},
      status = 'active', joinedAt = NOW }
  elseif m.status ~= 'active' then
    m.status = 'active'
    m.leftAt = nil
    m.joinedAt = NOW
    m.name = a.name
  end
  -- The gender the applicant's profile gave (for the endings of words about them); an older record gets it now.
  if a.gender then m.gender = a.gender end
  addTo(m.roles, a.role)
  addTo(m.classIds, cid)
  if a.role == 'student' then
    redis.call('SADD', kStudents(cid), a.personId)
  elseif a.role == 'parent' then
    local key = nameKey(a.childName)
    local links = getLinks(cid, a.personId)
    local link = nil
    for _, l in ipairs(links) do if nameKey(l.childName) == key then link = l end end
    if not link then
      link = { childName = a.childName }
      table.insert(links, link)
    end
    child = { status = 'linked', childName = link.childName }
    if link.childId == nil then
      local found = studentsNamed(cid, a.childName)
      if #found == 1 then link.childId = found[1]
      elseif #found == 0 then child.status = 'none'
      else child.status = 'ambiguous' end
    end
    child.childId = link.childId
    setLinks(cid, a.personId, links)
    m.childName = a.childName
  else
    redis.call('SADD', kTeachers(cid), a.personId)
    if m.teacherStatus ~= 'verified' then m.teacherStatus = 'pending' end
    for _, s in ipairs(list(a.subjects)) do addTo(m.subjects, s) end
  end
  saveMember(m)
  if a.role == 'student' then linkedParents = linkWaitingParents(cid, m) end
end
req.status = decision
req.decidedBy = actor
req.decidedAt = NOW
if decision == 'rejected' and ARGV[5] ~= '' then req.reason = ARGV[5] end
redis.call('SET', kRequest(req.id), jenc(req))
redis.call('ZREM', kRequestsPending(), req.id)
closeOpen(req)
local target = { requestId = req.id, classId = cid, personId = a.personId }
audit(actor, 'request.' .. decision, target, { role = a.role })
if child then
  if child.childId ~= nil then
    audit(actor, 'family.child_linked', target, { childId = child.childId, how = 'name' })
  else
    audit(actor, 'family.child_unmatched', target, { match = child.status })
  end
end
table.sort(linkedParents)
for _, pid in ipairs(linkedParents) do
  audit(actor, 'family.child_linked', { personId = pid, classId = cid, requestId = req.id }, { childId = a.personId, how = 'name' })
end
return jenc({ ok = true, request = req, member = m, child = child, linkedParents = linkedParents })
