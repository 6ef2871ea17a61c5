-- movement-transfer: moves a student to another class with the parents linked to them.
-- ARGV[2] = personId, [3] target class id, [4] source class id or '', [5] actor.
-- The actor's right, checked in the same step as the write (a right taken away meanwhile counts).
if not can(ARGV[5], 'movement.record') then return jenc({ error = 'forbidden' }) end


local m = getMember(ARGV[2])
if not m then return jenc({ error = 'member_not_found' }) end
local to, from = ARGV[3], ARGV[4]
if from == '' then
  for _, cid in ipairs(m.classIds) do
    if redis.call('SISMEMBER', kStudents(cid), m.personId) == 1 then from = cid break end
  end
end
if m.status ~= 'active' or from == '' or redis.call('SISMEMBER', kStudents(from), m.personId) == 0 then
  return jenc({ error = 'not_a_student' })
end
local c = getJson(kClass(to))
if not c then return jenc({ error = 'class_not_found' }) end
if c.kind ~= 'regular' then return jenc({ error = 'staff' }) end
if c.status ~= 'active' then return jenc({ error = 'class_archived' }) end
if from == to then return jenc({ member = m, from = from, changed = false, parents = {} }) end
redis.call('SREM', kStudents(from), m.personId)
redis.call('SADD', kStudents(to), m.personId)
local stillInFrom = redis.call('HEXISTS', kParents(from), m.personId) == 1
if not stillInFrom then m.classIds = removeFrom(m.classIds, from) end
addTo(m.classIds, to)
saveMember(m)
local parents = {}
for _, pid in ipairs(redis.call('HKEYS', kParents(from))) do
  local links = getLinks(from, pid)
  local stay, go = {}, {}
  for _, l in ipairs(links) do
    if sameId(l.childId, m.personId) then table.insert(go, l) else table.insert(stay, l) end
  end
  local p = #go > 0 and getMember(pid)
  if p and p.status == 'active' then
    setLinks(from, pid, stay)
    local there = getLinks(to, pid)
    local present = false
    for _, l in ipairs(there) do if sameId(l.childId, m.personId) then present = true end end
    if not present then table.insert(there, go[1]) end
    setLinks(to, pid, there)
    addTo(p.classIds, to)
    if #stay == 0 then afterLeavingClass(p, from) end
    saveMember(p)
    table.insert(parents, { member = p, stayedInFromClass = #stay > 0 })
  end
end
audit(ARGV[5], 'movement.transferred', { personId = m.personId, classId = to }, { fromClassId = from, parents = #parents })
for _, p in ipairs(byPersonId(parents)) do
  audit(ARGV[5], 'movement.parent_transferred', { personId = p.member.personId, classId = to },
    { fromClassId = from, childId = m.personId, stayedInFromClass = p.stayedInFromClass })
end
return jenc({ member = m, from = from, changed = true, parents = parents })
