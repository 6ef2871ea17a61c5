-- posts-record: keeps a post sent to a system channel, with how it was delivered (F12).
-- ARGV[2] = actor (the author), [3] JSON { kind, peer, text, pin, chat, reached, total, unreachable }
-- (chat: 'pinned' | 'sent' | 'pin_failed' | 'failed'). Replies { post } or { error }.
local actor = ARGV[2]
if not can(actor, 'channel.publish') then return jenc({ error = 'denied' }) end
local input = cjson.decode(ARGV[3])
local id = 'p' .. redis.call('INCR', kSeq('post'))
local post = { id = id, kind = input.kind, peer = input.peer, text = input.text, author = tonumber(actor), at = NOW,
  pin = input.pin == true, chat = input.chat, reached = input.reached, total = input.total, unreachable = input.unreachable }
redis.call('SET', kPost(id), jenc(post))
redis.call('ZADD', kPosts(), NOW, id)
audit(actor, 'post.sent', {}, { post = id, kind = post.kind, reached = post.reached, total = post.total })
return jenc({ post = post })
