-- Purges every ended session, then returns {active, anonymous, created, expired, evicted}.
while purge(1000) == 1000 do
end
local s = redis.call('HMGET', P .. 'stats', 'created', 'expired', 'evicted')
return {redis.call('ZCARD', P .. 'lru'), redis.call('ZCARD', P .. 'anon'),
  tonumber(s[1] or '0'), tonumber(s[2] or '0'), tonumber(s[3] or '0')}
