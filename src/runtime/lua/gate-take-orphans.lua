-- The update gate takes over what dead processes left (src/runtime/update-gate.ts).
-- KEYS: 1 inbox, 2 inbox:owner, 3 instances
-- ARGV: 1 the key base (for instance:<id> and lock:peer:<peer>, same slot), 2 this instance's id, 3 '1' for a full check
-- Takes over, atomically, every inbox entry whose owner has no heartbeat, frees the peer leases that
-- owner held, and returns the entries as [id, raw, id, raw, …]. Cheap when nobody died: unless
-- ARGV[3] is '1' (a full check, at start), the inbox is read only when a registered process is gone.
local me = ARGV[2]
local dead = {}
local any = false
for _, id in ipairs(redis.call('SMEMBERS', KEYS[3])) do
  if id ~= me and redis.call('EXISTS', ARGV[1] .. 'instance:' .. id) == 0 then
    dead[id] = true
    any = true
    redis.call('SREM', KEYS[3], id)
  end
end
if not any and ARGV[3] ~= '1' then return {} end
local taken = {}
local owners = redis.call('HGETALL', KEYS[2])
for i = 1, #owners, 2 do
  local owner, peer = string.match(owners[i + 1], '^([^|]*)|(.*)$')
  if owner and owner ~= me and (dead[owner] or redis.call('EXISTS', ARGV[1] .. 'instance:' .. owner) == 0) then
    local lock = ARGV[1] .. 'lock:peer:' .. peer
    if redis.call('GET', lock) == owner then redis.call('DEL', lock) end
    redis.call('HSET', KEYS[2], owners[i], me .. '|' .. peer)
    local raw = redis.call('HGET', KEYS[1], owners[i])
    if raw then
      table.insert(taken, owners[i])
      table.insert(taken, raw)
    else
      redis.call('HDEL', KEYS[2], owners[i])
    end
  end
end
return taken
