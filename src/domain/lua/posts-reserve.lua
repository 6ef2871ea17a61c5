-- posts-reserve: the id of a post about to be sent (F12), so that its buttons can name it before it is recorded.
-- ARGV[2] = actor (the author). Replies { id } or { error }.
local actor = ARGV[2]
if not can(actor, 'channel.publish') then return jenc({ error = 'denied' }) end
return jenc({ id = 'p' .. redis.call('INCR', kSeq('post')) })
