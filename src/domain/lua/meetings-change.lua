-- meetings-change: moves or cancels a planned meeting (F22): its organiser, while they may plan meetings,
-- or an admin or the head (event.manageAny: the organiser may be away).
-- ARGV[2] = actor, [3] meeting id, [4] 'move' | 'cancel', [5] the new time (ms, for 'move').
-- A move raises the meeting's version (its reminders are those of the new version).
-- Replies { meeting } or { error = 'denied' | 'not_found' | 'cancelled' }.
local actor, id, op = ARGV[2], ARGV[3], ARGV[4]
local meeting = getJson(kMeeting(id))
if not meeting then return jenc({ error = 'not_found' }) end
local own = tostring(meeting.organiser) == tostring(actor) and can(actor, 'meeting.plan')
if not own and not can(actor, 'event.manageAny') then return jenc({ error = 'denied' }) end
if meeting.status ~= 'planned' then return jenc({ error = 'cancelled' }) end
local organiser = tostring(meeting.organiser)
if op == 'move' then
  meeting.at = tonumber(ARGV[5])
  meeting.version = meeting.version + 1
  redis.call('ZADD', kMeetingsByOrganiser(organiser), meeting.at, id)
  redis.call('ZADD', kMeetingsPlanned(), meeting.at, id)
  audit(actor, 'meeting.moved', {}, { meeting = id })
else
  meeting.status = 'cancelled'
  meeting.cancelledAt = NOW
  redis.call('ZREM', kMeetingsByOrganiser(organiser), id)
  redis.call('ZREM', kMeetingsPlanned(), id)
  audit(actor, 'meeting.cancelled', {}, { meeting = id })
end
redis.call('SET', kMeeting(id), jenc(meeting))
return jenc({ meeting = meeting })
