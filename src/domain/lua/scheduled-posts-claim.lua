-- scheduled-posts-claim: the job of a scheduled post takes it to send (F12): from then on it can be
-- neither moved, edited nor cancelled. ARGV[2] = id, [3] the version the job was scheduled for.
-- An author who may no longer publish: the post is cancelled. Replies { post } (status 'sending'),
-- or { error = 'stale' | 'denied' | 'not_found', post }. A retry of the job (the same operation) gets the kept reply.
local id, version = ARGV[2], tonumber(ARGV[3])
local post = getJson(kScheduledPost(id))
if not post then return jenc({ error = 'not_found' }) end
if post.status ~= 'scheduled' or post.version ~= version then return jenc({ error = 'stale', post = post }) end
redis.call('ZREM', kScheduledPosts(), id)
if not can(tostring(post.author), 'channel.publish') then
  post.status = 'cancelled'
  post.cancelledAt = NOW
  redis.call('SET', kScheduledPost(id), jenc(post))
  audit('system', 'post.cancelled', {}, { post = id, reason = 'author_may_not_publish' })
  return jenc({ error = 'denied', post = post })
end
post.status = 'sending'
redis.call('SET', kScheduledPost(id), jenc(post))
return jenc({ post = post })
