-- One person as an update needs them (src/runtime/caller.ts), from the keys PK and arguments PA:
-- PK: 1 their member record, 2 the languages hash, 3 their dialog's session, 4 the join requests they filed
-- PA: 1 their person id, 2 a language learnt without asking ('' for none), 3 the session's idle TTL (s)
-- Replies { member JSON or false, language or false, session JSON or false, { request ids } }: their
-- member record, the language kept with them (PA[2] is kept if they have none), their session (its
-- idle expiry renewed) and the ids of the join requests they filed. Run on its own (caller-load: PK,
-- PA = KEYS, ARGV) or inside the update gate's call that records the update (gate-record.lua's PRELOAD).
local member = redis.call('GET', PK[1])
local language = redis.call('HGET', PK[2], PA[1])
if not language and PA[2] ~= '' then
  redis.call('HSET', PK[2], PA[1], PA[2])
  language = PA[2]
end
local session = redis.call('GETEX', PK[3], 'EX', PA[3])
return { member or false, language or false, session or false, redis.call('SMEMBERS', PK[4]) }
