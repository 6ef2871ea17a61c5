-- admin-chats-begin: reserves an administration chat (F22) before the messenger creates it: the
-- head's chat with the deputies (`leadership`) or with all teachers (`staff`), one of each a school.
-- ARGV[2] = actor (the head or an admin), [3] kind, [4] title, [5] how long (ms) a reservation
-- whose chat never came stays taken.
-- Replies { status = 'reserved' | 'exists' | 'busy', chat } or { error }. A repeat of the same
-- operation gets the kept reply (the reserved record), so a run after a crash reuses it.
local actor, kind, title = ARGV[2], ARGV[3], ARGV[4]
local staleMs = tonumber(ARGV[5])
if kind ~= 'leadership' and kind ~= 'staff' then return jenc({ error = 'bad_kind' }) end
if not can(actor, 'adminChat.create') then return jenc({ error = 'denied' }) end
local raw = redis.call('HGET', kAdminChats(), kind)
if raw then
  local chat = cjson.decode(raw)
  if chat.status == 'ready' then return jenc({ status = 'exists', chat = chat }) end
  if NOW - chat.reservedAt < staleMs then return jenc({ status = 'busy', chat = chat }) end
  -- A reservation whose chat never came (the process died before creating it): taken over.
  chat.title = title
  chat.createdBy = actor
  chat.reservedAt = NOW
  redis.call('HSET', kAdminChats(), kind, jenc(chat))
  return jenc({ status = 'reserved', chat = chat })
end
local chat = { kind = kind, status = 'pending', title = title, createdBy = actor, createdAt = NOW, reservedAt = NOW }
redis.call('HSET', kAdminChats(), kind, jenc(chat))
return jenc({ status = 'reserved', chat = chat })
