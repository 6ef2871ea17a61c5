-- The core of every script's prelude: JSON and list helpers. The loader (lua.ts) puts before it
-- B = KEYS[1] (the key base of the slot the script runs in: the school's, `<prefix>{s:<id>}:`)
-- and NOW = ARGV[1] (ms); a script's own arguments start at ARGV[2].

-- cjson writes an empty table as {}; every empty table we store is a list.
local function jenc(v)
  local s = cjson.encode(v)
  s = string.gsub(s, '([%w_]"):{}', '%1:[]')
  return s
end
local function getJson(key)
  local s = redis.call('GET', key)
  if not s then return nil end
  return cjson.decode(s)
end
local function list(t) if type(t) ~= 'table' then return {} end return t end
local function has(t, v) for _, x in ipairs(t) do if x == v then return true end end return false end
local function addTo(t, v) if not has(t, v) then table.insert(t, v) end return t end
local function removeFrom(t, v)
  local r = {}
  for _, x in ipairs(t) do if x ~= v then table.insert(r, x) end end
  return r
end
-- JSON of a flat object with its keys sorted; {} when empty (never []).
local function jobj(t)
  local names = {}
  for k in pairs(t) do table.insert(names, k) end
  table.sort(names)
  local parts = {}
  for _, k in ipairs(names) do table.insert(parts, cjson.encode(k) .. ':' .. cjson.encode(t[k])) end
  return '{' .. table.concat(parts, ',') .. '}'
end
