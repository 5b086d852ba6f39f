-- Token-bucket check-and-take for one identity: both buckets in one atomic step.
-- The clock is the Redis server's (TIME), so guard replicas with skewed clocks agree.
--
-- KEYS[1]  hash {r = request level, t = token level, ts = last update, µs of server time}
-- ARGV[1]  "allow": take 1 request and ARGV[6] tokens only when both buckets suffice;
--          "charge": take ARGV[6] tokens unconditionally (negative refunds, up to capacity)
-- ARGV[2]  request capacity (0 = unlimited)   ARGV[3]  requests refilled per minute
-- ARGV[4]  token capacity (0 = unlimited)     ARGV[5]  tokens refilled per minute
-- ARGV[6]  tokens
-- Returns {allowed 0|1, reason 0|1 requests|2 tokens, retry-after µs, requests left, tokens left}.
-- The key expires once both buckets would be full again (plus a second), when it carries no
-- information.
if redis.replicate_commands then redis.replicate_commands() end -- TIME before writes, Redis < 5
local clock = redis.call('TIME')
local now = tonumber(clock[1]) * 1000000 + tonumber(clock[2])
local rcap, rrate = tonumber(ARGV[2]), tonumber(ARGV[3]) / 60000000
local tcap, trate = tonumber(ARGV[4]), tonumber(ARGV[5]) / 60000000
local cost = tonumber(ARGV[6])

local state = redis.call('HMGET', KEYS[1], 'r', 't', 'ts')
local elapsed = 0
if state[3] then
  elapsed = math.max(0, now - tonumber(state[3]))
end
local function level(stored, cap, rate)
  if cap <= 0 then return 0 end
  if not stored then return cap end
  return math.min(cap, tonumber(stored) + elapsed * rate)
end
local r = level(state[1], rcap, rrate)
local t = level(state[2], tcap, trate)

if ARGV[1] == 'charge' then
  if tcap > 0 then t = math.min(tcap, t - cost) end
else
  local reason, wait = 0, 0
  if rcap > 0 and r < 1 then
    reason, wait = 1, (1 - r) / rrate
  end
  if tcap > 0 then
    local need = math.min(math.max(cost, 0), tcap)
    if t < need then
      local w = (need - t) / trate
      if reason == 0 or w > wait then reason, wait = 2, w end
    end
  end
  if reason ~= 0 then
    -- Capped so that a huge debt cannot overflow the integer reply.
    return {0, reason, math.min(math.ceil(wait), 4e18), math.floor(r), math.max(math.floor(t), -4e18)}
  end
  if rcap > 0 then r = r - 1 end
  if tcap > 0 then t = t - math.max(cost, 0) end
end

local full = 0
if rcap > 0 then full = (rcap - r) / rrate end
if tcap > 0 then full = math.max(full, (tcap - t) / trate) end
redis.call('HSET', KEYS[1], 'r', string.format('%.17g', r), 't', string.format('%.17g', t),
  'ts', string.format('%.17g', now))
redis.call('PEXPIRE', KEYS[1], math.min(math.ceil(full / 1000) + 1000, 1e12)) -- ≤ ~30 years
return {1, 0, 0, math.floor(r), math.floor(t)}
