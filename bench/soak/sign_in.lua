-- bench/soak/sign_in.lua: correct sign-ins (POST /api/v1/auth/login, Argon2id at its configured
-- cost), paced by SOAK_SIGN_IN_DELAY_MS between requests on each connection.
local dir = debug.getinfo(1, "S").source:match("^@(.*/)") or "./"
dofile(dir .. "../peers/wrk/common.lua")
wrk.headers["Authorization"] = nil
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = string.format('{"email":"soak@example.test","password":"%s"}', os.getenv("SOAK_PASSWORD"))
local pause = tonumber(os.getenv("SOAK_SIGN_IN_DELAY_MS") or "250")
wrk.path = "/api/v1/auth/login"

function delay()
  return pause
end
