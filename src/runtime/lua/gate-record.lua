-- The update gate records an update (src/runtime/update-gate.ts).
-- KEYS: 1 the event's seen mark, 2 inbox, 3 inbox:owner, 4 inbox:seq, [5 the peer's lease, 6… the preload's keys]
-- ARGV: 1 seen TTL (s), 2 event id, 3 update JSON, 4 '<instance>|<peer>', [5 lease owner, 6 lease TTL (ms), 7 '1' to preload, 8… the preload's arguments]
-- Marks the event as seen and keeps it in the inbox until handled; 0 for a repeated delivery. When the
-- peer's lease (KEYS[5]) is free it is taken for this process in the same call (2); one already held,
-- even by this process, is left alone (1), so it is never taken over from under a release in flight.
-- With the lease taken, the preload's read (PRELOAD, put in front of this file by the gate: false for
-- none) runs too and comes back as {2, what it read}: the handler needs no Redis call of its own to start.
if redis.call('SET', KEYS[1], '1', 'NX', 'EX', ARGV[1]) then
  local seq = redis.call('INCR', KEYS[4])
  redis.call('HSET', KEYS[2], ARGV[2], seq .. ':' .. ARGV[3])
  redis.call('HSET', KEYS[3], ARGV[2], ARGV[4])
  if KEYS[5] and redis.call('SET', KEYS[5], ARGV[5], 'NX', 'PX', ARGV[6]) then
    if PRELOAD and ARGV[7] == '1' then
      -- The update is recorded already: a read that fails leaves the handler to read for itself.
      local ok, read = pcall(PRELOAD, {unpack(KEYS, 6)}, {unpack(ARGV, 8)})
      if ok then return { 2, read } end
    end
    return 2
  end
  return 1
end
return 0
