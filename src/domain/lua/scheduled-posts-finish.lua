-- scheduled-posts-finish: a scheduled post's job is done (F12). ARGV[2] = id, [3] the sent post's id ('' when nothing
-- was sent: the post is 'failed').
-- Replies { post } or { error = 'not_found' }.
local id, sentId = ARGV[2], ARGV[3]
local post = getJson(kScheduledPost(id))
if not post then return jenc({ error = 'not_found' }) end
if sentId ~= '' then
  post.status = 'sent'
  post.sentAt = NOW
  post.postId = sentId
else
  post.status = 'failed'
end
redis.call('SET', kScheduledPost(id), jenc(post))
return jenc({ post = post })
