-- meetings-change: moves or cancels a planned meeting (F22); only its organiser, while they may plan meetings.
-- ARGV[2] = actor, [3] meeting id, [4] 'move' | 'cancel', [5] the new time (ms, for 'move').
-- A move raises the meeting's version (its reminders are those of the new version).
-- Replies { meeting } or { error = 'denied' | 'not_found' | 'cancelled' }.
local actor, id, op = ARGV[2], ARGV[3], ARGV[4]
if not can(actor, 'meeting.plan') then return jenc({ error = 'denied' }) end
local meeting = getJson(kMeeting(id))
if not meeting then return jenc({ error = 'not_found' }) end
if tostring(meeting.organiser) ~= tostring(actor) then return jenc({ error = 'denied' }) end
if meeting.status ~= 'planned' then return jenc({ error = 'cancelled' }) end
if op == 'move' then
  meeting.at = tonumber(ARGV[5])
  meeting.version = meeting.version + 1
  redis.call('ZADD', kMeetingsByOrganiser(actor), meeting.at, id)
  audit(actor, 'meeting.moved', {}, { meeting = id })
else
  meeting.status = 'cancelled'
  meeting.cancelledAt = NOW
  redis.call('ZREM', kMeetingsByOrganiser(actor), id)
  audit(actor, 'meeting.cancelled', {}, { meeting = id })
end
redis.call('SET', kMeeting(id), jenc(meeting))
return jenc({ meeting = meeting })
