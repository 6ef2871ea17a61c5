-- Helpers shared by the scripts that touch families (F08, F10): how names are compared, how a
-- parent's children in a class are stored, and what happens when a member leaves a class or the
-- school. The class's parents hash maps parent id → a JSON list of links
-- [{"childName":"…","childId":123}] (childId only once the child is known).
-- Lower case for ASCII and Russian letters; ё and Ё count as е.
local function lowerRu(s)
  s = string.lower(s)
  s = string.gsub(s, '\194\160', ' ')
  s = string.gsub(s, '[\208\209][\128-\191]', function(ch)
    local b1, b2 = string.byte(ch, 1, 2)
    if b1 == 208 then
      if b2 == 129 then return '\208\181' end
      if b2 >= 144 and b2 <= 159 then return string.char(208, b2 + 32) end
      if b2 >= 160 and b2 <= 175 then return string.char(209, b2 - 32) end
    elseif b2 == 145 then
      return '\208\181'
    end
    return ch
  end)
  return s
end
-- The comparable form of a person's name: the first two words (surname and
-- first name, in either order), lower case, sorted. '' for an empty name.
local function nameKey(s)
  local words = {}
  for w in string.gmatch(lowerRu(s or ''), '[^%s,%.]+') do
    table.insert(words, w)
    if #words == 2 then break end
  end
  table.sort(words)
  return table.concat(words, ' ')
end
local function sameId(a, b) return a ~= nil and b ~= nil and tostring(a) == tostring(b) end
-- A parent's children in a class: a list of { childName, childId? }.
local function getLinks(cid, pid)
  local raw = redis.call('HGET', kParents(cid), pid)
  if not raw then return {} end
  return cjson.decode(raw)
end
-- Whether parent pid already has the child named childName in class cid: a link of that name, or a
-- linked student whose name it is (the same child typed again, in either word order).
local function hasChild(cid, pid, childName)
  local key = nameKey(childName)
  for _, l in ipairs(getLinks(cid, pid)) do
    if nameKey(l.childName) == key then return true end
    local child = l.childId and getMember(l.childId)
    if child and nameKey(child.name) == key then return true end
  end
  return false
end
local function setLinks(cid, pid, links)
  if #links == 0 then
    redis.call('HDEL', kParents(cid), pid)
  else
    redis.call('HSET', kParents(cid), pid, jenc(links))
  end
end
-- Active students of a class whose name matches.
local function studentsNamed(cid, name)
  local out = {}
  local key = nameKey(name)
  if key == '' then return out end
  for _, sid in ipairs(redis.call('SMEMBERS', kStudents(cid))) do
    local s = getMember(sid)
    if s and s.status == 'active' and nameKey(s.name) == key then table.insert(out, s.personId) end
  end
  return out
end
-- The field of the open-requests hash for an applicant: person, class and role,
-- and for a parent the child too (so a parent may apply for two children of a class).
local function openField(a)
  local base = a.personId .. ':' .. a.classId .. ':' .. a.role
  if a.role == 'parent' then return base .. ':' .. nameKey(a.childName) end
  return base
end
local function closeOpen(req)
  local f = openField(req.applicant)
  if redis.call('HGET', kRequestsOpen(), f) == req.id then redis.call('HDEL', kRequestsOpen(), f) end
end
-- Rejects every pending request of a person with the reason code (e.g. 'left');
-- returns { id, classId, role } of each.
local function rejectPendingOf(personId, actor, code)
  local out = {}
  for _, rid in ipairs(redis.call('ZRANGE', kRequestsPending(), 0, -1)) do
    local req = getJson(kRequest(rid))
    if req and req.status == 'pending' and sameId(req.applicant.personId, personId) then
      req.status = 'rejected'
      req.decidedBy = actor
      req.decidedAt = NOW
      req.reasonCode = code
      redis.call('SET', kRequest(rid), jenc(req))
      redis.call('ZREM', kRequestsPending(), rid)
      closeOpen(req)
      table.insert(out, { id = rid, classId = req.applicant.classId, role = req.applicant.role })
    end
  end
  return out
end
-- The member leaves the school: every roster, role and class ends, their
-- invites are revoked and their pending requests rejected. Saves the member.
local function leaveSchool(m, actor, code)
  for _, cid in ipairs(m.classIds) do
    redis.call('SREM', kStudents(cid), m.personId)
    redis.call('HDEL', kParents(cid), m.personId)
    redis.call('SREM', kTeachers(cid), m.personId)
  end
  for _, cid in ipairs(m.classTeacherOf) do redis.call('SREM', kLeads(cid), m.personId) end
  local revoked = revokeInvitesIn(kInvitesByAuthor(m.personId), actor)
  m.roles = {}
  m.classIds = {}
  m.classTeacherOf = {}
  m.teacherStatus = nil
  m.verifiedBy = nil
  m.verifiedAt = nil
  m.status = 'left'
  m.leftAt = NOW
  saveMember(m)
  return revoked, rejectPendingOf(m.personId, actor, code)
end
-- After a member left class cid: drop the class unless they still belong to
-- it, and the student and parent roles they no longer hold.
local function afterLeavingClass(m, cid)
  if redis.call('SISMEMBER', kStudents(cid), m.personId) == 0 and redis.call('HEXISTS', kParents(cid), m.personId) == 0
      and redis.call('SISMEMBER', kTeachers(cid), m.personId) == 0 then
    m.classIds = removeFrom(m.classIds, cid)
  end
  local student, parent = false, false
  for _, other in ipairs(m.classIds) do
    if redis.call('SISMEMBER', kStudents(other), m.personId) == 1 then student = true end
    if redis.call('HEXISTS', kParents(other), m.personId) == 1 then parent = true end
  end
  if not student then m.roles = removeFrom(m.roles, 'student') end
  if not parent then
    m.roles = removeFrom(m.roles, 'parent')
    m.childName = nil
  end
end
-- A student is gone from class cid: every parent linked to them there loses
-- the link; a parent left with no child in the class leaves it, and one left
-- with no role at all leaves the school. Returns what happened to each parent.
local function detachChild(childId, cid, actor, code)
  local out = {}
  for _, pid in ipairs(redis.call('HKEYS', kParents(cid))) do
    local links = getLinks(cid, pid)
    local kept = {}
    for _, l in ipairs(links) do
      if not sameId(l.childId, childId) then table.insert(kept, l) end
    end
    if #kept < #links then
      setLinks(cid, pid, kept)
      local p = getMember(pid)
      if p then
        local entry = { classId = cid, leftClass = #kept == 0, leftSchool = false, rejected = {} }
        if #kept == 0 then
          afterLeavingClass(p, cid)
          if p.status == 'active' and #p.roles == 0 then
            local _, rejected = leaveSchool(p, actor, code)
            entry.leftSchool = true
            entry.rejected = rejected
          else
            saveMember(p)
          end
        end
        entry.member = p
        table.insert(out, entry)
      end
    end
  end
  return out
end
