-- PUT /api/v1/programmes/{id}/submissions/{period}: a quarterly return of 20 measurements (RH-I01..RH-I10 with
-- M-BENCH-SCORE, RH-I11..RH-I20 with M-BENCH-COUNT, the two measures bench.py adds in release 1.1.0).
--
-- Every request is a real save: its figures differ from the return's current revision, so each one writes a new
-- revision (never "unchanged"). Requests go round the slots (programme x quarter) programme first: concurrent
-- requests name different programmes, so they do not queue on one programme's row lock (a save locks its
-- programme). Thread t of T takes slots t, t+T, t+2T, ...; SAVE_SEED differs per wrk run, so a run's first visit
-- to a slot never repeats the previous run's last one.
--
-- Environment: SAVE_PROGRAMMES (a file of programme ids, one a line), SAVE_QUARTERS (comma-separated),
-- SAVE_TOKEN (a partner's bearer token), SAVE_SEED (a number), WRK_THREADS (wrk's -t).
dofile("src/perf/wrk/common.lua")

local counter = 0
local all_threads = {}
function setup(thread)
    thread:set("tid", counter)
    counter = counter + 1
    table.insert(all_threads, thread)
end

-- Answers by status, so that refused saves (409 after a deadlock, for example) are counted, not hidden.
function response(status, headers, body)
    statuses[status] = (statuses[status] or 0) + 1
end

local print_figures = done
function done(summary, latency, requests)
    print_figures(summary, latency, requests)
    local total = {}
    for _, thread in ipairs(all_threads) do
        for status, n in pairs(thread:get("statuses")) do total[status] = (total[status] or 0) + n end
    end
    local parts = {}
    for status, n in pairs(total) do parts[#parts + 1] = string.format('"%d":%d', status, n) end
    io.write("WRK_STATUS {" .. table.concat(parts, ",") .. "}\n")
end

function init(args)
    ids = {}
    for line in io.lines(os.getenv("SAVE_PROGRAMMES")) do
        if line ~= "" then ids[#ids + 1] = line end
    end
    quarters = {}
    for q in string.gmatch(os.getenv("SAVE_QUARTERS"), "[^,]+") do quarters[#quarters + 1] = q end
    threads = tonumber(os.getenv("WRK_THREADS"))
    seed = tonumber(os.getenv("SAVE_SEED"))
    slots = #ids * #quarters
    headers = { ["Authorization"] = "Bearer " .. os.getenv("SAVE_TOKEN"),
                ["Content-Type"] = "application/json" }
    n = 0
    statuses = {}
end

function request()
    local k = n * threads + tid
    n = n + 1
    local slot = k % slots
    local visit = seed + math.floor(k / slots)
    local programme = ids[slot % #ids + 1]
    local quarter = quarters[math.floor(slot / #ids) + 1]
    local parts = {}
    for i = 1, 20 do
        local outcome = string.format("RH-I%02d", i)
        local v = (visit * 7 + i * 13) % 10000
        local measure, value
        if i <= 10 then
            measure, value = "M-BENCH-SCORE", string.format("%d.%02d", math.floor(v / 100), v % 100)
        else
            measure, value = "M-BENCH-COUNT", tostring(v)
        end
        parts[i] = string.format(
            '{"outcome":"%s","measure":"%s","value":%s,"participants":%d,"baseline":%d}',
            outcome, measure, value, 10 + (visit + i) % 90, (i * 5) % 100)
    end
    local body = '{"measurements":[' .. table.concat(parts, ",") .. '],"outputs":[{"outputType":"OT-TRAININGS","count":'
        .. tostring(visit % 50) .. '}]}'
    return wrk.format("PUT", "/api/v1/programmes/" .. programme .. "/submissions/" .. quarter, headers, body)
end
