-- wrk script: signed GET /api/user-data requests with the k6 scripts' id mixes.
-- Environment:
--   MIX          realistic (default: 50% 1..1M, 30% 1..5M, 20% 1..MAX_USER_ID, each capped at MAX_USER_ID)
--                | hot (uniform over 1..HOT_USERS) | cold (uniform over 1..MAX_USER_ID)
--                | ceiling (GET /health/live: a constant body from the same server, the machine's limit)
--                | tokens (Authorization: Bearer, a random line of TOKENS_FILE, no signature headers)
--                | clients (CLIENTS addresses behind a balancer, X-Forwarded-For, each reading its own user)
--                | scraper (one X-Forwarded-For address walking through user ids 1, 2, 3, ...)
--   TOKENS_FILE  for MIX=tokens: one bearer token per line
--   CLIENTS      for MIX=clients: how many (default 1000); client c is 10.9.x.y and reads user 1000 + c
--   PAD          add an X-Padding header of that many characters to signed requests (to compare requests
--                of a bearer token's size)
--   WRK_JSON     when set, the end-of-run figures are written there as JSON (for the report)
--   MAX_USER_ID  largest user id in the data set (default 100000, the k6 scripts' default; run.sh
--                always passes the size of the data set it serves)
--   HOT_USERS    size of the hot set (default 10000)
--   AUTH_SIGNATURE_SECRET  legacy signing secret (or SIGNATURE_SECRET; default forecap2025)
-- Each request is signed as the guide's shell does: Base64(timestamp .. secret .. user_id).

local bit = require("bit")

local mix = os.getenv("MIX") or "realistic"
local max_user = tonumber(os.getenv("MAX_USER_ID") or "100000")
local hot_users = tonumber(os.getenv("HOT_USERS") or "10000")
local secret = os.getenv("AUTH_SIGNATURE_SECRET") or os.getenv("SIGNATURE_SECRET") or "forecap2025"

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

-- Seed the main state from the kernel, so that each wrk run (and each thread) draws its own ids:
-- an unseeded main state would hand every run the same per-thread seeds and replay the same ids,
-- which a cache answers from what the previous run left behind.
do
  local urandom = io.open("/dev/urandom", "rb")
  local bytes = urandom and urandom:read(4)
  if urandom then urandom:close() end
  local entropy = os.time()
  if bytes and #bytes == 4 then
    local a, b, c, d = bytes:byte(1, 4)
    entropy = ((a * 256 + b) * 256 + c) * 256 + d
  end
  math.randomseed(entropy)
end

function setup(thread)
  thread:set("seed", math.random(1, 2147483647))
end

local tokens = nil
local next_user = 0
local clients = tonumber(os.getenv("CLIENTS") or "1000")
local pad = tonumber(os.getenv("PAD") or "0")
local padding = pad > 0 and string.rep("p", pad) or nil

function init(args)
  math.randomseed(tonumber(seed) or os.time())
  if mix == "tokens" then
    tokens = {}
    for line in io.lines(os.getenv("TOKENS_FILE")) do
      tokens[#tokens + 1] = line
    end
  end
  next_user = math.random(0, 1000000)
end

local ceiling = nil

function request()
  if mix == "ceiling" then
    -- built on first use: wrk.format needs the Host header, which is known only once threads run
    ceiling = ceiling or wrk.format("GET", "/health/live")
    return ceiling
  end
  local now = os.time()
  if now ~= second then
    second = now
    stamp = os.date("!%Y-%m-%dT%H:%M:%SZ", now)
  end
  if mix == "tokens" then
    return wrk.format("GET", "/api/user-data", { ["Authorization"] = "Bearer " .. tokens[math.random(1, #tokens)] })
  end
  local id, forwarded
  if mix == "clients" then
    local c = math.random(1, clients)
    id = tostring(1000 + c)
    forwarded = "10.9." .. math.floor(c / 250) .. "." .. (c % 250 + 1)
  elseif mix == "scraper" then
    next_user = next_user + 1
    id = tostring(next_user % max_user + 1)
    forwarded = "198.51.100.1"
  else
    id = tostring(pick())
  end
  return wrk.format("GET", "/api/user-data", {
    ["timestamp"] = stamp,
    ["user_id"] = id,
    ["sign"] = base64(stamp .. secret .. id),
    ["X-Forwarded-For"] = forwarded,
    ["X-Padding"] = padding,
  })
end

-- Figures of the whole run, in milliseconds, for the report generator.
function done(summary, latency, requests)
  local path = os.getenv("WRK_JSON")
  if not path or path == "" then
    return
  end
  local e = summary.errors
  local file = assert(io.open(path, "w"))
  file:write(string.format(
    '{"mix":"%s","duration_s":%.3f,"requests":%d,"bytes":%d,"rps":%.2f,' ..
    '"p50_ms":%.3f,"p90_ms":%.3f,"p95_ms":%.3f,"p99_ms":%.3f,"max_ms":%.3f,"mean_ms":%.3f,' ..
    '"non_2xx":%d,"connect_errors":%d,"read_errors":%d,"write_errors":%d,"timeouts":%d}\n',
    mix, summary.duration / 1e6, summary.requests, summary.bytes, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(95) / 1000,
    latency:percentile(99) / 1000, latency.max / 1000, latency.mean / 1000,
    e.status, e.connect, e.read, e.write, e.timeout))
  file:close()
end
