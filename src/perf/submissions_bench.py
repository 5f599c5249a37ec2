#!/usr/bin/env python3
"""Submissions benchmark: bulk import of measurement rows against a plain JDBC batch insert of the same rows, and
report latency over about a million stored measurements against a trivial endpoint of the same process.
Driven by src/perf/submissions.sh, which starts the service; see there."""
import http.client, json, os, statistics, subprocess, sys, time, uuid
from concurrent.futures import ThreadPoolExecutor

PORT = int(os.environ.get("PORT", "18080"))
ISSUER = os.environ["ISSUER"]
ROWS = int(os.environ.get("ROWS", "100000"))
OUT = os.environ.get("OUT", "target/perf")
QUARTERS = ["2025-26-Q1", "2025-26-Q2", "2025-26-Q3", "2025-26-Q4", "2026-27-Q1", "2026-27-Q2", "2026-27-Q3"]
PAIRS = [("PO-I01", "M-WEMWBS", 30, 70), ("RH-I01", "M-POLICE-RECORDED-GBH", 0, 40),
         ("FA-I03", "M-WEMWBS", 30, 70), ("ED-I09", "M-SURVEY-SCHOOL-SAFETY", 40, 100)]


def call(method, path, token=None, body=None, ctype="application/json", host="127.0.0.1", port=PORT):
    connection = http.client.HTTPConnection(host, port, timeout=600)
    headers = {"Content-Type": ctype} if body is not None else {}
    if token:
        headers["Authorization"] = "Bearer " + token
    payload = body if isinstance(body, (bytes, str)) or body is None else json.dumps(body)
    connection.request(method, path, body=payload, headers=headers)
    response = connection.getresponse()
    data = response.read()
    connection.close()
    if response.status >= 300:
        raise SystemExit(f"{method} {path}: {response.status} {data[:300]}")
    return json.loads(data) if data and response.getheader("Content-Type", "").startswith("application/json") else data


def token(query):
    connection = http.client.HTTPConnection("127.0.0.1", int(ISSUER.split(":")[2].split("/")[0]))
    connection.request("GET", "/" + ISSUER.split("/", 3)[3] + "/token?" + query)
    return connection.getresponse().read().decode()


def timed(path, tok, runs):
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        call("GET", path, tok)
        samples.append((time.perf_counter() - start) * 1000)
    samples.sort()
    return statistics.median(samples), samples[int(len(samples) * 0.95) - 1]


