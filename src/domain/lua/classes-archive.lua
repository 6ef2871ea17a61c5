-- classes-archive: archives a class (frees its name, revokes its open invites, unassigns its class
-- teachers; students and parents stay on the archived roster). ARGV[2] = class id, [3] actor.
-- The actor's right, checked in the same step as the write (a right taken away meanwhile counts).
if not can(ARGV[3], 'school.edit') then return jenc({ error = 'forbidden' }) end
local c = getJson(kClass(ARGV[2]))
if not c then return jenc({ error = 'not_found' }) end
if c.kind == 'staff' then return jenc({ error = 'staff' }) end
if c.status ~= 'active' then return jenc({ classGroup = c, revokedInvites = 0 }) end
local actor = ARGV[3]
redis.call('HDEL', kClassByName(), c.name)
c.status = 'archived'
c.archivedAt = NOW
redis.call('SET', kClass(c.id), jenc(c))
local revoked = revokeInvitesIn(kClassInvites(c.id), actor)
for _, personId in ipairs(redis.call('SMEMBERS', kLeads(c.id))) do
  local m = getMember(personId)
  if m then
    m.classTeacherOf = removeFrom(m.classTeacherOf, c.id)
    saveMember(m)
  end
end
redis.call('DEL', kLeads(c.id))
audit(actor, 'class.archived', { classId = c.id }, { revokedInvites = revoked })
return jenc({ classGroup = c, revokedInvites = revoked, archived = true })
