-- classes-rename: renames an active regular class to a free name. ARGV[2] = class id,
-- [3] name, [4] grade, [5] letter, [6] actor.
-- The actor's right, checked in the same step as the write (a right taken away meanwhile counts).
if not can(ARGV[6], 'school.edit') then return jenc({ error = 'forbidden' }) end
local c = getJson(kClass(ARGV[2]))
if not c then return jenc({ error = 'not_found' }) end
if c.kind == 'staff' then return jenc({ error = 'staff' }) end
if c.status ~= 'active' then return jenc({ error = 'archived' }) end
if c.name == ARGV[3] then return jenc({ classGroup = c }) end
local holder = redis.call('HGET', kClassByName(), ARGV[3])
if holder then return jenc({ error = 'taken', existingId = holder }) end
local previousName = c.name
redis.call('HDEL', kClassByName(), c.name)
redis.call('HSET', kClassByName(), ARGV[3], c.id)
c.name = ARGV[3]
c.grade = tonumber(ARGV[4])
c.letter = ARGV[5]
redis.call('SET', kClass(c.id), jenc(c))
audit(ARGV[6], 'class.renamed', { classId = c.id }, { previousName = previousName })
return jenc({ classGroup = c, renamed = true })
