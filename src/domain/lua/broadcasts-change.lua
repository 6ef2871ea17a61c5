-- broadcasts-change: moves or cancels a planned broadcast, webinar or online lesson (F13, F26, F31):
-- its organiser, while they still have the right of its kind, or, for a broadcast or a webinar, an admin
-- or the head (event.manageAny: the organiser may be away); a lesson is its teacher's alone.
-- ARGV[2] = actor, [3] id, [4] 'move' | 'cancel', [5] the new time (ms, for 'move'; it must be ahead).
-- A move raises the version (the reminders are those of the new version).
-- Replies { broadcast } or { error = 'denied' | 'not_found' | 'cancelled' | 'past' }.
local actor, id, op = ARGV[2], ARGV[3], ARGV[4]
local broadcast = getJson(kBroadcast(id))
if not broadcast then return jenc({ error = 'not_found' }) end
local right = 'broadcast.plan'
if broadcast.kind == 'lesson' then right = 'lesson.announce' end
local own = tostring(broadcast.organiser) == tostring(actor) and can(actor, right)
if not own and (broadcast.kind == 'lesson' or not can(actor, 'event.manageAny')) then return jenc({ error = 'denied' }) end
if broadcast.status ~= 'planned' then return jenc({ error = 'cancelled' }) end
local organiser = tostring(broadcast.organiser)
if op == 'move' then
  local at = tonumber(ARGV[5])
  if at <= NOW then return jenc({ error = 'past' }) end
  broadcast.at = at
  broadcast.version = broadcast.version + 1
  redis.call('ZADD', kBroadcastsByOrganiser(organiser), at, id)
  redis.call('ZADD', kBroadcastsPlanned(), at, id)
  audit(actor, broadcast.kind .. '.moved', {}, { broadcast = id })
else
  broadcast.status = 'cancelled'
  broadcast.cancelledAt = NOW
  redis.call('ZREM', kBroadcastsByOrganiser(organiser), id)
  redis.call('ZREM', kBroadcastsPlanned(), id)
  audit(actor, broadcast.kind .. '.cancelled', {}, { broadcast = id })
end
redis.call('SET', kBroadcast(id), jenc(broadcast))
return jenc({ broadcast = broadcast })
