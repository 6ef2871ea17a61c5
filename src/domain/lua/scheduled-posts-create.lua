-- scheduled-posts-create: keeps a post written to go to a system channel at a time (F12).
-- ARGV[2] = actor (the author), [3] JSON { kind, text, pin, urgent, at, attachment?, ack? }.
-- Replies { post } or { error = 'denied' }. A repeat of the same operation gets the kept reply (the same post).
local actor = ARGV[2]
if not can(actor, 'channel.publish') then return jenc({ error = 'denied' }) end
local input = cjson.decode(ARGV[3])
local id = 'sp' .. redis.call('INCR', kSeq('scheduled-post'))
local post = { id = id, status = 'scheduled', version = 1, kind = input.kind, text = input.text, pin = input.pin == true,
  urgent = input.urgent == true, at = tonumber(input.at), author = actor, createdAt = NOW,
  attachment = type(input.attachment) == 'string' and input.attachment or nil, ack = input.ack == true }
redis.call('SET', kScheduledPost(id), jenc(post))
redis.call('ZADD', kScheduledPosts(), post.at, id)
audit(actor, 'post.scheduled', {}, { post = id, kind = post.kind, at = post.at })
return jenc({ post = post })
