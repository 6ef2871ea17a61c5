-- study-chats-begin: reserves the study chat of a class, subject and teacher before the messenger
-- creates it (F25). ARGV[2] = actor (the teacher), [3] class id, [4] subject, [5] title,
-- [6] how long (ms) a reservation whose chat never came stays taken.
-- Replies { status = 'reserved' | 'exists' | 'busy', chat } or { error }. A repeat of the same
-- operation gets the kept reply (the reserved record), so a run after a crash reuses it.
local actor, cid, subject, title = ARGV[2], ARGV[3], ARGV[4], ARGV[5]
local staleMs = tonumber(ARGV[6])
if not can(actor, 'studyChat.create', cid) then return jenc({ error = 'denied' }) end
local c = getJson(kClass(cid))
if not c then return jenc({ error = 'class_not_found' }) end
if c.kind == 'staff' then return jenc({ error = 'staff' }) end
if c.status ~= 'active' then return jenc({ error = 'class_archived' }) end
local slot = cid .. ':' .. actor .. ':' .. subject
local held = redis.call('HGET', kStudyChatIndex(), slot)
if held then
  local chat = getJson(kStudyChat(held))
  if chat and chat.status == 'ready' then return jenc({ status = 'exists', chat = chat }) end
  if chat and NOW - chat.reservedAt < staleMs then return jenc({ status = 'busy', chat = chat }) end
  if chat then
    -- A reservation whose chat never came (the process died before creating it): taken over.
    chat.title = title
    chat.reservedAt = NOW
    redis.call('SET', kStudyChat(held), jenc(chat))
    return jenc({ status = 'reserved', chat = chat })
  end
end
local id = 'sc' .. redis.call('INCR', kSeq('study-chat'))
local chat = { id = id, status = 'pending', title = title, kind = 'subject', classId = cid, subject = subject,
  audience = { kind = 'class', classIds = { cid }, parents = true },
  teacher = actor, createdAt = NOW, reservedAt = NOW }
redis.call('SET', kStudyChat(id), jenc(chat))
redis.call('HSET', kStudyChatIndex(), slot, id)
return jenc({ status = 'reserved', chat = chat })
