-- study-chats-finish: records the chat the messenger created for a reservation of
-- study-chats-begin (F25). ARGV[2] = study chat id, [3] the messenger's chat id, [4] its join link,
-- [5] actor. Replies { chat } (the chat already recorded if another run finished it) or { error }.
local id, peer, link, actor = ARGV[2], tonumber(ARGV[3]), ARGV[4], ARGV[5]
local chat = getJson(kStudyChat(id))
if not chat then return jenc({ error = 'not_found' }) end
if chat.status == 'ready' then return jenc({ chat = chat }) end
chat.status = 'ready'
chat.peer = peer
chat.link = link
chat.createdAt = NOW
redis.call('SET', kStudyChat(id), jenc(chat))
redis.call('ZADD', kStudyChats(), NOW, id)
redis.call('SADD', kStudyChatsByTeacher(chat.teacher), id)
redis.call('SADD', kStudyChatsByClass(chat.classId), id)
audit(actor, 'studyChat.created', { classId = chat.classId, vkId = chat.teacher }, { chat = id })
return jenc({ chat = chat })
