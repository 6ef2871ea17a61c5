-- invites-lookup-code: checks the code throttle, looks the code up, and counts a miss (slot
-- {invite-index}). KEYS[2] = throttle key, KEYS[3] = code key; ARGV[2] = max misses, [3] = window (ms).
-- Replies { throttled, retryAfterMs } or { hit } (the index's reference) or { attemptsLeft }.
local key, max, window = KEYS[2], tonumber(ARGV[2]), tonumber(ARGV[3])
redis.call('ZREMRANGEBYSCORE', key, '-inf', NOW - window)
local fails = redis.call('ZCARD', key)
if fails >= max then
  local oldest = redis.call('ZRANGE', key, 0, 0, 'WITHSCORES')
  return jenc({ throttled = true, retryAfterMs = tonumber(oldest[2]) + window - NOW })
end
local hit = redis.call('GET', KEYS[3])
if hit then return jenc({ hit = hit }) end
redis.call('ZADD', key, NOW, NOW .. ':' .. redis.call('INCR', key .. ':n'))
redis.call('PEXPIRE', key, window)
redis.call('PEXPIRE', key .. ':n', window)
return jenc({ attemptsLeft = max - fails - 1 })
