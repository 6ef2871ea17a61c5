-- broadcasts-create: keeps a broadcast, a webinar (F13, F31) or an online lesson (F26) once it is announced.
-- ARGV[2] = actor (the organiser), [3] JSON { kind, title, at, link, audience = { kind, classId, studyChatId },
--   chat, recipients, missed }.
-- A broadcast or a webinar needs 'broadcast.plan'; a lesson 'lesson.announce' and the study chat must be the actor's.
-- Replies { broadcast } or { error = 'denied' | 'class_not_found' | 'chat_not_found' | 'past' }.
-- A repeat of the same operation gets the kept reply (the same event).
local actor = ARGV[2]
local input = cjson.decode(ARGV[3])
local right = 'broadcast.plan'
if input.kind == 'lesson' then right = 'lesson.announce' end
if not can(actor, right) then return jenc({ error = 'denied' }) end
if input.audience.kind == 'class' then
  local c = getJson(kClass(input.audience.classId))
  if not c or c.kind ~= 'regular' or c.status ~= 'active' then return jenc({ error = 'class_not_found' }) end
end
if input.kind == 'lesson' then
  if input.audience.kind ~= 'chat' then return jenc({ error = 'chat_not_found' }) end
  local chat = getJson(kStudyChat(input.audience.studyChatId))
  if not chat or chat.status ~= 'ready' then return jenc({ error = 'chat_not_found' }) end
  if tostring(chat.teacher) ~= tostring(actor) then return jenc({ error = 'denied' }) end
end
if tonumber(input.at) <= NOW then return jenc({ error = 'past' }) end
local id = 'b' .. redis.call('INCR', kSeq('broadcast'))
local broadcast = { id = id, kind = input.kind, status = 'planned', version = 1, title = input.title, at = input.at,
  link = input.link, audience = input.audience, organiser = actor, recipients = list(input.recipients),
  missed = tonumber(input.missed) or 0, createdAt = NOW }
if input.chat ~= nil and input.chat ~= cjson.null then broadcast.chat = input.chat end
redis.call('SET', kBroadcast(id), jenc(broadcast))
redis.call('ZADD', kBroadcastsByOrganiser(actor), input.at, id)
redis.call('ZADD', kBroadcastsPlanned(), input.at, id)
audit(actor, input.kind .. '.announced', {}, { broadcast = id, audience = input.audience.kind, recipients = #broadcast.recipients })
return jenc({ broadcast = broadcast })
