-- Releases a peer's lease if it is still this process's (src/runtime/peer-queue.ts).
-- KEYS: 1 the lease.  ARGV: 1 this process's id.  Replies 1 when released, 0 when it was not ours.
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) else return 0 end
