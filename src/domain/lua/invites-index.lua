-- invites-index: the global token and code index of invites (slot {invite-index}).
-- KEYS[2] = token key, KEYS[3] = code key; ARGV[2] = mode, ARGV[3] = reference JSON
-- ({ schoolId, inviteId }), ARGV[4] = lifetime (ms).
-- 'claim': both keys, or neither if either is taken (a placeholder reference, inviteId null, which
--   finds nothing); 'set': points both at the stored invite; 'release': drops both if they still
--   hold this placeholder. Replies { ok }.
local mode, ref = ARGV[2], ARGV[3]
if mode == 'claim' then
  if redis.call('EXISTS', KEYS[2]) == 1 or redis.call('EXISTS', KEYS[3]) == 1 then return jenc({ ok = false }) end
  redis.call('SET', KEYS[2], ref, 'PX', ARGV[4])
  redis.call('SET', KEYS[3], ref, 'PX', ARGV[4])
elseif mode == 'set' then
  redis.call('SET', KEYS[2], ref, 'PX', ARGV[4])
  redis.call('SET', KEYS[3], ref, 'PX', ARGV[4])
else
  for _, key in ipairs({ KEYS[2], KEYS[3] }) do
    if redis.call('GET', key) == ref then redis.call('DEL', key) end
  end
end
return jenc({ ok = true })
