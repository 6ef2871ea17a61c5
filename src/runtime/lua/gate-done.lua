-- The update gate is done with an update (src/runtime/update-gate.ts).
-- KEYS: 1 inbox, 2 inbox:owner, [3 the peer's lease]
-- ARGV: 1 event id, 2 lease owner ('' for none), 3 the entry's owner '<instance>|<peer>' ('*' for any, '' to keep the entry)
-- The update leaves the inbox (unless another process has taken it over meanwhile), and the peer's
-- lease is released when it was the last one queued (as lease-release.lua does). Replies 0.
if ARGV[3] == '*' or redis.call('HGET', KEYS[2], ARGV[1]) == ARGV[3] then
  redis.call('HDEL', KEYS[1], ARGV[1])
  redis.call('HDEL', KEYS[2], ARGV[1])
end
if KEYS[3] and redis.call('GET', KEYS[3]) == ARGV[2] then redis.call('DEL', KEYS[3]) end
return 0
