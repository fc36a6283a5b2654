-- GET /api/v1/audits/findings with filters in use: open minor nonconformities, most urgent due
-- date first, page 1 of 20 with the total.
local dir = debug.getinfo(1, "S").source:match("^@(.*/)") or "./"
dofile(dir .. "common.lua")
wrk.method = "GET"
wrk.path = "/api/v1/audits/findings?status=open&grade=minor_nonconformity&sort=due_date&page=1&page_size=20"
