-- ARGV[5] caller's subject digest ('' anonymous), ARGV[6] most sessions per subject. Binds an anonymous session to the caller and
-- slides its idle timeout; returns {sub, pv, c, l, p, x, lv, ends} or nil when not visible.
purge(64)
local h = find()
if not h or (h[1] ~= '' and h[1] ~= ARGV[5]) then
  return nil
end
local bound = h[1]
if bound == '' then
  bound = ARGV[5]
end
redis.call('HSET', P .. 's:' .. d, 'sub', bound, 'p', h[4], 'l', ARGV[2])
local ends = place(now, tonumber(h[6]), bound == '')
if bound ~= '' then
  own(bound, tonumber(h[6]), tonumber(ARGV[6]))
end
return {bound, h[2], h[3], ARGV[2], h[4], h[6], h[7], int(ends)}
