-- questions-ask: an active member asks the school's admins a question (F14).
-- ARGV[2] = actor, [3] text. Replies { question } or { error = 'denied' }.
local actor, text = ARGV[2], ARGV[3]
local m = getMember(actor)
if not m or m.status ~= 'active' then return jenc({ error = 'denied' }) end
local id = 'q' .. redis.call('INCR', kSeq('question'))
local question = { id = id, from = actor, text = text, at = NOW, status = 'open' }
redis.call('SET', kQuestion(id), jenc(question))
return jenc({ question = question })
