-- bench/soak/mixed.lua: the soak's mixed load, one request at a time per connection, paced by
-- SOAK_DELAY_MS between requests: 70 % GET one finding (random id), 15 % a list page (random page,
-- newest first), 10 % a filtered and sorted list, 5 % a create (reference number, insert, audit
-- row). Reuses the peers' bearer handling and WRKRESULT summary line.
local dir = debug.getinfo(1, "S").source:match("^@(.*/)") or "./"
dofile(dir .. "../peers/wrk/common.lua")
local max_id = tonumber(os.getenv("MAX_ID") or "10000")
local runs = tonumber(os.getenv("RUNS") or "100")
local pause = tonumber(os.getenv("SOAK_DELAY_MS") or "5")
-- wrk.format uses the headers it is given instead of wrk.headers: the create's carry the bearer too.
local json = { ["Content-Type"] = "application/json" }
for name, value in pairs(wrk.headers) do json[name] = value end

function init(args)
  seed_rng()
end

function delay()
  return pause
end

function request()
  local dice = math.random(1, 100)
  if dice <= 70 then
    return wrk.format("GET", "/api/v1/audits/findings/" .. math.random(1, max_id))
  elseif dice <= 85 then
    return wrk.format("GET", "/api/v1/audits/findings?page=" .. math.random(1, 50) .. "&page_size=20")
  elseif dice <= 95 then
    return wrk.format("GET", "/api/v1/audits/findings?status=open&grade=minor_nonconformity&sort=due_date")
  end
  local body = string.format('{"run_id":%d,"title":"Soak: guard missing on press 4",' ..
    '"description":"Raised by bench/soak mixed.lua.","grade":"minor_nonconformity"}',
    math.random(1, runs))
  return wrk.format("POST", "/api/v1/audits/findings", json, body)
end
