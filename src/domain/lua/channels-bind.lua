-- channels-bind: makes a chat the school-wide or the staff channel (F12). ARGV[2] = actor (an admin),
-- [3] kind ('school' | 'staff'), [4] the messenger's chat id. Binding a kind to another chat moves it
-- there; a chat already bound as the other kind is refused (one chat, one channel).
-- Replies { status = 'bound' | 'moved' | 'same', channel, previousPeer? } or { error, kind? }.
local actor, kind, peer = ARGV[2], ARGV[3], tonumber(ARGV[4])
if kind ~= 'school' and kind ~= 'staff' then return jenc({ error = 'bad_kind' }) end
if not can(actor, 'channel.publish') then return jenc({ error = 'denied' }) end
local other = kind == 'school' and 'staff' or 'school'
local otherRaw = redis.call('HGET', kChannels(), other)
if otherRaw and cjson.decode(otherRaw).peer == peer then return jenc({ error = 'other_kind', kind = other }) end
local raw = redis.call('HGET', kChannels(), kind)
local previous = raw and cjson.decode(raw) or nil
if previous and previous.peer == peer then return jenc({ status = 'same', channel = previous }) end
local channel = { kind = kind, peer = peer, boundBy = actor, boundAt = NOW }
redis.call('HSET', kChannels(), kind, jenc(channel))
local details = { kind = kind, peer = peer }
if previous then details.previousPeer = previous.peer end
audit(actor, previous and 'channel.moved' or 'channel.bound', {}, details)
if previous then return jenc({ status = 'moved', channel = channel, previousPeer = previous.peer }) end
return jenc({ status = 'bound', channel = channel })
