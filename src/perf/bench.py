#!/usr/bin/env python3
"""The benchmark suite's HTTP side, driven by src/perf/run.sh (which builds, starts MariaDB, the token issuer and the
service, and measures start-up). Each phase records its figures in target/perf/results.json; `table` writes
src/perf/RESULTS.md from them.

    bench.py setup | reads | writes | import | reports | table | record KEY VALUE | wait URL SECONDS

Environment (set by run.sh): PORT, ISSUER, OUT, DB_NAME, DB_USER, JDBC, BASELINE_JDBC, DRIVER, and the knobs documented there
(DURATION, WARMUP, ROUNDS, READ_CONNECTIONS, WRITE_CONNECTIONS, WRK_THREADS, ROWS, WRITE_PROGRAMMES).
"""
import http.client, json, os, re, statistics, subprocess, sys, time, uuid
from concurrent.futures import ThreadPoolExecutor

PORT = int(os.environ.get("PORT", "18080"))
BASE = f"http://127.0.0.1:{PORT}"
OUT = os.environ.get("OUT", "target/perf")
RESULTS = f"{OUT}/results.json"
STATE = f"{OUT}/state.json"
DURATION = int(os.environ.get("DURATION", "10"))
WARMUP = int(os.environ.get("WARMUP", "5"))
ROUNDS = int(os.environ.get("ROUNDS", "3"))
READ_CONNECTIONS = int(os.environ.get("READ_CONNECTIONS", "16"))
WRITE_CONNECTIONS = int(os.environ.get("WRITE_CONNECTIONS", "8"))
WRK_THREADS = int(os.environ.get("WRK_THREADS", "2"))
ROWS = int(os.environ.get("ROWS", "100000"))
REPORT_ROWS = int(os.environ.get("REPORT_ROWS", "1000000"))
REPORT_DURATION = int(os.environ.get("REPORT_DURATION", "15"))
WRITE_PROGRAMMES = int(os.environ.get("WRITE_PROGRAMMES", "50"))
# Quarters every benchmark programme reports (April 2025 to December 2026: started, within its dates).
QUARTERS = ["2025-26-Q1", "2025-26-Q2", "2025-26-Q3", "2025-26-Q4", "2026-27-Q1", "2026-27-Q2", "2026-27-Q3"]
# The 20 outcome-measure pairs of a benchmark return: release 1.0.0 has only 4 (three measures, each evidencing
# one or two outcomes), so setup publishes 1.1.0 adding two measures that evidence ten outcomes each.
PAIRS = [(f"RH-I{i:02d}", "M-BENCH-SCORE" if i <= 10 else "M-BENCH-COUNT") for i in range(1, 21)]
RELEASE = "/api/v1/framework/releases/1.0.0"
FILTERED = RELEASE + "/outcomes?priorityArea=RH&level=individual"
NOTES_MARKER = "<!-- notes: kept by bench.py table; edit below -->"


def log(message):
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def load(path, default):
    try:
        with open(path) as f:
            return json.load(f)
    except FileNotFoundError:
        return default


def save_json(path, data):
    with open(path + ".tmp", "w") as f:
        json.dump(data, f, indent=1, sort_keys=True)
    os.replace(path + ".tmp", path)


def record(**figures):
    results = load(RESULTS, {})
    results.update(figures)
    save_json(RESULTS, results)


def call(method, path, token=None, body=None, ctype="application/json", headers=None, expect=None, timeout=600):
    connection = http.client.HTTPConnection("127.0.0.1", PORT, timeout=timeout)
    all_headers = dict(headers or {})
    if body is not None:
        all_headers["Content-Type"] = ctype
    if token:
        all_headers["Authorization"] = "Bearer " + token
    payload = body if isinstance(body, (bytes, str)) or body is None else json.dumps(body)
    try:
        connection.request(method, path, body=payload, headers=all_headers)
        response = connection.getresponse()
        data = response.read()
    finally:
        connection.close()
    if (expect is not None and response.status != expect) or (expect is None and response.status >= 300):
        raise SystemExit(f"bench: {method} {path} answered {response.status}: {data[:500]!r}")
    parsed = json.loads(data) if data and response.getheader("Content-Type", "").startswith("application/json") else data
    return parsed, response


def token(query):
    issuer = os.environ["ISSUER"]
    host_port, path = issuer.split("//", 1)[1].split("/", 1)
    connection = http.client.HTTPConnection(*host_port.split(":"), timeout=60)
    connection.request("GET", f"/{path}/token?expiresIn=14400&{query}")
    response = connection.getresponse()
    data = response.read().decode()
    if response.status != 200:
        raise SystemExit(f"bench: the token issuer answered {response.status}: {data[:300]}")
    return data


def mysql(sql, *flags):
    run = subprocess.run(["mysql", "-h127.0.0.1", "-u" + os.environ.get("DB_USER", "root"), *flags,
                          os.environ["DB_NAME"], "-e", sql], capture_output=True, text=True)
    if run.returncode != 0:
        raise SystemExit(f"bench: mysql failed: {run.stderr.strip()}\n  in: {sql[:300]}")
    return run.stdout


