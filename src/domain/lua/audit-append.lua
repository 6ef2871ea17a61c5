-- audit-append: appends one audit entry with the prelude's audit(). ARGV[2] = actor, [3] action,
-- [4] target JSON, [5] details JSON or ''. Replies { id }.
local details = nil
if ARGV[5] ~= '' then details = cjson.decode(ARGV[5]) end
return cjson.encode({ id = audit(ARGV[2], ARGV[3], cjson.decode(ARGV[4]), details) })
