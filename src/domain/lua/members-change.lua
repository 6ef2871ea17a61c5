-- members-change: changes one member's roles. ARGV[2] = personId, [3] operation, [4] extra, [5] actor,
-- [6] audit action, [7] class id for the audit target ('' for none). See members.ts.
local op, extra = ARGV[3], ARGV[4]
-- The actor's right for the operation, checked in the same step as the change (a right taken away
-- meanwhile counts): the same actions as members.ts's authorize(). Renaming oneself needs none.
local RIGHTS = {
  verify = 'teacher.verify',
  appoint_admin = 'admin.appoint',
  remove_admin = 'admin.appoint',
  set_admin_role = 'administration.assign',
  unset_admin_role = 'administration.assign',
  assign_class = 'classTeacher.assign',
  unassign_class = 'classTeacher.assign',
}
if RIGHTS[op] and not can(ARGV[5], RIGHTS[op]) then return jenc({ error = 'forbidden', action = RIGHTS[op] }) end
local m = getMember(ARGV[2])
if not m then return jenc({ error = 'not_found' }) end
if m.status ~= 'active' then return jenc({ error = 'not_active' }) end
local function done(changed, more)
  if changed then
    saveMember(m)
    local target = { personId = m.personId }
    if ARGV[7] ~= '' then target.classId = ARGV[7] end
    audit(ARGV[5], ARGV[6], target)
    for _, previous in ipairs(more and more.previous or {}) do audit(ARGV[5], 'head.unassigned', { personId = previous }) end
  end
  local out = { member = m, changed = changed }
  if more then for k, v in pairs(more) do out[k] = v end end
  return jenc(out)
end
if op == 'set_name' then
  if m.name == extra then return done(false) end
  m.name = extra
  return done(true)
end
if op == 'remove_admin' then
  if not has(m.roles, 'admin') then return done(false) end
  if redis.call('SCARD', kRole('admin')) <= 1 then return jenc({ error = 'last_admin' }) end
  m.roles = removeFrom(m.roles, 'admin')
  return done(true)
end
if op == 'unset_admin_role' then
  if not has(m.roles, extra) then return done(false) end
  m.roles = removeFrom(m.roles, extra)
  return done(true)
end
if op == 'unassign_class' then
  redis.call('SREM', kLeads(extra), m.personId)
  if not has(m.classTeacherOf, extra) then return done(false) end
  m.classTeacherOf = removeFrom(m.classTeacherOf, extra)
  return done(true)
end
if not has(m.roles, 'teacher') then return jenc({ error = 'not_teacher' }) end
if op == 'verify' then
  -- The first verifier wins: a second confirmation changes nothing, and the record says who it was.
  if m.teacherStatus == 'verified' then return done(false) end
  m.teacherStatus = 'verified'
  m.verifiedBy = ARGV[5]
  m.verifiedAt = NOW
  return done(true)
end
if not isVerifiedTeacher(m) then return jenc({ error = 'not_verified' }) end
if op == 'appoint_admin' then
  if has(m.roles, 'admin') then return done(false) end
  addTo(m.roles, 'admin')
  return done(true)
end
if op == 'set_admin_role' then
  local previous = {}
  if extra == 'head' then
    for _, other in ipairs(redis.call('SMEMBERS', kRole('head'))) do
      if tostring(other) ~= tostring(m.personId) then
        local o = getMember(other)
        if o then
          o.roles = removeFrom(o.roles, 'head')
          saveMember(o)
          table.insert(previous, o.personId)
        end
      end
    end
  end
  if has(m.roles, extra) then return done(false, { previous = previous }) end
  addTo(m.roles, extra)
  return done(true, { previous = previous })
end
if op == 'assign_class' then
  local c = getJson(kClass(extra))
  if not c then return jenc({ error = 'class_not_found' }) end
  if c.kind ~= 'regular' then return jenc({ error = 'staff' }) end
  if c.status ~= 'active' then return jenc({ error = 'class_archived' }) end
  redis.call('SADD', kLeads(extra), m.personId)
  if has(m.classTeacherOf, extra) then return done(false) end
  addTo(m.classTeacherOf, extra)
  return done(true)
end
return redis.error_reply('unknown operation ' .. op)
