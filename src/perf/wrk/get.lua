-- A plain GET of the URL given to wrk, with the headers given by -H (a token, If-None-Match).
dofile("src/perf/wrk/common.lua")
