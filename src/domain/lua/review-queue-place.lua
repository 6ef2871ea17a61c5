-- review-queue-place: where a reviewer gets a new request: as a card of its own, or counted in their
-- summary message («Новых заявок: N»). A card while the reviewer has fewer than ARGV[4] undecided cards
-- out and no summary waiting; else into the summary. Run again for the same request, the same answer.
-- ARGV[2] = reviewer id, [3] request id, [4] the most undecided cards a reviewer gets one by one.
local rv, rid, limit = ARGV[2], ARGV[3], tonumber(ARGV[4])
local kCards, kBatch, kSum = B .. 'rq:' .. rv .. ':cards', B .. 'rq:' .. rv .. ':batch', B .. 'rq:' .. rv .. ':summary'
local function pending(id)
  local r = getJson(kRequest(id))
  return r ~= nil and r.status == 'pending'
end
-- Forgets the requests decided meanwhile; the number still undecided.
local function prune(key)
  for _, id in ipairs(redis.call('SMEMBERS', key)) do
    if not pending(id) then redis.call('SREM', key, id) end
  end
  return redis.call('SCARD', key)
end
if redis.call('SISMEMBER', kCards, rid) == 1 then return jenc({ place = 'card' }) end
local inBatch = redis.call('SISMEMBER', kBatch, rid) == 1
if not inBatch and prune(kBatch) == 0 and prune(kCards) < limit then
  redis.call('SADD', kCards, rid)
  return jenc({ place = 'card' })
end
redis.call('SADD', kBatch, rid)
local count = prune(kBatch)
local gen = tonumber(redis.call('HGET', kSum, 'gen') or '0')
-- The first request of a summary's generation sends it; the others edit it once it is sent.
redis.call('HSETNX', kSum, 'owner:' .. gen, rid)
local owner = redis.call('HGET', kSum, 'owner:' .. gen) == rid
return jenc({ place = 'batch', count = count, gen = gen, msg = redis.call('HGET', kSum, 'msg') or '', owner = owner })
