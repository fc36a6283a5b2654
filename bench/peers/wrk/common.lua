-- bench/peers/wrk/common.lua: shared by qgp's endpoint scripts (loaded with dofile). The same
-- bearer handling, per-thread RNG seed and one-line WRKRESULT summary as the peers' harness
-- (fastapi-ref/wrk/common.lua), so qgp's rows are parsed exactly like the reference's.
local bearer = os.getenv("BEARER_TOKEN")
if bearer and bearer ~= "" then wrk.headers["Authorization"] = "Bearer " .. bearer end

local thread_counter = 0
function setup(thread)
  thread_counter = thread_counter + 1
  thread:set("tid", thread_counter)
end

function seed_rng()
  math.randomseed(os.time() * 1000 + (tid or 0) * 7919)
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    "WRKRESULT requests=%d duration_us=%d bytes=%d non2xx=%d err_connect=%d err_read=%d " ..
    "err_write=%d err_timeout=%d lat_mean_us=%.1f lat_p50_us=%d lat_p90_us=%d lat_p99_us=%d lat_max_us=%d\n",
    summary.requests, summary.duration, summary.bytes, e.status, e.connect, e.read, e.write,
    e.timeout, latency.mean, latency:percentile(50), latency:percentile(90),
    latency:percentile(99), latency.max))
end
