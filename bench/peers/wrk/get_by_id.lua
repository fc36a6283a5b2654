-- GET /api/v1/audits/findings/{id}, id uniform in [1, MAX_ID]: one finding with its run's
-- reference and its links (qgp's nearest shape to the reference's GET /incidents/{id}).
local dir = debug.getinfo(1, "S").source:match("^@(.*/)") or "./"
dofile(dir .. "common.lua")
local max_id = tonumber(os.getenv("MAX_ID") or "10000")

function init(args)
  seed_rng()
end

function request()
  return wrk.format("GET", "/api/v1/audits/findings/" .. math.random(1, max_id))
end