def scalar(sql):
    return int(mysql(sql, "-N").strip())


# --- wrk ------------------------------------------------------------------------------------------------------

def wrk(url_path, seconds, connections, script="get.lua", headers=(), env=None, label="", allow_refused=False):
    """One wrk run; returns its figures (requests/s, latency percentiles in ms). Fails on any error, or on any
    status over 399 unless allow_refused (then the answers by status are recorded, and ok_rps counts only the
    others)."""
    command = ["wrk", f"-t{min(WRK_THREADS, connections)}", f"-c{connections}", f"-d{seconds}s", "--latency",
               "--timeout", "30s", "-s", f"src/perf/wrk/{script}"]
    for header in headers:
        command += ["-H", header]
    command.append(BASE + url_path)
    full_env = dict(os.environ, WRK_THREADS=str(min(WRK_THREADS, connections)), **(env or {}))
    run = subprocess.run(command, capture_output=True, text=True, env=full_env, timeout=seconds + 120)
    match = re.search(r"^WRK_RESULT (\{.*\})$", run.stdout, re.M)
    if run.returncode != 0 or not match:
        raise SystemExit(f"bench: wrk failed for {label or url_path} (exit {run.returncode}):\n{run.stdout}\n{run.stderr}")
    r = json.loads(match.group(1))
    statuses = re.search(r"^WRK_STATUS (\{.*\})$", run.stdout, re.M)
    statuses = json.loads(statuses.group(1)) if statuses else {}
    errors = r["connect_errors"] + r["read_errors"] + r["write_errors"] + r["timeouts"]
    if errors or (r["requests"] == 0 and "warm-up" not in label) or (r["status_errors"] and not allow_refused):
        raise SystemExit(f"bench: {label or url_path}: {errors + r['status_errors']} errors in {r['requests']} "
                         f"requests:\n{run.stdout}")
    if r["requests"] == 0:
        log(f"  {label}: no request finished in {seconds} s")
        return {}
    figures = {"rps": r["requests"] / (r["duration_us"] / 1e6), "requests": r["requests"],
               "refused": r["status_errors"], "ok_rps": (r["requests"] - r["status_errors"]) / (r["duration_us"] / 1e6),
               **({"statuses": statuses} if statuses else {}),
               "bytes_per_response": r["bytes"] / r["requests"], "p50_ms": r["p50_us"] / 1000,
               "p95_ms": r["p95_us"] / 1000, "p99_ms": r["p99_us"] / 1000, "max_ms": r["max_us"] / 1000,
               "mean_ms": r["mean_us"] / 1000}
    refused = f", {r['status_errors']} refused: {statuses}" if r["status_errors"] else ""
    log(f"  {label or url_path}: {figures['rps']:,.0f}/s{refused}, p50 {figures['p50_ms']:.1f} ms, "
        f"p99 {figures['p99_ms']:.1f} ms ({r['requests']} requests, {connections} connections, {seconds} s)")
    return figures


def rounds(paths, connections, warmup=WARMUP, duration=DURATION, count=ROUNDS):
    """Warms every path up once, then measures them in turn, `count` rounds (interleaved, so that the machine's
    changing load falls on all alike); returns per path the median of the rounds and every round."""
    for name, spec in paths.items():
        if warmup:
            wrk(spec["path"], warmup, connections, label=name + " (warm-up)", **spec.get("args", {}))
    runs = {name: [] for name in paths}
    for i in range(count):
        for name, spec in paths.items():
            runs[name].append(wrk(spec["path"], duration, connections, label=f"{name} (round {i + 1})",
                                  **spec.get("args", {})))
    summary = {}
    for name, results in runs.items():
        summary[name] = {key: statistics.median(r[key] for r in results) for key in results[0]
                         if key != "statuses"}
        summary[name]["rounds_rps"] = [round(r["rps"]) for r in results]
        if "trivial" in runs and name != "trivial" and len(runs["trivial"]) == len(results):
            # Each round's rate over the trivial endpoint's in the same round, then the median of those: the
            # machine's load drifts between rounds, less within one.
            ratios = [x["rps"] / t["rps"] for x, t in zip(results, runs["trivial"])]
            summary[name]["ratio"] = statistics.median(ratios)
            summary[name]["ratio_rounds"] = [round(x, 2) for x in ratios]
    return summary


def trivial_path():
    """The trivial endpoint of the same process: GET /api/v1 (a tiny constant JSON) when the build has it,
    otherwise the liveness check."""
    try:
        data, response = call("GET", "/api/v1", expect=None)
        if response.status == 200 and isinstance(data, dict):
            return "/api/v1"
    except SystemExit:
        pass
    return "/q/health/live"


# --- phases ---------------------------------------------------------------------------------------------------

