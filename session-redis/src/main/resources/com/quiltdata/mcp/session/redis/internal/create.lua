-- ARGV[5] subject digest ('' anonymous), ARGV[6] protocol version (''), ARGV[7] absolute lifetime
-- (ms), ARGV[8] most sessions, ARGV[9] most sessions per subject. Returns 0 when the id is taken,
-- -1 when every session is bound to a user (refused: no user's session is evicted for another's),
-- else the end of the new session.
purge(64)
if redis.call('EXISTS', P .. 's:' .. d) == 1 then
  return 0
end
local max = tonumber(ARGV[8])
local evicted = 0
while redis.call('ZCARD', P .. 'lru') >= max do
  local victim = redis.call('ZRANGE', P .. 'anon', 0, 0)
  if #victim == 0 then
    if evicted > 0 then
      redis.call('HINCRBY', P .. 'stats', 'evicted', evicted)
    end
    return -1
  end
  drop(victim[1])
  evicted = evicted + 1
end
if evicted > 0 then
  redis.call('HINCRBY', P .. 'stats', 'evicted', evicted)
end
local x = now + tonumber(ARGV[7])
redis.call('HSET', P .. 's:' .. d, 'sub', ARGV[5], 'pv', ARGV[6], 'c', ARGV[2], 'l', ARGV[2],
  'p', ARGV[2], 'x', int(x), 'lv', '')
redis.call('HINCRBY', P .. 'stats', 'created', 1)
local ends = place(now, x, ARGV[5] == '')
if ARGV[5] ~= '' then
  own(ARGV[5], x, tonumber(ARGV[9]))
end
return ends
