-- posts-record: keeps a post sent to a system channel, with how it was delivered (F12).
-- ARGV[2] = actor (the author), [3] JSON { id?, kind, peer, text, pin, chat, reached, total, unreachable,
-- ack?, audience?, copies?, delivery?, chatMessage?, chatMembers? } (chat: 'pinned' | 'sent' | 'pin_failed' | 'failed'; id: one posts-reserve gave;
-- ack: the post asks for an acknowledgement from `audience`, the personIds it was for; copies: [[personId, message id]]
-- of the private copies delivered; delivery: the id of their delivery; chatMessage: its message in the chat, chatMembers:
-- how many were in the chat). Replies { post } or { error }.
local actor = ARGV[2]
if not can(actor, 'channel.publish') then return jenc({ error = 'denied' }) end
local input = cjson.decode(ARGV[3])
local id = input.id
if type(id) ~= 'string' or id == '' then id = 'p' .. redis.call('INCR', kSeq('post')) end
local post = { id = id, kind = input.kind, peer = input.peer, text = input.text, author = actor, at = NOW,
  pin = input.pin == true, chat = input.chat, reached = input.reached, total = input.total, unreachable = input.unreachable,
  ack = input.ack == true, delivery = input.delivery, chatMessage = input.chatMessage, chatMembers = input.chatMembers }
redis.call('SET', kPost(id), jenc(post))
redis.call('ZADD', kPosts(), NOW, id)
if post.ack and type(input.audience) == 'table' then
  for _, person in ipairs(input.audience) do redis.call('SADD', kPostAudience(id), tostring(person)) end
end
if type(input.copies) == 'table' then
  for _, copy in ipairs(input.copies) do redis.call('HSET', kPostCopies(id), tostring(copy[1]), tostring(copy[2])) end
end
audit(actor, 'post.sent', {}, { post = id, kind = post.kind, reached = post.reached, total = post.total })
return jenc({ post = post })
