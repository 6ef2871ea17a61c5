-- posts-ack: a person presses «Прочитано» under a post (F12): recorded once.
-- ARGV[2] = the person's personId, [3] the post id.
-- Replies { status = 'confirmed' | 'already' | 'unknown' (no such post) | 'not_asked' (it asks for none) | 'not_recipient' }.
local person = ARGV[2]
local id = ARGV[3]
local raw = redis.call('GET', kPost(id))
if not raw then return jenc({ status = 'unknown' }) end
local post = cjson.decode(raw)
if post.ack ~= true then return jenc({ status = 'not_asked' }) end
if redis.call('SISMEMBER', kPostAudience(id), person) == 0 then return jenc({ status = 'not_recipient' }) end
if redis.call('SADD', kPostAcks(id), person) == 0 then return jenc({ status = 'already' }) end
return jenc({ status = 'confirmed' })
