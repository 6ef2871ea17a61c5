-- Takes a peer's lease when it is free or already this process's own (src/runtime/peer-queue.ts).
-- KEYS: 1 the lease.  ARGV: 1 this process's id, 2 the lease's TTL (ms)
-- Replies 1 when the lease is this process's now, 0 when another holds it.
local holder = redis.call('GET', KEYS[1])
if holder == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
if holder then return 0 end
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
return 1
