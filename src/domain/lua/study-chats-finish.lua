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
-- Indexed under each class of its audience (a record kept before audiences: its one class).
local classIds = {}
if chat.audience and chat.audience.kind == 'class' then classIds = list(chat.audience.classIds)
elseif chat.classId then classIds = { chat.classId } end
for _, cid in ipairs(classIds) do redis.call('SADD', kStudyChatsByClass(cid), id) end
if chat.kind == 'other' then
  audit(actor, 'studyChat.created', { personId = chat.teacher }, { chat = id, kind = 'other', audience = chat.audience.kind, classes = #classIds })
else
  audit(actor, 'studyChat.created', { classId = chat.classId, personId = chat.teacher }, { chat = id })
end
return jenc({ chat = chat })
