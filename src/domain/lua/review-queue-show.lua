-- review-queue-show: «Показать» under a summary: up to ARGV[4] of its undecided requests, oldest
-- first, become cards; the rest stay counted. When none stay, the summary closes (the next request
-- starts a new one). A press on a summary of another generation, or a closed one, is refused.
-- ARGV[2] = reviewer id, [3] the summary's generation from the button, [4] how many to show,
-- [5] the message pressed (`<chat>:<id>`): it must be the summary itself.
local rv, gen, n = ARGV[2], tonumber(ARGV[3]), tonumber(ARGV[4])
local kCards, kBatch, kSum = B .. 'rq:' .. rv .. ':cards', B .. 'rq:' .. rv .. ':batch', B .. 'rq:' .. rv .. ':summary'
local current = tonumber(redis.call('HGET', kSum, 'gen') or '0')
local msg = redis.call('HGET', kSum, 'msg')
if current ~= gen or not msg or msg ~= ARGV[5] then return jenc({ ok = false }) end
local waiting = {}
for _, id in ipairs(redis.call('SMEMBERS', kBatch)) do
  local r = getJson(kRequest(id))
  if r ~= nil and r.status == 'pending' then table.insert(waiting, r) else redis.call('SREM', kBatch, id) end
end
table.sort(waiting, function(a, b) if a.createdAt == b.createdAt then return a.id < b.id end return a.createdAt < b.createdAt end)
local shown = {}
for i = 1, math.min(n, #waiting) do
  local id = waiting[i].id
  table.insert(shown, id)
  redis.call('SREM', kBatch, id)
  redis.call('SADD', kCards, id)
end
local remaining = #waiting - #shown
if remaining == 0 then
  redis.call('HDEL', kSum, 'msg', 'owner:' .. gen)
  redis.call('HSET', kSum, 'gen', gen + 1)
end
return jenc({ ok = true, shown = shown, remaining = remaining, msg = msg })
