-- Freezes a delivery (src/runtime/delivery-store.ts).
-- KEYS: 1 the delivery's hash.  ARGV: 1 how long it is kept (ms), 2… its fields and values
-- Creates the delivery unless it exists (a repeat after a crash keeps the first one's batches): 1 if created, else 0.
if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
redis.call('HSET', KEYS[1], unpack(ARGV, 2))
redis.call('PEXPIRE', KEYS[1], ARGV[1])
return 1
