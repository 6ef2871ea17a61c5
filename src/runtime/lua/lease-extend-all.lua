-- Renews every lease this process holds, in one call (src/runtime/peer-queue.ts).
-- KEYS: the leases.  ARGV: 1 this process's id, 2 the leases' TTL (ms).  Replies 0.
for _, key in ipairs(KEYS) do
  if redis.call('GET', key) == ARGV[1] then redis.call('PEXPIRE', key, ARGV[2]) end
end
return 0
