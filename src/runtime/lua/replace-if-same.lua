-- An upgrade of a stored value at start (src/runtime/record-upgrades.ts).
-- KEYS: 1 the key.  ARGV: 1 the value read, 2 the new value, 3 'string' | 'hash' | 'list', 4 the hash field or list index
-- Writes the new value over the key (its hash field, or its list item at an index) only while it
-- still holds the one read, keeping its expiry: 1 when written, 0 when it had changed meanwhile.
local kind, at = ARGV[3], ARGV[4]
if kind == 'string' then
  if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
  redis.call('SET', KEYS[1], ARGV[2], 'KEEPTTL')
elseif kind == 'hash' then
  if redis.call('HGET', KEYS[1], at) ~= ARGV[1] then return 0 end
  redis.call('HSET', KEYS[1], at, ARGV[2])
else
  if redis.call('LINDEX', KEYS[1], at) ~= ARGV[1] then return 0 end
  redis.call('LSET', KEYS[1], at, ARGV[2])
end
return 1
