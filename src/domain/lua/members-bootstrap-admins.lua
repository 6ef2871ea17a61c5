-- members-bootstrap-admins: makes each listed id an admin, creating a bare member if needed.
-- ARGV[2] = JSON list of personIds. Replies { changed }.
local changed = {}
for _, personId in ipairs(cjson.decode(ARGV[2])) do
  local m = getMember(personId)
  if not m then
    m = { personId = personId, name = '', roles = {}, classIds = {}, classTeacherOf = {}, subjects = {},
      status = 'active', joinedAt = NOW }
  end
  if m.status ~= 'active' or not has(m.roles, 'admin') then
    m.status = 'active'
    m.leftAt = nil
    addTo(m.roles, 'admin')
    saveMember(m)
    audit('system', 'admin.bootstrapped', { personId = personId })
    table.insert(changed, personId)
  end
end
return jenc({ changed = changed })
