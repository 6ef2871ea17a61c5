-- audit-append (arguments: see the LuaScript in the service that runs it)
local details = nil
if ARGV[5] ~= '' then details = cjson.decode(ARGV[5]) end
return cjson.encode({ id = audit(ARGV[2], ARGV[3], cjson.decode(ARGV[4]), details) })
