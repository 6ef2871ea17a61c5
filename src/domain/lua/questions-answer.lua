-- questions-answer: an admin answers a question (F14). Of two admins at once the first answers; the
-- other gets { error = 'answered', question }. ARGV[2] = actor, [3] question id, [4] answer.
-- Replies { question } or { error }.
local actor, id, answer = ARGV[2], ARGV[3], ARGV[4]
local m = getMember(actor)
if not m or m.status ~= 'active' or not has(m.roles, 'admin') then return jenc({ error = 'denied' }) end
local raw = redis.call('GET', kQuestion(id))
if not raw then return jenc({ error = 'not_found' }) end
local question = cjson.decode(raw)
if question.status ~= 'open' then return jenc({ error = 'answered', question = question }) end
question.status = 'answered'
question.answeredBy = actor
question.answeredAt = NOW
question.answer = answer
redis.call('SET', kQuestion(id), jenc(question))
return jenc({ question = question })
