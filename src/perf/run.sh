#!/usr/bin/env bash
# The benchmark suite (issue 8), one command: builds the service, starts it against MariaDB with a standalone token
# issuer, loads a realistic data set through the API, measures every path beside a baseline in the same run with
# wrk (warm-up, fixed connections, fixed durations), measures start-up and memory, and writes src/perf/RESULTS.md.
#
#   src/perf/run.sh                 about 15 minutes on a quiet 2-core machine (longer on a busy one)
#
# What it measures (bench.py has the details):
#   reads    the whole release 1.0.0 (200, and 304 with If-None-Match) and a filtered outcome list, against the
#            trivial endpoint of the same process; 16 connections
#   writes   PUT of a quarterly return of 20 measurements, each request a real save (a new revision), 8
#            connections; against the trivial endpoint and against the same SQL by plain JDBC (SaveBaseline.java)
#   import   100,000 measurement rows (5,000 returns) in one CSV request, against a plain JDBC batch insert of the
#            same rows (JdbcBaseline.java)
#   reports  results reports over about 1,000,000 stored measurements, one connection, against the trivial endpoint
#   start-up launch to first answered request and resident memory, restarted with the data loaded, against the
#            smallest JVM HTTP server (TrivialServer.java); memory also after all of the above
#
# Needs: Java 17, python3, curl, the mysql client, wrk (installed with apt-get when missing and run as root), and
# the local MariaDB server at 127.0.0.1:3306 as root without a password (started when down and run as root). Uses a
# scratch database ($DB_NAME, default vru_perf) that it drops and recreates, and ports $PORT and $ISSUER_PORT.
#
# Knobs (environment): SKIP_BUILD=1 reuses target/quarkus-app; DURATION (10 s), WARMUP (5 s), ROUNDS (3),
# READ_CONNECTIONS (16), WRITE_CONNECTIONS (8), WRK_THREADS (2), REPORT_DURATION (15 s), ROWS (100000 imported),
# REPORT_ROWS (1000000 stored for the reports), WRITE_PROGRAMMES (50),
# STARTUP_RUNS (3), JVM_OPTS (the heap as in the Kubernetes deployment), APPCDS (1), NMT=1 adds native memory
# tracking and writes the JVM's memory by area after the load to target/perf/nmt-after-load.txt, PROFILE=1 records a JFR profile of each
# phase in target/perf/<phase>.jfr (summarise with src/perf/jfr_top.py), RESULTS_MD (where the table goes).
set -euo pipefail
cd "$(dirname "$0")/../.."
RUN_START=$(date +%s)
mkdir -p target/perf

