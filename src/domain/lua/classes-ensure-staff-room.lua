-- classes-ensure-staff-room: creates the staff room unless it exists. ARGV[2] = its id, [3] its name.
local id = ARGV[2]
local existing = redis.call('GET', kClass(id))
if existing then return jenc({ created = false, classGroup = cjson.decode(existing) }) end
local room = { id = id, kind = 'staff', name = ARGV[3], status = 'active', createdAt = NOW }
redis.call('SET', kClass(id), jenc(room))
redis.call('SADD', kClasses(), id)
redis.call('HSET', kClassByName(), ARGV[3], id)
audit('system', 'class.staff_room_created', { classId = id })
return jenc({ created = true, classGroup = room })
