-- wrk script for bench/gateway: POSTs one GraphQL request and checks every response (HTTP 200
-- and the exact expected body); prints one JSON line with the counts and latency percentiles.
-- Usage: wrk ... -s check.lua URL -- BODY_FILE EXPECTED_FILE [DUMP_PREFIX]
local function slurp(path)
  local file = assert(io.open(path, "rb"))
  local text = file:read("*a")
  file:close()
  return text
end

local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  wrk.method = "POST"
  wrk.body = slurp(args[1])
  wrk.headers["Content-Type"] = "application/json"
  expected = slurp(args[2])
  dump = args[3]  -- optional: a file that receives the first wrong response
  checked = 0
  wrong = 0
end

function response(status, headers, body)
  checked = checked + 1
  if status ~= 200 or body ~= expected then
    wrong = wrong + 1
    if dump and wrong == 1 then
      local file = io.open(dump .. "." .. tostring(math.random(1000000)), "wb")
      file:write(tostring(status), "\n", body)
      file:close()
    end
  end
end

function done(summary, latency, requests)
  local checked_total, wrong_total = 0, 0
  for _, thread in ipairs(threads) do
    checked_total = checked_total + thread:get("checked")
    wrong_total = wrong_total + thread:get("wrong")
  end
  local errors = summary.errors
  io.write(string.format(
    '{"requests":%d,"duration_us":%d,"checked":%d,"wrong":%d,"socket_errors":%d,"p50_us":%d,"p99_us":%d,"max_us":%d}\n',
    summary.requests, summary.duration, checked_total, wrong_total,
    errors.connect + errors.read + errors.write + errors.timeout,
    latency:percentile(50), latency:percentile(99), latency.max))
end