export PORT=${PORT:-18080} ISSUER_PORT=${ISSUER_PORT:-18180} OUT=target/perf DB_NAME=${DB_NAME:-vru_perf}
export DB_USER=root DB_PASSWORD= DURATION=${DURATION:-10} WARMUP=${WARMUP:-5} ROUNDS=${ROUNDS:-3}
export READ_CONNECTIONS=${READ_CONNECTIONS:-16} WRITE_CONNECTIONS=${WRITE_CONNECTIONS:-8} WRK_THREADS=${WRK_THREADS:-2}
export ROWS=${ROWS:-100000} WRITE_PROGRAMMES=${WRITE_PROGRAMMES:-50}
STARTUP_RUNS=${STARTUP_RUNS:-3}
START_TIMEOUT=${START_TIMEOUT:-300}     # seconds a start may take before the run fails (busy machines are slow)
PHASE_TIMEOUT=${PHASE_TIMEOUT:-1800}    # seconds one benchmark phase may take
# The JVM as in the Kubernetes deployment: a 768 MiB container and MaxRAMPercentage=60 (k8s/base/deployment.yaml).
# In a container of 768 MiB the JVM chooses the serial collector by itself (below 1,792 MB it is not a "server
# class machine"); -XX:MaxRAM does not change that choice on this machine's 24 GB, so it is named here: with G1 the
# same start-up took 40 MB more resident memory (G1's own structures, measured with NativeMemoryTracking). The heap
# free ratio and -ShrinkHeapInSteps are the deployment's too: after an import the heap had grown to 377 MB with 33 MB
# in use, and the serial collector gave none of it back at a full collection; with them it returns it at the first.
# (MinHeapFreeRatio=10 with MaxHeapFreeRatio=30 returned as much but slowed imports by a quarter: a tighter heap.)
JVM_OPTS=${JVM_OPTS:--XX:MaxRAM=768m -XX:MaxRAMPercentage=60 -XX:+UseSerialGC -XX:MaxHeapFreeRatio=40 -XX:-ShrinkHeapInSteps -XX:+ExitOnOutOfMemoryError}
# AppCDS (Quarkus builds the archive, target/quarkus-app/app-cds.jsa): classes load from a shared archive instead of
# being read and verified at each start. APPCDS=0 leaves it out. Outside a container only: the image's JVM is
# another build (jlink), which cannot use an archive made by this one.
APPCDS=${APPCDS:-1}
export ISSUER="http://127.0.0.1:$ISSUER_PORT/benchmark-issuer"
export JDBC="jdbc:mariadb://127.0.0.1:3306/$DB_NAME"
# The baselines' plain JDBC connections speak the schema's collation, as the service's do (application.properties).
export BASELINE_JDBC="$JDBC?connectionCollation=utf8mb4_unicode_ci"
RELEASE_URL="http://127.0.0.1:$PORT/api/v1/framework/releases/1.0.0"
CP="target/quarkus-app/app/*:target/quarkus-app/lib/main/*:target/quarkus-app/lib/boot/*"
bench() { timeout "$PHASE_TIMEOUT" python3 src/perf/bench.py "$@"; }
log() { echo "[run $(date +%T)] $*" >&2; }
fail() { echo "run.sh: $*" >&2; exit 1; }

# Every process this script starts is recorded here and stopped on exit, whatever the exit.
PIDS=()
cleanup() {
    local pid
    for pid in "${PIDS[@]}"; do
        kill "$pid" 2>/dev/null || true
    done
    for pid in "${PIDS[@]}"; do
        wait "$pid" 2>/dev/null || true
    done
}
trap cleanup EXIT
trap 'fail "interrupted"' INT TERM

# --- prerequisites ------------------------------------------------------------------------------------------
for tool in java python3 curl mysql mysqladmin; do
    command -v "$tool" > /dev/null || fail "$tool is needed"
done
if ! command -v wrk > /dev/null; then
    [ "$(id -u)" = 0 ] || fail "wrk is needed: apt-get install wrk (as root)"
    log "installing wrk (Debian package)"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q wrk > "$OUT/apt.log" 2>&1 \
        || { apt-get update -q > /dev/null 2>&1 && DEBIAN_FRONTEND=noninteractive apt-get install -y -q wrk > /dev/null; } \
        || fail "could not install wrk"
fi
if ! mysqladmin -h127.0.0.1 -uroot ping > /dev/null 2>&1; then
    [ "$(id -u)" = 0 ] || fail "MariaDB is not answering at 127.0.0.1:3306, and starting it needs root"
    log "starting MariaDB"
    start-stop-daemon --start --oknodo --background --exec /usr/sbin/mariadbd
    for _ in $(seq 120); do mysqladmin -h127.0.0.1 -uroot ping > /dev/null 2>&1 && break; sleep 0.5; done
    mysqladmin -h127.0.0.1 -uroot ping > /dev/null 2>&1 || fail "MariaDB did not start"
fi
for port in "$PORT" "$ISSUER_PORT"; do
    if curl -s -o /dev/null --max-time 2 "http://127.0.0.1:$port/"; then
        fail "port $port is in use: set PORT / ISSUER_PORT"
    fi
done

if [ "${SKIP_BUILD:-0}" != 1 ]; then
    log "building (./mvnw -B -q package -DskipTests$([ "$APPCDS" = 1 ] && echo ' -Dquarkus.package.jar.appcds.enabled=true'))"
    ./mvnw -B -q package -DskipTests $([ "$APPCDS" = 1 ] && echo -Dquarkus.package.jar.appcds.enabled=true) \
        || fail "the build failed"
