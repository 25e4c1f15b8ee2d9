-- wrk script: signed GET /api/user-data requests with the k6 scripts' id mixes.
-- Environment:
--   MIX          realistic (default: 50% 1..1M, 30% 1..5M, 20% 1..MAX_USER_ID, each capped at MAX_USER_ID)
--                | hot (uniform over 1..HOT_USERS) | cold (uniform over 1..MAX_USER_ID)
--   MAX_USER_ID  largest user id in the data set (default 10000000)
--   HOT_USERS    size of the hot set (default 10000)
--   AUTH_SIGNATURE_SECRET  legacy signing secret (default forecap2025)
-- Each request is signed as the guide's shell does: Base64(timestamp .. secret .. user_id).

local bit = require("bit")

local mix = os.getenv("MIX") or "realistic"
local max_user = tonumber(os.getenv("MAX_USER_ID") or "10000000")
local hot_users = tonumber(os.getenv("HOT_USERS") or "10000")
local secret = os.getenv("AUTH_SIGNATURE_SECRET") or "forecap2025"

local alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
local sextets = {}
for i = 1, 64 do sextets[i - 1] = alphabet:sub(i, i) end

local function base64(text)
  local out = {}
  local n = #text
  for i = 1, n, 3 do
    local a, b, c = text:byte(i, i + 2)
    local triple = bit.bor(bit.lshift(a, 16), bit.lshift(b or 0, 8), c or 0)
    out[#out + 1] = sextets[bit.band(bit.rshift(triple, 18), 63)]
    out[#out + 1] = sextets[bit.band(bit.rshift(triple, 12), 63)]
    out[#out + 1] = b and sextets[bit.band(bit.rshift(triple, 6), 63)] or "="
    out[#out + 1] = c and sextets[bit.band(triple, 63)] or "="
  end
  return table.concat(out)
end

local function pick()
  if mix == "hot" then
    return math.random(1, math.min(hot_users, max_user))
  elseif mix == "cold" then
    return math.random(1, max_user)
  end
  local r = math.random()
  if r < 0.5 then
    return math.random(1, math.min(1000000, max_user))
  elseif r < 0.8 then
    return math.random(1, math.min(5000000, max_user))
  end
  return math.random(1, max_user)
end

local second, stamp = -1, nil

function setup(thread)
  thread:set("seed", math.random(1, 2147483647))
end

function init(args)
  math.randomseed(tonumber(seed) or os.time())
end

function request()
  local now = os.time()
  if now ~= second then
    second = now
    stamp = os.date("!%Y-%m-%dT%H:%M:%SZ", now)
  end
  local id = tostring(pick())
  return wrk.format("GET", "/api/user-data", {
    ["timestamp"] = stamp,
    ["user_id"] = id,
    ["sign"] = base64(stamp .. secret .. id),
  })
end
