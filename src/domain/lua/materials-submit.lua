-- materials-submit: material handed in for a system channel (F21), waiting for an admin's decision.
-- ARGV[2] = actor (the author), [3] kind ('school' | 'staff'), [4] text, [5] its photos and documents ('' for none). Replies { material } or { error }.
local actor, kind, text, attachment = ARGV[2], ARGV[3], ARGV[4], ARGV[5] or ''
if kind ~= 'school' and kind ~= 'staff' then return jenc({ error = 'bad_kind' }) end
if not can(actor, 'material.submit') then return jenc({ error = 'denied' }) end
local id = 'm' .. redis.call('INCR', kSeq('material'))
local material = { id = id, kind = kind, text = text, author = actor, at = NOW, status = 'pending' }
if attachment ~= '' then material.attachment = attachment end
redis.call('SET', kMaterial(id), jenc(material))
redis.call('ZADD', kMaterialsPending(), NOW, id)
audit(actor, 'material.submitted', {}, { material = id, kind = kind })
return jenc({ material = material })
