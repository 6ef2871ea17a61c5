-- scheduled-posts-change: moves, edits or cancels a post still scheduled (F12); any admin who may publish.
-- ARGV[2] = actor, [3] id, [4] 'move' | 'edit' | 'cancel', [5] the new time (ms, 'move') or the new text ('edit').
-- A move raises the version (the job of the old version finds it stale and sends nothing).
-- Replies { post } or { error = 'denied' | 'not_found' | 'sent' | 'cancelled', post } ('sent': going out, gone, or failed at its time).
local actor, id, op = ARGV[2], ARGV[3], ARGV[4]
if not can(actor, 'channel.publish') then return jenc({ error = 'denied' }) end
local post = getJson(kScheduledPost(id))
if not post then return jenc({ error = 'not_found' }) end
if post.status == 'cancelled' then return jenc({ error = 'cancelled', post = post }) end
if post.status ~= 'scheduled' then return jenc({ error = 'sent', post = post }) end
if op == 'move' then
  post.at = tonumber(ARGV[5])
  post.version = post.version + 1
  redis.call('ZADD', kScheduledPosts(), post.at, id)
  audit(actor, 'post.moved', {}, { post = id, at = post.at })
elseif op == 'edit' then
  post.text = ARGV[5]
  audit(actor, 'post.edited', {}, { post = id })
else
  post.status = 'cancelled'
  post.cancelledAt = NOW
  post.cancelledBy = actor
  redis.call('ZREM', kScheduledPosts(), id)
  audit(actor, 'post.cancelled', {}, { post = id })
end
redis.call('SET', kScheduledPost(id), jenc(post))
return jenc({ post = post })
