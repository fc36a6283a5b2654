-- GET /api/v1/audits/findings?page=1&page_size=20: the first page, newest first, with the total
-- (the reference's list: count(*) plus a page of 20).
local dir = debug.getinfo(1, "S").source:match("^@(.*/)") or "./"
dofile(dir .. "common.lua")
wrk.method = "GET"
wrk.path = "/api/v1/audits/findings?page=1&page_size=20"
