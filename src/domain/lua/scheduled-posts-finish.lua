-- scheduled-posts-finish: a scheduled post went out (F12). ARGV[2] = id, [3] the sent post's id ('' when none was kept).
-- Replies { post } or { error = 'not_found' }.
local id, sentId = ARGV[2], ARGV[3]
local post = getJson(kScheduledPost(id))
if not post then return jenc({ error = 'not_found' }) end
post.status = 'sent'
post.sentAt = NOW
if sentId ~= '' then post.postId = sentId end
redis.call('SET', kScheduledPost(id), jenc(post))
return jenc({ post = post })
