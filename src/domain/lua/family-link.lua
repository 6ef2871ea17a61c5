-- family-link: links parent ARGV[2] to student ARGV[3] in class ARGV[4] (the parent's unlinked
-- child of that name, or their only unlinked child, or a new link). ARGV[5] = actor.
-- The actor's right, checked in the same step as the write (a right taken away meanwhile counts).
if not can(ARGV[5], 'request.review', ARGV[4], 'parent') then return jenc({ error = 'forbidden' }) end
local p = getMember(ARGV[2])
local s = getMember(ARGV[3])
local cid = ARGV[4]
if not p or p.status ~= 'active' or not s or s.status ~= 'active' then return jenc({ error = 'not_active' }) end
if redis.call('SISMEMBER', kStudents(cid), s.personId) == 0 then return jenc({ error = 'not_a_student' }) end
if redis.call('HEXISTS', kParents(cid), p.personId) == 0 then return jenc({ error = 'not_a_parent' }) end
local links = getLinks(cid, p.personId)
for _, l in ipairs(links) do
  if sameId(l.childId, s.personId) then return jenc({ changed = false, parent = p, student = s, childName = l.childName }) end
end
local pick = nil
local key = nameKey(s.name)
for _, l in ipairs(links) do
  if not pick and l.childId == nil and nameKey(l.childName) == key then pick = l end
end
if not pick then
  local unlinked = {}
  for _, l in ipairs(links) do if l.childId == nil then table.insert(unlinked, l) end end
  if #unlinked == 1 then pick = unlinked[1] end
end
if not pick then
  pick = { childName = s.name }
  table.insert(links, pick)
end
pick.childId = s.personId
setLinks(cid, p.personId, links)
audit(ARGV[5], 'family.child_linked', { personId = p.personId, classId = cid }, { childId = s.personId, how = 'hand' })
return jenc({ changed = true, parent = p, student = s, childName = pick.childName })
