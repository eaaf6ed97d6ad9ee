-- Shared by every session script. ARGV[1] key prefix, ARGV[2] now (epoch ms, the caller's clock),
-- ARGV[3] idle timeout (ms), ARGV[4] digest of the session id. Keys under the prefix:
--   s:<digest>  hash: sub (digest of the bound subject, '' while anonymous), pv (protocol version),
--               c (created), l (last seen), p (seen before that), x (absolute end), lv (log level)
--   lru         zset digest -> last seen (eviction order)
--   anon        zset digest -> last seen, unbound sessions only (evicted first)
--   u:<sub>     zset digest -> last seen, the bound sessions of one subject digest
--   ends        zset digest -> when the session ends unless used (purging order)
--   stats       hash: created, expired, evicted
local P = ARGV[1]
local now = tonumber(ARGV[2])
local idle = tonumber(ARGV[3])
local d = ARGV[4]

local function int(v)
  return string.format('%d', v)
end

local function drop(digest)
  local sub = redis.call('HGET', P .. 's:' .. digest, 'sub')
  if sub and sub ~= '' then
    redis.call('ZREM', P .. 'u:' .. sub, digest)
  end
  redis.call('DEL', P .. 's:' .. digest)
  redis.call('ZREM', P .. 'lru', digest)
  redis.call('ZREM', P .. 'anon', digest)
  redis.call('ZREM', P .. 'ends', digest)
end

local function purge(limit)
  local gone = redis.call('ZRANGEBYSCORE', P .. 'ends', '-inf', ARGV[2], 'LIMIT', 0, limit)
  for _, digest in ipairs(gone) do
    drop(digest)
  end
  if #gone > 0 then
    redis.call('HINCRBY', P .. 'stats', 'expired', #gone)
  end
  return #gone
end

-- The live session's fields, or nil (dropping it when it has expired).
local function find()
  local h = redis.call('HMGET', P .. 's:' .. d, 'sub', 'pv', 'c', 'l', 'p', 'x', 'lv')
  if not h[3] then
    if redis.call('ZSCORE', P .. 'lru', d) then
      drop(d)
      redis.call('HINCRBY', P .. 'stats', 'expired', 1)
    end
    return nil
  end
  if now >= tonumber(h[4]) + idle or now >= tonumber(h[6]) then
    drop(d)
    redis.call('HINCRBY', P .. 'stats', 'expired', 1)
    return nil
  end
  return h
end

-- Puts a session in the three orders and lets Redis drop the hash when it ends.
local function place(last, absoluteEnd, anonymous)
  redis.call('ZADD', P .. 'lru', last, d)
  if anonymous then
    redis.call('ZADD', P .. 'anon', last, d)
  else
    redis.call('ZREM', P .. 'anon', d)
  end
  local ends = math.min(last + idle, absoluteEnd)
  redis.call('ZADD', P .. 'ends', ends, d)
  redis.call('PEXPIRE', P .. 's:' .. d, math.max(1, ends - now))
  return ends
end

-- Puts session d last in its subject's order and ends that subject's sessions idle the longest
-- while it holds more than maxPer (entries whose hash Redis already dropped are only removed).
local function own(sub, absoluteEnd, maxPer)
  local key = P .. 'u:' .. sub
  redis.call('ZADD', key, now, d)
  local life = math.max(1, absoluteEnd - now)
  if redis.call('PTTL', key) < life then
    redis.call('PEXPIRE', key, life)
  end
  local evicted = 0
  while redis.call('ZCARD', key) > maxPer do
    local oldest = redis.call('ZRANGE', key, 0, 1)
    local victim = oldest[1]
    if victim == d then
      victim = oldest[2]
    end
    redis.call('ZREM', key, victim)
    if redis.call('EXISTS', P .. 's:' .. victim) == 1 then
      evicted = evicted + 1
    end
    drop(victim)
  end
  if evicted > 0 then
    redis.call('HINCRBY', P .. 'stats', 'evicted', evicted)
  end
end
