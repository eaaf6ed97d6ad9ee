-- ARGV[5] caller's subject digest ('' anonymous), ARGV[6] log level. Returns 1 when recorded.
local h = find()
if not h or (h[1] ~= '' and h[1] ~= ARGV[5]) then
  return 0
end
redis.call('HSET', P .. 's:' .. d, 'lv', ARGV[6])
return 1
