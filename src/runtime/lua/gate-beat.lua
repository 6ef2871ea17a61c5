-- A process's heartbeat (src/runtime/update-gate.ts).
-- KEYS: 1 instance:<id>, 2 instances.  ARGV: 1 the instance id, 2 the heartbeat's TTL (ms)
-- Replies 0 when this process had been taken for dead (it was no longer registered), else 1.
local registered = redis.call('SISMEMBER', KEYS[2], ARGV[1])
redis.call('SET', KEYS[1], '1', 'PX', ARGV[2])
redis.call('SADD', KEYS[2], ARGV[1])
return registered
