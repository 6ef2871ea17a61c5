-- review-queue-summary: remembers the message of a reviewer's summary, if its generation is still open.
-- ARGV[2] = reviewer id, [3] generation, [4] the message (`<chat>:<id>`).
local kSum = B .. 'rq:' .. ARGV[2] .. ':summary'
if tonumber(redis.call('HGET', kSum, 'gen') or '0') ~= tonumber(ARGV[3]) then return jenc({ ok = false }) end
redis.call('HSETNX', kSum, 'msg', ARGV[4])
return jenc({ ok = true })