def main():
    admin, commissioner = token("role=admin&sub=bench-admin"), token("role=commissioner&sub=bench-commissioner")
    organisation = call("POST", "/api/v1/organisations", admin,
                        {"name": "Benchmark partner " + str(uuid.uuid4()), "type": "voluntary-sector"})["id"]
    partner = token("role=partner&sub=bench-partner&organisation=" + organisation)
    groups = -(-ROWS // len(PAIRS))
    programmes = -(-groups // len(QUARTERS))
    registration = {"title": "Benchmark", "primaryPriorityArea": "PO", "boroughs": ["E09000012"],
                    "startDate": "2025-04-01", "endDate": "2027-03-31", "release": "1.0.0",
                    "outcomes": [{"outcome": o, "measures": [{"measure": m}]} for o, m, _, _ in PAIRS]}

    def make(i):
        pid = call("POST", "/api/v1/programmes", partner, dict(registration, title=f"Benchmark {i}"))["id"]
        call("POST", f"/api/v1/programmes/{pid}/submit", partner)
        call("POST", f"/api/v1/programmes/{pid}/approve", commissioner, {})
        return pid
    start = time.perf_counter()
    with ThreadPoolExecutor(8) as pool:
        ids = list(pool.map(make, range(programmes)))
    print(f"set-up: {programmes} programmes in {time.perf_counter() - start:.1f} s", file=sys.stderr)

    lines = ["programme,period,kind,outcome,measure,statistic,value,participants,baseline,comment,outputType,count"]
    n = 0
    for pid in ids:
        for quarter in QUARTERS:
            for outcome, measure, low, high in PAIRS:
                if n == ROWS:
                    break
                value = low + (n * 7) % (high - low)
                lines.append(f"{pid},{quarter},measurement,{outcome},{measure},,{value},{10 + n % 90},{low + (n * 3) % (high - low)},,,")
                n += 1
    csv_body = "\n".join(lines) + "\n"
    os.makedirs(OUT, exist_ok=True)
    with open(f"{OUT}/import.csv", "w") as f:
        f.write(csv_body)

    start = time.perf_counter()
    summary = call("POST", "/api/v1/submissions/imports", partner, csv_body, "text/csv")
    import_seconds = time.perf_counter() - start
    assert summary["imported"] == ROWS, summary
    baseline = subprocess.run(["java", "-cp", os.environ["DRIVER"], "src/perf/JdbcBaseline.java", os.environ["JDBC"],
                               os.environ["DB_USER"], os.environ.get("DB_PASSWORD", ""), f"{OUT}/import.csv"],
                              check=True, capture_output=True, text=True).stdout.split()
    jdbc_rows, jdbc_seconds = int(baseline[0]), float(baseline[1])

    # About a million stored measurements: the imported ones, repeated, on accepted returns.
    subprocess.run(["mysql", "-h127.0.0.1", "-u" + os.environ["DB_USER"], os.environ["DB_NAME"], "-e",
                    "UPDATE submission SET status = 'accepted'; UPDATE submission_measurement SET status = 'accepted';"
                    " INSERT INTO submission_measurement (submission_id, programme_id, period, priority_area,"
                    " outcome_code, measure_code, value, participants, baseline, status) SELECT m.submission_id,"
                    " m.programme_id, m.period, m.priority_area, m.outcome_code, m.measure_code, m.value + s.n,"
                    " m.participants, m.baseline, m.status FROM submission_measurement m JOIN (SELECT 1 n UNION SELECT 2 UNION SELECT 3 UNION"
                    " SELECT 4 UNION SELECT 5 UNION SELECT 6 UNION SELECT 7 UNION SELECT 8 UNION SELECT 9) s;"
                    " ANALYZE TABLE submission_measurement;"], check=True, capture_output=True)
    stored = int(subprocess.run(["mysql", "-h127.0.0.1", "-u" + os.environ["DB_USER"], "-N", os.environ["DB_NAME"],
                                 "-e", "SELECT COUNT(*) FROM submission_measurement"], check=True, capture_output=True,
                                text=True).stdout.strip())
    timed("/q/health/live", None, 20)
    trivial = timed("/q/health/live", None, 50)
    quarter = timed("/api/v1/reports/results?period=2025-26-Q2", commissioner, 30)
    area = timed("/api/v1/reports/results?period=2025-26-Q2&priorityArea=PO&outcome=PO-I01", commissioner, 30)
    everything = timed("/api/v1/reports/results", commissioner, 10)
    public = timed("/api/v1/reports/public/results?period=2025-26-Q2", None, 30)

    rate, jdbc_rate = ROWS / import_seconds, jdbc_rows / jdbc_seconds
    print(f"""Submissions benchmark, {os.cpu_count()} cores, service, MariaDB and client on one machine.

| what | measured | baseline (same run) | ratio | target |
|---|---|---|---|---|
| bulk import of {ROWS} measurement rows (CSV, one request) | {rate:,.0f} rows/s ({import_seconds:.2f} s) | plain JDBC batch insert of the same rows: {jdbc_rate:,.0f} rows/s | {rate / jdbc_rate:.2f} | 50,000 rows/s and ratio 0.25 |
| results report, one quarter, over {stored:,} stored measurements (median / p95) | {quarter[0]:.0f} / {quarter[1]:.0f} ms | trivial endpoint (/q/health/live): {trivial[0]:.1f} ms | {quarter[0] / trivial[0]:.0f} | median under 200 ms |
| results report, one quarter, one outcome (median / p95) | {area[0]:.0f} / {area[1]:.0f} ms | | {area[0] / trivial[0]:.0f} | |
| public report, one quarter (median / p95) | {public[0]:.0f} / {public[1]:.0f} ms | | {public[0] / trivial[0]:.0f} | |
| results report, every quarter (median / p95) | {everything[0]:.0f} / {everything[1]:.0f} ms | | {everything[0] / trivial[0]:.0f} | |
""")


main()
