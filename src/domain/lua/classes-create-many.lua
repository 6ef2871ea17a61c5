-- classes-create-many: creates classes one by one, skipping names taken. ARGV[2] = JSON list of
-- { input, name, grade, letter }, [3] actor. Replies a list of { input, status, ... }, or { error =
-- 'forbidden' } when the actor may not edit the school (checked here, before any write).
-- The actor's right, checked in the same step as the write (a right taken away meanwhile counts).
if not can(ARGV[3], 'school.edit') then return jenc({ error = 'forbidden' }) end
local items = cjson.decode(ARGV[2])
local out = {}
for _, it in ipairs(items) do
  local existing = redis.call('HGET', kClassByName(), it.name)
  if existing then
    table.insert(out, { input = it.input, status = 'duplicate', name = it.name, existingId = existing })
  else
    local id = 'c' .. redis.call('INCR', kSeq('class'))
    local c = { id = id, kind = 'regular', name = it.name, grade = it.grade, letter = it.letter,
      status = 'active', createdAt = NOW }
    redis.call('SET', kClass(id), jenc(c))
    redis.call('SADD', kClasses(), id)
    redis.call('HSET', kClassByName(), it.name, id)
    audit(ARGV[3], 'class.created', { classId = id })
    table.insert(out, { input = it.input, status = 'created', classGroup = c })
  end
end
return jenc(out)