def setup():
    """Tokens, an organisation, release 1.1.0 (20 outcome-measure pairs) and approved programmes on it: the write
    benchmark's and the import's."""
    admin = token("role=admin&sub=bench-admin")
    editor = token("role=framework-editor&sub=bench-editor")
    commissioner = token("role=commissioner&sub=bench-commissioner")
    organisation = call("POST", "/api/v1/organisations", admin,
                        {"name": "Benchmark partner " + str(uuid.uuid4()), "type": "voluntary-sector"})[0]["id"]
    partner = token("role=partner&sub=bench-partner&organisation=" + organisation)

    draft = call("POST", "/api/v1/framework/drafts", editor, {"basedOn": "1.0.0", "title": "Benchmark measures"})[0]
    _, response = call("GET", draft["href"], editor)
    score = [o for o, m in PAIRS if m == "M-BENCH-SCORE"]
    count = [o for o, m in PAIRS if m == "M-BENCH-COUNT"]
    call("POST", draft["href"] + "/changes", editor, {"changes": [
        {"op": "add", "code": "M-BENCH-SCORE", "kind": "measure", "fields": {
            "name": "Benchmark wellbeing score", "kind": "survey", "valueType": "score",
            "range": {"min": 0, "max": 100}, "direction": "higher-is-better", "outcomes": score}},
        {"op": "add", "code": "M-BENCH-COUNT", "kind": "measure", "fields": {
            "name": "Benchmark incident count", "kind": "administrative-data", "valueType": "count",
            "range": {"min": 0}, "direction": "lower-is-better", "outcomes": count}}]},
         headers={"If-Match": response.getheader("ETag")})
    call("POST", draft["href"] + "/publish", editor, {"version": "1.1.0"})

    import_programmes = -(-ROWS // (len(PAIRS) * len(QUARTERS)))
    total = WRITE_PROGRAMMES + import_programmes
    registration = {"title": "Benchmark", "primaryPriorityArea": "RH", "boroughs": ["E09000012", "E09000030"],
                    "startDate": "2025-04-01", "endDate": "2027-03-31", "release": "1.1.0",
                    "fundingStream": "Benchmark fund",
                    "outcomes": [{"outcome": o, "measures": [{"measure": m}]} for o, m in PAIRS],
                    "outputs": [{"outputType": "OT-TRAININGS", "quarterlyTarget": 10}]}

    def make(i):
        pid = call("POST", "/api/v1/programmes", partner, dict(registration, title=f"Benchmark programme {i}"))[0]["id"]
        call("POST", f"/api/v1/programmes/{pid}/submit", partner)
        call("POST", f"/api/v1/programmes/{pid}/approve", commissioner, {})
        return pid
    start = time.perf_counter()
    with ThreadPoolExecutor(16) as pool:
        ids = list(pool.map(make, range(total)))
    seconds = time.perf_counter() - start
    log(f"set-up: release 1.1.0 and {total} approved programmes (20 outcomes each) in {seconds:.1f} s")
    with open(f"{OUT}/write-programmes.txt", "w") as f:
        f.write("\n".join(ids[:WRITE_PROGRAMMES]) + "\n")
    save_json(STATE, {"admin": admin, "commissioner": commissioner, "partner": partner, "organisation": organisation,
                      "write_programmes": ids[:WRITE_PROGRAMMES], "import_programmes": ids[WRITE_PROGRAMMES:],
                      "trivial": trivial_path()})
    record(setup_programmes=total, setup_seconds=seconds)


def reads():
    state = load(STATE, None)
    trivial = state["trivial"]
    _, response = call("GET", RELEASE)
    etag = response.getheader("ETag")
    if not etag:
        raise SystemExit("bench: the release has no ETag, so there is no conditional request to measure")
    call("GET", RELEASE, headers={"If-None-Match": etag}, expect=304)
    filtered, _ = call("GET", FILTERED)
    log(f"reads: trivial endpoint {trivial}, {ROUNDS} rounds of {DURATION} s, {READ_CONNECTIONS} connections")
    summary = rounds({
        "trivial": {"path": trivial},
        "release": {"path": RELEASE},
        # What most clients ask for (browsers, Python requests, curl --compressed): the stored gzip coding.
        "release_gzip": {"path": RELEASE, "args": {"headers": ["Accept-Encoding: gzip"]}},
        "release_304": {"path": RELEASE, "args": {"headers": [f"If-None-Match: {etag}"]}},
        "filtered": {"path": FILTERED},
    }, READ_CONNECTIONS)
    record(reads=summary, reads_trivial_path=trivial, reads_connections=READ_CONNECTIONS,
           filtered_items=len(filtered.get("items", [])) if isinstance(filtered, dict) else None)


def writes():
    state = load(STATE, None)
    revisions_before = count_revisions(state)
    env = {"SAVE_PROGRAMMES": f"{OUT}/write-programmes.txt", "SAVE_QUARTERS": ",".join(QUARTERS),
           "SAVE_TOKEN": state["partner"]}
    path = f"/api/v1/programmes/{state['write_programmes'][0]}/submissions/{QUARTERS[0]}"  # wrk needs a URL
    log(f"writes: {WRITE_PROGRAMMES} programmes x {len(QUARTERS)} quarters, {WRITE_CONNECTIONS} connections")
    # The warm-up creates the returns; the measured runs then save new revisions of them.
    slots = WRITE_PROGRAMMES * len(QUARTERS)
    warm = wrk(path, max(WARMUP, 5), WRITE_CONNECTIONS, "save.lua", env=dict(env, SAVE_SEED="0"),
               label="save (warm-up)", allow_refused=True)
    wrk(state["trivial"], WARMUP, WRITE_CONNECTIONS, label="trivial (warm-up)")
    saves, trivial, requests = [], [], 0
    status_before = db_status()
    for i in range(ROUNDS):
        saves.append(wrk(path, DURATION, WRITE_CONNECTIONS, "save.lua", env=dict(env, SAVE_SEED=str((i + 1) * 10000)),
                         label=f"save (round {i + 1})", allow_refused=True))
        trivial.append(wrk(state["trivial"], DURATION, WRITE_CONNECTIONS, label=f"trivial (round {i + 1})"))
    status_after = db_status()
    revisions = count_revisions(state) - revisions_before
    median = lambda runs, key: statistics.median(r[key] for r in runs)
    numbers = lambda runs: {k: median(runs, k) for k in runs[0] if k != "statuses"}
    summary = {"save": numbers(saves), "trivial": numbers(trivial)}
    summary["save"]["rounds_rps"] = [round(r["ok_rps"]) for r in saves]
    summary["trivial"]["rounds_rps"] = [round(r["rps"]) for r in trivial]
    summary["save"]["ratio"] = statistics.median(x["ok_rps"] / t["rps"] for x, t in zip(saves, trivial))
    summary["save"]["refused_total"] = sum(r["refused"] for r in saves)
    # What one save costs MariaDB: statements, bytes each way, rows read, log flushes (the whole server's
    # counters over the measured rounds, divided by the saves made; nothing else uses the server meanwhile but
    # the service's once-a-second webhook poll).
    summary["save"]["db_per_save"] = per(status_before, status_after,
                                         sum(r["requests"] - r["refused"] for r in saves))
    summary["save"]["requests_total"] = sum(r["requests"] for r in saves)
    summary["save"]["statuses"] = {}
    for r in saves:
        for status, n in r.get("statuses", {}).items():
            summary["save"]["statuses"][status] = summary["save"]["statuses"].get(status, 0) + n
    summary["warmup"] = {"requests": warm["requests"], "refused": warm["refused"], "statuses": warm.get("statuses", {})}
    with open(f"{OUT}/innodb-status.txt", "w") as f:
        f.write(mysql("SHOW ENGINE INNODB STATUS\\G"))
    log(f"writes: {revisions} revisions written (warm-up included) over {slots} returns")
    record(writes=summary, writes_connections=WRITE_CONNECTIONS, writes_revisions=revisions, writes_slots=slots,
           writes_programmes=WRITE_PROGRAMMES)
    jdbc = save_baseline(state)
    record(writes_jdbc=jdbc)


STATUS = ["Questions", "Com_commit", "Bytes_received", "Bytes_sent", "Innodb_rows_read", "Innodb_os_log_fsyncs"]


def db_status():
    out = mysql("SHOW GLOBAL STATUS WHERE Variable_name IN ('" + "','".join(STATUS) + "')", "-N")
    return {k: int(v) for k, v in (line.split("\t") for line in out.strip().splitlines())}


def per(before, after, n):
    # A counter the server does not have (MariaDB 10.11 has no Innodb_rows_read) is left out.
    return {k: round((after[k] - before[k]) / n, 1) for k in STATUS if k in before and k in after} if n else {}


def count_revisions(state):
    return scalar("SELECT COUNT(*) FROM submission_revision r JOIN submission s ON s.id = r.submission_id "
                  "WHERE s.programme_id IN ('" + "','".join(state["write_programmes"]) + "')")


def save_baseline(state):
    """The same writes as a save, by plain JDBC, same connections and duration: what MariaDB allows here."""
    command = ["java", "-cp", os.environ["DRIVER"], "src/perf/SaveBaseline.java", os.environ["BASELINE_JDBC"],
               os.environ.get("DB_USER", "root"), os.environ.get("DB_PASSWORD", ""), str(WRITE_CONNECTIONS),
               str(DURATION), f"{OUT}/write-programmes.txt"]
    run = subprocess.run(command, capture_output=True, text=True, timeout=DURATION + 300)
    if run.returncode != 0:
        raise SystemExit(f"bench: SaveBaseline failed:\n{run.stdout}\n{run.stderr}")
    saves, refused, seconds, p50, p99, *status = run.stdout.split()
    figures = {"rps": int(saves) / float(seconds), "refused": int(refused), "p50_ms": float(p50), "p99_ms": float(p99),
               "db_per_save": dict(zip(STATUS, (float(x) for x in status)))}
    log(f"  plain JDBC saves: {figures['rps']:,.0f}/s, p99 {figures['p99_ms']:.1f} ms")
    return figures


def bulk_import():
    state = load(STATE, None)
    lines = ["programme,period,kind,outcome,measure,statistic,value,participants,baseline,comment,outputType,count"]
    n = 0
    for pid in state["import_programmes"]:
        for quarter in QUARTERS:
            for i, (outcome, measure) in enumerate(PAIRS):
                if n == ROWS:
                    break
                value = (n * 7) % 100 if measure == "M-BENCH-SCORE" else (n * 3) % 500
                lines.append(f"{pid},{quarter},measurement,{outcome},{measure},,{value},{10 + n % 90},"
                             f"{(n * 3) % 100},,,")
                n += 1
    if n != ROWS:
        raise SystemExit(f"bench: only {n} import rows for {ROWS}")
    csv_body = "\n".join(lines) + "\n"
    with open(f"{OUT}/import.csv", "w") as f:
        f.write(csv_body)
    log(f"import: {ROWS} rows ({ROWS // len(PAIRS)} returns of {len(PAIRS)} measurements), {len(csv_body) / 1e6:.1f} MB")
    start = time.perf_counter()
    summary, _ = call("POST", "/api/v1/submissions/imports", state["partner"], csv_body, "text/csv")
    seconds = time.perf_counter() - start
    if summary.get("imported") != ROWS:
        raise SystemExit(f"bench: the import did not import every row: {json.dumps(summary)[:500]}")
    log(f"  import: {ROWS / seconds:,.0f} rows/s ({seconds:.2f} s)")
    baseline = subprocess.run(["java", "-cp", os.environ["DRIVER"], "src/perf/JdbcBaseline.java", os.environ["BASELINE_JDBC"],
                               os.environ.get("DB_USER", "root"), os.environ.get("DB_PASSWORD", ""),
                               f"{OUT}/import.csv"], check=True, capture_output=True, text=True).stdout.split()
    jdbc_rows, jdbc_seconds = int(baseline[0]), float(baseline[1])
    log(f"  plain JDBC batch insert: {jdbc_rows / jdbc_seconds:,.0f} rows/s ({jdbc_seconds:.2f} s)")
    record(import_rows=ROWS, import_seconds=seconds, import_returns=-(-ROWS // len(PAIRS)),
           import_jdbc_rows=jdbc_rows, import_jdbc_seconds=jdbc_seconds)


def reports():
    state = load(STATE, None)
    # About a million stored measurements: every return accepted, and its rows repeated (values shifted) until
    # there are at least a million. The copies come from a snapshot table (copying a table into itself needs a
    # temporary table), into the table without its secondary indexes, which are built again afterwards: much
    # quicker than growing them row by row when they do not fit in MariaDB's buffer pool.
    base = scalar("SELECT COUNT(*) FROM submission_measurement")
    copies = max(0, -(-REPORT_ROWS // base) - 1)
    start = time.perf_counter()
    create = mysql("SHOW CREATE TABLE submission_measurement", "-N", "-r")
    keys = [line.strip().rstrip(",") for line in create.splitlines() if line.strip().startswith("KEY `")]
    columns = ("submission_id, programme_id, period, priority_area, outcome_code, measure_code, value, participants,"
               " baseline, status")
    mysql("UPDATE submission SET status = 'accepted'; UPDATE submission_measurement SET status = 'accepted';"
          " UPDATE submission_output SET status = 'accepted';"
          f" DROP TABLE IF EXISTS bench_seed; CREATE TABLE bench_seed AS SELECT {columns} FROM submission_measurement;"
          + (" ALTER TABLE submission_measurement " + ", ".join("DROP INDEX " + k.split("`")[1] for k in keys) + ";"
             if keys else "")
          + "".join(f" INSERT INTO submission_measurement ({columns}) SELECT {columns.replace('value,', f'value + {i},')}"
                    " FROM bench_seed;" for i in range(1, copies + 1))
          + (" ALTER TABLE submission_measurement " + ", ".join("ADD " + k for k in keys) + ";" if keys else "")
          + " DROP TABLE bench_seed; ANALYZE TABLE submission_measurement;")
    stored = scalar("SELECT COUNT(*) FROM submission_measurement")
    log(f"reports: {stored:,} stored measurements (loaded in {time.perf_counter() - start:.0f} s)")
    commissioner = state["commissioner"]
    auth = [f"Authorization: Bearer {commissioner}"]
    paths = {
        "trivial": {"path": state["trivial"]},
        "quarter": {"path": "/api/v1/reports/results?period=2025-26-Q2", "args": {"headers": auth}},
        "outcome": {"path": "/api/v1/reports/results?period=2025-26-Q2&priorityArea=RH&outcome=RH-I01",
                    "args": {"headers": auth}},
        "public": {"path": "/api/v1/reports/public/results?period=2025-26-Q2"},
        "everything": {"path": "/api/v1/reports/results", "args": {"headers": auth}},
    }
    # Each report is called twice first; a slow one is then measured for longer (at least 8 requests' worth, up
    # to a minute), so that every median stands on several requests.
    summary = {}
    for name, spec in paths.items():
        token_ = commissioner if spec.get("args") else None
        call("GET", spec["path"], token_)
        begin = time.perf_counter()
        call("GET", spec["path"], token_)
        seconds = time.perf_counter() - begin
        duration = min(60, max(REPORT_DURATION, int(8 * seconds) + 1))
        if seconds < 0.5 and WARMUP:
            wrk(spec["path"], WARMUP, 1, label=name + " (warm-up)", **spec.get("args", {}))
        summary[name] = wrk(spec["path"], duration, 1, label=name, **spec.get("args", {}))
        summary[name]["duration_s"] = duration
    run = subprocess.run(["java", "-cp", os.environ["DRIVER"], "src/perf/ReportBaseline.java", os.environ["BASELINE_JDBC"],
                          os.environ.get("DB_USER", "root"), os.environ.get("DB_PASSWORD", ""),
                          str(summary["quarter"]["duration_s"]), "2025-26-Q2"], capture_output=True, text=True,
                         timeout=600)
    if run.returncode != 0:
        raise SystemExit(f"bench: ReportBaseline failed:\n{run.stdout}\n{run.stderr}")
    queries, p50, p95 = run.stdout.split()
    jdbc = {"requests": int(queries), "p50_ms": float(p50), "p95_ms": float(p95)}
    log(f"  quarter report's SQL by plain JDBC: median {jdbc['p50_ms']:.0f} ms, p95 {jdbc['p95_ms']:.0f} ms "
        f"({queries} queries)")
    record(reports=summary, reports_stored=stored, reports_jdbc=jdbc)


# --- the table ------------------------------------------------------------------------------------------------

def fmt(value, digits=0):
    return f"{value:,.{digits}f}"


def table():
    r = load(RESULTS, {})
    rows, notes = [], []

    def row(what, measured, baseline, ratio, target, met):
        mark = met if isinstance(met, str) else "" if met is None else ("**met**" if met else "**not met**")
        rows.append(f"| {what} | {measured} | {baseline} | {ratio} | {target} | {mark} |")

    trivial = r.get("reads_trivial_path", "?")
    trivial_name = "GET /api/v1 (constant JSON)" if trivial == "/api/v1" else f"GET {trivial} (liveness)"
    if "reads" in r:
        rd = r["reads"]
        t = rd["trivial"]["rps"]
        c = r["reads_connections"]
        row(f"trivial endpoint, {trivial_name}", f"{fmt(t)} req/s, p99 {fmt(rd['trivial']['p99_ms'], 1)} ms",
            "", "1", "", None)
        gzip = [("release_gzip", "whole release 1.0.0, 200, Accept-Encoding: gzip "
                 f"({fmt(rd['release_gzip']['bytes_per_response'] / 1024)} KiB a response)", 0.8)] if "release_gzip" in rd else []
        for key, what, target in [("release", f"whole release 1.0.0, 200, identity coding ({fmt(rd['release']['bytes_per_response'] / 1024)} KiB a response)", 0.8),
                                  *gzip,
                                  ("release_304", "whole release 1.0.0, conditional 304 (If-None-Match)", None),
                                  ("filtered", f"outcome list, RH individual ({r.get('filtered_items')} outcomes)", None)]:
            x = rd[key]
            row(f"{what}, {c} connections", f"{fmt(x['rps'])} req/s, p99 {fmt(x['p99_ms'], 1)} ms",
                f"trivial: {fmt(t)} req/s", f"{x.get('ratio', x['rps'] / t):.2f}",
                f"ratio 0.8 or more" if target else "", x.get("ratio", x["rps"] / t) >= target if target else None)
    if "writes" in r:
        w = r["writes"]
        s = w["save"]
        jdbc = r.get("writes_jdbc")
        refused = (f"; {fmt(s['refused_total'])} of {fmt(s['requests_total'])} refused "
                   f"({', '.join(f'{n} x {code}' for code, n in sorted(s['statuses'].items()) if int(code) > 399)})"
                   if s["refused_total"] else "")
        row(f"quarterly return of 20 measurements, PUT (a new revision each), {r['writes_connections']} connections",
            f"{fmt(s['ok_rps'])} saves/s, p50 {fmt(s['p50_ms'], 1)} ms, p99 {fmt(s['p99_ms'], 1)} ms{refused}",
            f"trivial: {fmt(w['trivial']['rps'])} req/s" + (f"; plain JDBC, the same SQL: {fmt(jdbc['rps'])} saves/s, "
                                                           f"p99 {fmt(jdbc['p99_ms'], 1)} ms" if jdbc else ""),
            f"{s.get('ratio', s['ok_rps'] / w['trivial']['rps']):.2f}" + (f"; {s['ok_rps'] / jdbc['rps']:.2f}" if jdbc else ""),
            "1,000 saves/s or more", s["ok_rps"] >= 1000)
    if "import_seconds" in r:
        rate = r["import_rows"] / r["import_seconds"]
        jdbc = r["import_jdbc_rows"] / r["import_jdbc_seconds"]
        row(f"bulk import of {fmt(r['import_rows'])} measurement rows ({fmt(r['import_returns'])} returns), CSV, one "
            "request", f"{fmt(rate)} rows/s ({r['import_seconds']:.2f} s)",
            f"plain JDBC batch insert of the same rows: {fmt(jdbc)} rows/s", f"{rate / jdbc:.2f}",
            "50,000 rows/s and ratio 0.25", "**met**" if rate >= 50000 and rate / jdbc >= 0.25 else
            f"rate **{'met' if rate >= 50000 else 'not met'}**, ratio **{'met' if rate / jdbc >= 0.25 else 'not met'}**")
    if "reports" in r:
        rp = r["reports"]
        t = rp["trivial"]["p50_ms"]
        for key, what, target in [("quarter", f"results report, one quarter, over {fmt(r['reports_stored'])} stored "
                                              "measurements", 200),
                                  ("outcome", "results report, one quarter, one outcome", None),
                                  ("public", "public report, one quarter", None),
                                  ("everything", "results report, every quarter", None)]:
            x = rp[key]
            jdbc = r.get("reports_jdbc") if key == "quarter" else None
            row(f"{what} (median / p95, one connection)", f"{fmt(x['p50_ms'])} / {fmt(x['p95_ms'])} ms "
                f"({x['requests']:.0f} requests)",
                (f"trivial: {fmt(t, 1)} ms" if key == "quarter" else "")
                + (f"; plain JDBC, the same SQL: {fmt(jdbc['p50_ms'])} / {fmt(jdbc['p95_ms'])} ms" if jdbc else ""),
                f"{x['p50_ms'] / t:,.0f}" + (f"; {x['p50_ms'] / jdbc['p50_ms']:.2f}" if jdbc else ""),
                "median under 200 ms" if target else "", x["p50_ms"] < target if target else None)
    if "startup_ms" in r:
        row("start-up: launch to first answered request (restart, data loaded; median of "
            f"{r['startup_runs']})", f"{fmt(r['startup_ms'])} ms", f"trivial JVM server: {fmt(r['trivial_ms'])} ms",
            f"{r['startup_ms'] / r['trivial_ms']:.1f}", "under 3 s (JVM mode)", r["startup_ms"] < 3000)
        row("start-up: CPU time used by then (user + system, all threads)", f"{r['startup_cpu_s']:.1f} s",
            f"trivial JVM server: {r['trivial_cpu_s']:.1f} s", f"{r['startup_cpu_s'] / r['trivial_cpu_s']:.1f}", "", None)
        row("resident memory 1 s after the first answer (restart)", f"{fmt(r['startup_rss_mb'])} MB",
            f"trivial JVM server: {fmt(r['trivial_rss_mb'])} MB", f"{r['startup_rss_mb'] / r['trivial_rss_mb']:.1f}",
            "under 300 MB", r["startup_rss_mb"] < 300)
    if "after_load_rss_mb" in r:
        heap = r.get("after_load_heap_mb") or []
        row("resident memory after the load (the instance that served every benchmark above)",
            f"{fmt(r['after_load_rss_mb'])} MB" + (f" (Java heap {heap[0]} MB committed, {heap[1]} MB used)"
                                                   if len(heap) == 2 else ""), f"trivial JVM server: {fmt(r.get('trivial_rss_mb', 0))} MB",
            f"{r['after_load_rss_mb'] / r['trivial_rss_mb']:.1f}" if r.get("trivial_rss_mb") else "",
            "under 300 MB", r["after_load_rss_mb"] < 300)
    if "after_gc_rss_mb" in r:
        heap = r.get("after_gc_heap_mb") or []
        row("the same, after a full collection (`jcmd GC.run`): what the load left in use",
            f"{fmt(r['after_gc_rss_mb'])} MB" + (f" (Java heap {heap[0]} MB committed, {heap[1]} MB used)"
                                                 if len(heap) == 2 else ""), "", "", "", None)
    if "first_start_ms" in r:
        heap = r.get("first_start_heap_mb") or []
        row("first start on an empty database (migrate, load 1.0.0), one run",
            f"{fmt(r['first_start_ms'])} ms, {fmt(r['first_start_rss_mb'])} MB"
            + (f" (Java heap {heap[0]} MB committed, {heap[1]} MB used)" if len(heap) == 2 else ""), "", "", "", None)

    machine = r.get("machine", {})
    load_avg = r.get("load", [])
    minutes = r.get("run_seconds", 0) / 60
    trivial_note = "" if trivial == "/api/v1" else (
        " (`GET /api/v1`, a tiny constant JSON, is not in this build yet; the liveness check is the nearest: a small "
        "constant JSON from the same HTTP server, though it skips the JAX-RS resource chain the API paths go through)")
    paragraphs = [
        "# Benchmark results",
        f"Written by `src/perf/run.sh` on {r.get('date', '?')}; the run took {minutes:.0f} minutes.",
        f"**Machine**: {machine.get('cpu', '?')}, {machine.get('cores', '?')} cores, {machine.get('memory', '?')} "
        f"memory; {machine.get('java', '?')}; MariaDB {machine.get('mariadb', '?')} (local server, "
        f"{machine.get('mariadb_config', '')}); service, database and load generator (wrk {machine.get('wrk', '?')}) "
        f"on the same machine. Load average during the run (1 minute, every 30 s): "
        f"{', '.join(f'{x:.0f}' for x in load_avg) or '?'}; mean {statistics.mean(load_avg) if load_avg else 0:.1f} "
        f"on {machine.get('cores', '?')} cores. The machine is shared and was busy with other work, so absolute "
        "figures are low and vary from run to run: compare the ratios, each measured beside its baseline in the same "
        "run.",
        "**Method**: the packaged service (`java -jar quarkus-run.jar` in `target/quarkus-app`, production profile, "
        f"JVM options `{machine.get('jvm_options', '')}`: the heap and collector as in the Kubernetes deployment, and "
        "the AppCDS archive Quarkus builds when `-XX:SharedArchiveFile` is named) against MariaDB, with a "
        "standalone token issuer; rate limiting off (`VRU_RATE_LIMIT_ENABLED=false`), so that one benchmark client "
        f"is not throttled. Load from wrk: each path warmed up ({r.get('warmup', '?')} s), then measured for "
        f"{r.get('duration', '?')} s with fixed connections, {r.get('rounds', '?')} rounds interleaved with its "
        "baseline; the table shows the median round (every round is listed below the table). Latencies are wrk's "
        f"(`--latency`). Trivial endpoint: `GET {trivial}`{trivial_note}."
        + (" JFR recorded each phase (`PROFILE=1`, profile settings, a few per cent of overhead)."
           if r.get("profile") == 1 else ""),
        "| what | measured | baseline (same run) | ratio | target | |\n|---|---|---|---|---|---|\n" + "\n".join(rows),
    ]
    detail = []
    for phase, label in [("reads", "reads"), ("writes", "writes")]:
        for name, x in r.get(phase, {}).items():
            if "rounds_rps" in x:
                detail.append(f"{label} `{name}` {x['rounds_rps']}"
                              + (f" (ratios {x['ratio_rounds']})" if "ratio_rounds" in x else ""))
    if detail:
        paragraphs.append("Requests per second of every round: " + "; ".join(detail) + ".")
    if "writes" in r:
        w = r["writes"]
        paragraphs.append(
            f"Saves: {r.get('writes_revisions', '?')} revisions written over {r.get('writes_slots', '?')} returns "
            f"({r.get('writes_programmes', '?')} programmes x {len(QUARTERS)} quarters, warm-up included); the warm-up created the "
            f"returns ({w['warmup']['requests']} requests, {w['warmup']['refused']} refused: "
            f"{w['warmup']['statuses']}), the measured rounds saved new revisions of them.")
    if "writes" in r and r["writes"]["save"].get("db_per_save") and (r.get("writes_jdbc") or {}).get("db_per_save"):
        app, base = r["writes"]["save"]["db_per_save"], r["writes_jdbc"]["db_per_save"]
        paragraphs.append("What one save costs MariaDB (server counters over the measured rounds, per save), service "
                          "against the plain JDBC baseline: " + "; ".join(
                              f"{k} {app[k]:,.1f} against {base[k]:,.1f}" for k in STATUS if k in app and k in base)
                          + ".")
    text = "\n\n".join(paragraphs) + "\n"
    # Everything from the notes marker on is kept: notes written by hand about the figures and their profiles.
    target = os.environ.get("RESULTS_MD", "src/perf/RESULTS.md")
    if os.path.exists(target):
        with open(target) as f:
            previous = f.read()
        if NOTES_MARKER in previous:
            text += "\n" + previous[previous.index(NOTES_MARKER):]
    with open(target, "w") as f:
        f.write(text)
    print(text)


def wait(url, seconds):
    deadline = time.time() + float(seconds)
    while time.time() < deadline:
        try:
            connection = http.client.HTTPConnection("127.0.0.1", PORT, timeout=5)
            connection.request("GET", url)
            if connection.getresponse().status == 200:
                return
        except OSError:
            pass
        time.sleep(0.2)
    raise SystemExit(f"bench: {url} did not answer within {seconds} s")


if __name__ == "__main__":
    phase = sys.argv[1] if len(sys.argv) > 1 else ""
    if phase == "record":
        value = sys.argv[3]
        try:
            value = json.loads(value)
        except json.JSONDecodeError:
            pass
        record(**{sys.argv[2]: value})
    elif phase == "wait":
        wait(sys.argv[2], sys.argv[3])
    else:
        {"setup": setup, "reads": reads, "writes": writes, "import": bulk_import, "reports": reports,
         "table": table}[phase]()
