-- admin-chats-finish: records the chat the messenger created for a reservation of
-- admin-chats-begin (F22). ARGV[2] = kind, [3] the messenger's chat id, [4] its join link, [5] actor.
-- Replies { chat } (the chat already recorded if another run finished it) or { error }.
local kind, peer, link, actor = ARGV[2], tonumber(ARGV[3]), ARGV[4], ARGV[5]
local raw = redis.call('HGET', kAdminChats(), kind)
if not raw then return jenc({ error = 'not_found' }) end
local chat = cjson.decode(raw)
if chat.status == 'ready' then return jenc({ chat = chat }) end
chat.status = 'ready'
chat.peer = peer
chat.link = link
chat.createdAt = NOW
redis.call('HSET', kAdminChats(), kind, jenc(chat))
audit(actor, 'adminChat.created', {}, { kind = kind, peer = peer })
return jenc({ chat = chat })
