-- channels-unbind: the chat stops being a system channel (F12). ARGV[2] = actor (an admin),
-- [3] the messenger's chat id. Replies { channel } (the one unbound) or { error }.
local actor, peer = ARGV[2], tonumber(ARGV[3])
if not can(actor, 'channel.publish') then return jenc({ error = 'denied' }) end
for _, kind in ipairs({ 'school', 'staff' }) do
  local raw = redis.call('HGET', kChannels(), kind)
  if raw then
    local channel = cjson.decode(raw)
    if channel.peer == peer then
      redis.call('HDEL', kChannels(), kind)
      audit(actor, 'channel.unbound', {}, { kind = kind, peer = peer })
      return jenc({ channel = channel })
    end
  end
end
return jenc({ error = 'not_bound' })
