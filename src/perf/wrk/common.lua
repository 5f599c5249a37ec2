-- Shared by every wrk run of the suite (src/perf/run.sh): at the end, one line that bench.py parses.
-- Latencies are microseconds; status_errors counts answers with a status above 399.
function done(summary, latency, requests)
    local e = summary.errors
    io.write(string.format(
        'WRK_RESULT {"requests":%d,"duration_us":%d,"bytes":%d,"connect_errors":%d,"read_errors":%d,' ..
        '"write_errors":%d,"status_errors":%d,"timeouts":%d,"mean_us":%.1f,"p50_us":%d,"p95_us":%d,' ..
        '"p99_us":%d,"max_us":%d}\n',
        summary.requests, summary.duration, summary.bytes, e.connect, e.read, e.write, e.status, e.timeout,
        latency.mean, latency:percentile(50), latency:percentile(95), latency:percentile(99), latency.max))
end
