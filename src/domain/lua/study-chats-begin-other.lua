-- study-chats-begin-other: reserves an "other" study chat (F25) — a club, a project group, a
-- parallel of classes, the teachers of a subject… — before the messenger creates it. One chat an
-- operation, no uniqueness by class or title. ARGV[2] = actor (the teacher), [3] JSON
-- { title, audience = { kind = 'class', classIds, parents } | { kind = 'role', role } }.
-- Replies { status = 'reserved', chat } or { error, classId }. A repeat of the same operation gets
-- the kept reply (the reserved record), so a run after a crash reuses it.
local actor = ARGV[2]
local input = cjson.decode(ARGV[3])
local audience = input.audience
if not can(actor, 'studyChat.create') then return jenc({ error = 'denied' }) end
local stored
if audience.kind == 'class' then
  local classIds = list(audience.classIds)
  if #classIds == 0 then return jenc({ error = 'no_classes' }) end
  for _, cid in ipairs(classIds) do
    local c = getJson(kClass(cid))
    if not c then return jenc({ error = 'class_not_found', classId = cid }) end
    if c.kind == 'staff' then return jenc({ error = 'staff', classId = cid }) end
    if c.status ~= 'active' then return jenc({ error = 'class_archived', classId = cid }) end
  end
  stored = { kind = 'class', classIds = classIds, parents = audience.parents == true }
elseif audience.kind == 'role' then
  local roles = { student = true, parent = true, teacher = true, administration = true }
  if not roles[audience.role] then return jenc({ error = 'bad_role' }) end
  stored = { kind = 'role', role = audience.role }
else
  return jenc({ error = 'bad_audience' })
end
local id = 'sc' .. redis.call('INCR', kSeq('study-chat'))
local chat = { id = id, status = 'pending', title = input.title, kind = 'other', audience = stored,
  teacher = actor, createdAt = NOW, reservedAt = NOW }
redis.call('SET', kStudyChat(id), jenc(chat))
return jenc({ status = 'reserved', chat = chat })