fi
[ -f target/quarkus-app/quarkus-run.jar ] || fail "no target/quarkus-app/quarkus-run.jar: build first (or drop SKIP_BUILD)"
SERVICE_JVM_OPTS=$JVM_OPTS
if [ "$APPCDS" = 1 ]; then
    [ -f target/quarkus-app/app-cds.jsa ] || fail "APPCDS=1 but no target/quarkus-app/app-cds.jsa: build without SKIP_BUILD"
    # The archive names the class path as it was made, relative to target/quarkus-app: the service starts there.
    SERVICE_JVM_OPTS="$JVM_OPTS -XX:SharedArchiveFile=app-cds.jsa -Xshare:auto"
fi
if [ "${NMT:-0}" = 1 ]; then
    # Native memory tracking (summary): resident memory by JVM area after the load, in $OUT/nmt-after-load.txt.
    SERVICE_JVM_OPTS="$SERVICE_JVM_OPTS -XX:NativeMemoryTracking=summary"
fi
mkdir -p "$OUT"
rm -f "$OUT"/results.json "$OUT"/state.json "$OUT"/*.jfr
DRIVER=$(ls target/quarkus-app/lib/main/org.mariadb.jdbc.mariadb-java-client-*.jar | head -1)
export DRIVER
javac -d "$OUT" src/perf/TrivialServer.java
mysql -h127.0.0.1 -uroot -e "DROP DATABASE IF EXISTS $DB_NAME; CREATE DATABASE $DB_NAME CHARACTER SET utf8mb4"

# The machine's load during the run, every 30 s.
( while true; do cut -d' ' -f1 /proc/loadavg; sleep 30; done ) > "$OUT/load.txt" &
PIDS+=($!)

# --- helpers ------------------------------------------------------------------------------------------------
now_ms() { date +%s%3N; }
rss_mb() { awk '/VmRSS/ {printf "%.0f", $2/1024}' "/proc/$1/status"; }
cpu_s() { awk -v tck="$(getconf CLK_TCK)" '{printf "%.2f", ($14 + $15) / tck}' "/proc/$1/stat"; }
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
alive() { kill -0 "$1" 2>/dev/null; }
# The Java heap of PID: "<committed MB> <used MB>" (jcmd GC.heap_info), to tell heap from the rest of resident memory.
heap_mb() {
    # G1 prints "garbage-first heap total N, used M"; the serial collector one line per generation (summed here).
    jcmd "$1" GC.heap_info 2>/dev/null | awk '
        /heap +total [0-9]+K, used [0-9]+K/ || /(new|tenured) generation +total [0-9]+K, used [0-9]+K/ {
            for (i = 1; i <= NF; i++) {
                if ($i == "total") { t += $(i + 1) + 0 }
                if ($i == "used") { u += $(i + 1) + 0 }
            }
        }
        END { if (t > 0) printf "%.0f %.0f", t / 1024, u / 1024 }'
}

# Polls URL until it answers 200; fails if process PID dies or START_TIMEOUT passes.
await() {
    local url=$1 pid=$2 logfile=$3 deadline=$(( $(date +%s) + START_TIMEOUT ))
    until curl -sf -o /dev/null --max-time 10 "$url"; do
        alive "$pid" || fail "the process stopped before answering $url; see $logfile"
        [ "$(date +%s)" -lt "$deadline" ] || fail "$url did not answer within $START_TIMEOUT s; see $logfile"
        sleep 0.05
    done
}

# Stops PID: SIGTERM, then SIGKILL after 60 s.
stop() {
    local pid=$1
    kill "$pid" 2>/dev/null || return 0
    for _ in $(seq 600); do alive "$pid" || break; sleep 0.1; done
    alive "$pid" && kill -9 "$pid" 2>/dev/null
    wait "$pid" 2>/dev/null || true
}

start_service() {   # start_service LOGFILE [extra JVM options...]; sets SERVICE_PID
    local logfile=$1; shift
    QUARKUS_OIDC_AUTH_SERVER_URL=$ISSUER QUARKUS_DATASOURCE_JDBC_URL=$JDBC QUARKUS_DATASOURCE_USERNAME=root \
        QUARKUS_DATASOURCE_PASSWORD= QUARKUS_HTTP_PORT=$PORT VRU_RATE_LIMIT_ENABLED=false \
        bash -c 'cd target/quarkus-app && exec java "$@" -jar quarkus-run.jar' java $SERVICE_JVM_OPTS "$@" \
        > "$logfile" 2>&1 &
    SERVICE_PID=$!
    PIDS+=("$SERVICE_PID")
}

# launch_and_measure KIND URL: prints "<ms to first answer> <CPU s by then> <RSS MB 1 s later>", then stops it.
launch_and_measure() {
    local kind=$1 url=$2 start pid elapsed cpu rss
    start=$(now_ms)
    if [ "$kind" = service ]; then
        start_service "$OUT/restart.log"; pid=$SERVICE_PID
    else
        java $JVM_OPTS -cp "$OUT" TrivialServer "$PORT" > "$OUT/trivial.log" 2>&1 &
        pid=$!; PIDS+=("$pid")
    fi
    await "$url" "$pid" "$OUT/$([ "$kind" = service ] && echo restart || echo trivial).log"
    elapsed=$(( $(now_ms) - start ))
    cpu=$(cpu_s "$pid")
    sleep 1
    rss=$(rss_mb "$pid")
    stop "$pid"
    echo "$elapsed $cpu $rss"
}

# --- the run ------------------------------------------------------------------------------------------------
java -cp "$CP" uk.gov.london.vru.common.DevIdentityProvider "$ISSUER_PORT" benchmark-issuer > "$OUT/issuer.log" 2>&1 &
ISSUER_PID=$!
PIDS+=("$ISSUER_PID")
await "$ISSUER/.well-known/openid-configuration" "$ISSUER_PID" "$OUT/issuer.log"

log "first start on an empty database (migrations, release 1.0.0)"
start=$(now_ms)
start_service "$OUT/service.log"
MAIN_PID=$SERVICE_PID
await "$RELEASE_URL" "$MAIN_PID" "$OUT/service.log"
first_ms=$(( $(now_ms) - start ))
sleep 1
bench record first_start_ms "$first_ms"
bench record first_start_rss_mb "$(rss_mb "$MAIN_PID")"
bench record first_start_heap_mb "[$(heap_mb "$MAIN_PID" | tr ' ' ,)]"
log "answered after $first_ms ms"

for phase in setup reads writes import reports; do
    log "phase: $phase"
    if [ "${PROFILE:-0}" = 1 ] && [ "$phase" != setup ]; then
        jcmd "$MAIN_PID" JFR.start name="$phase" settings=profile filename="$PWD/$OUT/$phase.jfr" > /dev/null
    fi
    bench "$phase" || fail "phase $phase failed (service log: $OUT/service.log)"
    if [ "${PROFILE:-0}" = 1 ] && [ "$phase" != setup ]; then
        jcmd "$MAIN_PID" JFR.stop name="$phase" > /dev/null
    fi
    alive "$MAIN_PID" || fail "the service stopped during $phase; see $OUT/service.log"
done
bench record after_load_rss_mb "$(rss_mb "$MAIN_PID")"
bench record after_load_heap_mb "[$(heap_mb "$MAIN_PID" | tr ' ' ,)]"
# What of that is still in use: a full collection, then the heap and resident memory again.
jcmd "$MAIN_PID" GC.run > /dev/null 2>&1 || true
sleep 1
bench record after_gc_rss_mb "$(rss_mb "$MAIN_PID")"
bench record after_gc_heap_mb "[$(heap_mb "$MAIN_PID" | tr ' ' ,)]"
jcmd "$MAIN_PID" GC.class_histogram 2>/dev/null | head -25 > "$OUT/histogram-after-load.txt" || true
if [ "${NMT:-0}" = 1 ]; then
    jcmd "$MAIN_PID" VM.native_memory summary > "$OUT/nmt-after-load.txt" 2>&1 || true
fi
jcmd "$MAIN_PID" GC.heap_info > "$OUT/heap-after-load.txt" 2>&1 || true
stop "$MAIN_PID"

log "start-up: $STARTUP_RUNS restarts with the data loaded, each beside the trivial JVM server"
: > "$OUT/startup-service.txt"; : > "$OUT/startup-trivial.txt"
for i in $(seq "$STARTUP_RUNS"); do
    launch_and_measure trivial "http://127.0.0.1:$PORT/" >> "$OUT/startup-trivial.txt"
    launch_and_measure service "$RELEASE_URL" >> "$OUT/startup-service.txt"
    log "  run $i: service $(tail -1 "$OUT/startup-service.txt"), trivial $(tail -1 "$OUT/startup-trivial.txt") (ms, CPU s, MB)"
done
if [ "${PROFILE:-0}" = 1 ]; then
    log "start-up: one more restart, recorded by JFR ($OUT/startup.jfr)"
    start_service "$OUT/restart.log" -XX:StartFlightRecording=filename="$PWD/$OUT/startup.jfr",settings=profile,dumponexit=true
    await "$RELEASE_URL" "$SERVICE_PID" "$OUT/restart.log"
    stop "$SERVICE_PID"
fi
col() { cut -d' ' -f"$1" "$2" | median; }
bench record startup_runs "$STARTUP_RUNS"
bench record startup_ms "$(col 1 "$OUT/startup-service.txt")"
bench record startup_cpu_s "$(col 2 "$OUT/startup-service.txt")"
bench record startup_rss_mb "$(col 3 "$OUT/startup-service.txt")"
bench record trivial_ms "$(col 1 "$OUT/startup-trivial.txt")"
bench record trivial_cpu_s "$(col 2 "$OUT/startup-trivial.txt")"
bench record trivial_rss_mb "$(col 3 "$OUT/startup-trivial.txt")"

# --- the table ----------------------------------------------------------------------------------------------
machine=$(python3 - "$SERVICE_JVM_OPTS" <<'PY'
import json, os, subprocess, sys
def out(*cmd):
    r = subprocess.run(cmd, capture_output=True, text=True)
    return (r.stdout + r.stderr).strip()
cpu = next((l.split(":", 1)[1].strip() for l in out("lscpu").splitlines() if l.startswith("Model name")), "?")
mem = int(next(l.split()[1] for l in open("/proc/meminfo") if l.startswith("MemTotal"))) / 1048576
db = out("mysql", "-h127.0.0.1", "-uroot", "-N", "-e", "SELECT VERSION(), @@innodb_buffer_pool_size DIV 1048576, "
         "@@innodb_flush_log_at_trx_commit").split()
print(json.dumps({"cpu": cpu, "cores": os.cpu_count(), "memory": f"{mem:.0f} GiB",
                  "java": out("java", "-version").splitlines()[0], "mariadb": db[0],
                  "mariadb_config": f"innodb_buffer_pool_size {db[1]} MiB, innodb_flush_log_at_trx_commit {db[2]}",
                  "wrk": out("wrk", "-v").split()[1], "jvm_options": sys.argv[1]}))
PY
)
bench record machine "$machine"
bench record load "[$(paste -sd, "$OUT/load.txt")]"
bench record date "\"$(date -u '+%Y-%m-%d %H:%M UTC')\""
bench record profile "${PROFILE:-0}"
bench record duration "$DURATION"; bench record warmup "$WARMUP"; bench record rounds "$ROUNDS"
bench record run_seconds "$(( $(date +%s) - RUN_START ))"
bench table > /dev/null
log "done in $(( $(date +%s) - RUN_START )) s: ${RESULTS_MD:-src/perf/RESULTS.md}"
