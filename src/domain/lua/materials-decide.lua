-- materials-decide: an admin publishes or declines a material (F21). Of two admins at once the first
-- decides; the other gets { error = 'decided', material }. ARGV[2] = actor, [3] material id,
-- [4] 'published' | 'declined', [5] the reason of a decline ('' for none), [6] the text as the admin
-- edited it before publishing ('' when published as handed in). Replies { material } or { error }.
local actor, id, decision, reason, edited = ARGV[2], ARGV[3], ARGV[4], ARGV[5], ARGV[6] or ''
if decision ~= 'published' and decision ~= 'declined' then return jenc({ error = 'bad_decision' }) end
if not can(actor, 'channel.publish') then return jenc({ error = 'denied' }) end
local raw = redis.call('GET', kMaterial(id))
if not raw then return jenc({ error = 'not_found' }) end
local material = cjson.decode(raw)
if material.status ~= 'pending' then return jenc({ error = 'decided', material = material }) end
material.status = decision
material.decidedBy = actor
material.decidedAt = NOW
if reason ~= '' then material.reason = reason end
if decision == 'published' and edited ~= '' and edited ~= material.text then material.publishedText = edited end
redis.call('SET', kMaterial(id), jenc(material))
redis.call('ZREM', kMaterialsPending(), id)
audit(actor, decision == 'published' and 'material.published' or 'material.declined', {}, { material = id, kind = material.kind, edited = material.publishedText ~= nil })
return jenc({ material = material })
