-- members-bootstrap-admins (arguments: see the LuaScript in the service that runs it)
local changed = {}
for _, vkId in ipairs(cjson.decode(ARGV[2])) do
  local m = getMember(vkId)
  if not m then
    m = { vkId = vkId, name = '', roles = {}, classIds = {}, classTeacherOf = {}, subjects = {},
      status = 'active', joinedAt = NOW }
  end
  if m.status ~= 'active' or not has(m.roles, 'admin') then
    m.status = 'active'
    m.leftAt = nil
    addTo(m.roles, 'admin')
    saveMember(m)
    audit('system', 'admin.bootstrapped', { vkId = vkId })
    table.insert(changed, vkId)
  end
end
return jenc({ changed = changed })
