-- Reserves the next free send slot of the token for every process sharing it (src/vk/rate-limit.ts).
-- KEYS: 1 the limiter's key.  ARGV: 1 the gap between two slots (ms)
-- Replies how many ms the caller waits before its request. Slots are ARGV[1] ms apart on Redis's own clock.
local now = redis.call('TIME')
local ms = tonumber(now[1]) * 1000 + math.floor(tonumber(now[2]) / 1000)
local free = tonumber(redis.call('GET', KEYS[1]) or '0')
local at = math.max(ms, free)
redis.call('SET', KEYS[1], at + tonumber(ARGV[1]), 'PX', at - ms + 1000)
return at - ms
