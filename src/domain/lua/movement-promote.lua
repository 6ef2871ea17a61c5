-- movement-promote: applies a promotion plan made by planPromotion() (movement.ts) as one atomic
-- step, if the classes are still as planned, revoking last year's invites of the classes it moves. ARGV[2] = plan JSON { moves, graduates, kept },
-- [3] = actor, [4] = reason code for the rejected requests. Replies { ok = false, reason =
-- 'stale' | 'conflict' } when the classes changed since the plan was made, { ok = false, reason =
-- 'forbidden' } when the actor may not record movement (checked here), or what it did.
-- The actor's right, checked in the same step as the write (a right taken away meanwhile counts).
if not can(ARGV[3], 'movement.record') then return jenc({ ok = false, reason = 'forbidden' }) end
local plan = cjson.decode(ARGV[2])
plan.moves, plan.graduates, plan.kept = list(plan.moves), list(plan.graduates), list(plan.kept)
-- Stale unless every active regular class is kept, moved or graduated by the plan, exactly as
-- planned (the same name, the grade the target name was made from).
local planned = {}
for _, mv in ipairs(plan.moves) do planned[mv.classId] = mv end
for _, g in ipairs(plan.graduates) do planned[g.classId] = g end
local kept = {}
for _, id in ipairs(plan.kept) do kept[id] = true end
local seen = 0
for _, id in ipairs(redis.call('SMEMBERS', kClasses())) do
  local c = getJson(kClass(id))
  if c and c.kind == 'regular' and c.status == 'active' and not kept[id] then
    local p = planned[id]
    if not p then return jenc({ ok = false, reason = 'stale' }) end
    if p.to ~= nil then
      if c.grade >= 11 or c.name ~= p.from or (c.grade + 1) .. c.letter ~= p.to then return jenc({ ok = false, reason = 'stale' }) end
    elseif c.grade < 11 or c.name ~= p.name then
      return jenc({ ok = false, reason = 'stale' })
    end
    seen = seen + 1
  end
end
if seen ~= #plan.moves + #plan.graduates then return jenc({ ok = false, reason = 'stale' }) end
for _, mv in ipairs(plan.moves) do
  local holder = redis.call('HGET', kClassByName(), mv.to)
  if holder and not planned[holder] then return jenc({ ok = false, reason = 'conflict' }) end
end
local actor = ARGV[3]
-- Last year's invites that still admit someone stop working: an invite made for 5А must not admit
-- to 6А, nor one of a graduating class to anything. Marked with their cause, so that the person who
-- opens one later is told it is out of date.
local revokedInvites = 0
local function revokeLastYears(cid)
  for _, id in ipairs(redis.call('SMEMBERS', kClassInvites(cid))) do
    local inv = getJson(kInvite(id))
    if inv and not inv.revoked and inv.uses < inv.maxUses and NOW < inv.expiresAt then
      inv.revoked = true
      inv.revokedAt = NOW
      inv.revokedBy = actor
      inv.revokedCause = 'promotion'
      redis.call('SET', kInvite(id), jenc(inv))
      revokedInvites = revokedInvites + 1
    end
  end
end
for _, mv in ipairs(plan.moves) do revokeLastYears(mv.classId) end
for _, g in ipairs(plan.graduates) do revokeLastYears(g.classId) end
-- One entry a class, with its names as they were and are: the journal reads them later as they were.
for _, mv in ipairs(plan.moves) do audit(actor, 'class.promoted', { classId = mv.classId }, { className = mv.from, newName = mv.to }) end
for _, g in ipairs(plan.graduates) do audit(actor, 'class.graduated', { classId = g.classId }, { className = g.name }) end
for _, mv in ipairs(plan.moves) do redis.call('HDEL', kClassByName(), mv.from) end
for _, g in ipairs(plan.graduates) do redis.call('HDEL', kClassByName(), g.name) end
for _, mv in ipairs(plan.moves) do
  local c = getJson(kClass(mv.classId))
  c.name = mv.to
  c.grade = c.grade + 1
  redis.call('SET', kClass(c.id), jenc(c))
  redis.call('HSET', kClassByName(), c.name, c.id)
end
local graduated = 0
local graduatedPeople = {}
local graduatedTeachers = {}
local rejected = {}
for _, g in ipairs(plan.graduates) do
  local cid = g.classId
  local c = getJson(kClass(cid))
  c.status = 'archived'
  c.archivedAt = NOW
  redis.call('SET', kClass(cid), jenc(c))
  revokeInvitesIn(kClassInvites(cid), actor)
  for _, personId in ipairs(redis.call('SMEMBERS', kLeads(cid))) do
    table.insert(graduatedTeachers, { personId = personId, classId = cid })
    local m = getMember(personId)
    if m then
      m.classTeacherOf = removeFrom(m.classTeacherOf, cid)
      saveMember(m)
    end
  end
  redis.call('DEL', kLeads(cid))
  local people = redis.call('SMEMBERS', kStudents(cid))
  for _, personId in ipairs(redis.call('HKEYS', kParents(cid))) do table.insert(people, personId) end
  redis.call('DEL', kStudents(cid))
  redis.call('DEL', kParents(cid))
  for _, personId in ipairs(people) do
    local m = getMember(personId)
    if m and has(m.classIds, cid) then
      afterLeavingClass(m, cid)
      if m.status == 'active' and #m.roles == 0 then
        local _, r = leaveSchool(m, actor, ARGV[4])
        for _, x in ipairs(r) do table.insert(rejected, x) end
      else
        saveMember(m)
      end
      graduated = graduated + 1
      table.insert(graduatedPeople, { personId = personId, classId = cid })
    end
  end
end
audit(actor, 'movement.promoted', {}, { moved = #plan.moves, graduatedClasses = #plan.graduates,
  graduatedMembers = graduated, rejectedRequests = #rejected, revokedInvites = revokedInvites })
for _, r in ipairs(rejected) do
  audit(actor, 'request.rejected', { requestId = r.id, classId = r.classId }, { role = r.role, cause = 'graduated' })
end
return jenc({ ok = true, revokedInvites = revokedInvites, graduatedMembers = graduated, graduatedPeople = graduatedPeople, graduatedTeachers = graduatedTeachers, rejectedRequests = rejected })
