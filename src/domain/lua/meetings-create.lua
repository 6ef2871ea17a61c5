-- meetings-create: keeps a meeting the administration plans (F22), with whom it invites.
-- ARGV[2] = actor (the organiser), [3] JSON { title, at, place, audience = { kind, classId }, invited }.
-- Replies { meeting } or { error }. A repeat of the same operation gets the kept reply (the same meeting).
local actor = ARGV[2]
if not can(actor, 'meeting.plan') then return jenc({ error = 'denied' }) end
local input = cjson.decode(ARGV[3])
if input.audience.kind == 'class' then
  local c = getJson(kClass(input.audience.classId))
  if not c or c.kind ~= 'regular' or c.status ~= 'active' then return jenc({ error = 'class_not_found' }) end
end
local id = 'm' .. redis.call('INCR', kSeq('meeting'))
local meeting = { id = id, status = 'planned', version = 1, title = input.title, at = input.at, audience = input.audience,
  organiser = actor, invited = list(input.invited), createdAt = NOW }
if input.place ~= nil and input.place ~= cjson.null then meeting.place = input.place end
redis.call('SET', kMeeting(id), jenc(meeting))
redis.call('ZADD', kMeetingsByOrganiser(actor), input.at, id)
redis.call('ZADD', kMeetingsPlanned(), input.at, id)
audit(actor, 'meeting.planned', {}, { meeting = id, audience = input.audience.kind, invited = #meeting.invited })
return jenc({ meeting = meeting })
