#!/usr/bin/env bash
# Start-up benchmark: time from launching the packaged service (JVM mode, production profile) to its first
# answered request for the whole release 1.0.0, and its resident memory then; beside a baseline measured in the
# same run on the same machine: the smallest JVM HTTP server (src/perf/TrivialServer.java).
#
# Needs a MariaDB server (the production build has no embedded database). By default it uses
# 127.0.0.1:3306 as root with an empty password and a scratch database `vru_perf` that it drops and recreates;
# set QUARKUS_DATASOURCE_JDBC_URL / _USERNAME / _PASSWORD to use another.
#
# Usage: src/perf/startup.sh [runs]      (SKIP_BUILD=1 to reuse target/quarkus-app)
set -euo pipefail
cd "$(dirname "$0")/../.."
RUNS=${1:-5}
PORT=${PORT:-18080}
export QUARKUS_DATASOURCE_JDBC_URL=${QUARKUS_DATASOURCE_JDBC_URL:-jdbc:mariadb://127.0.0.1:3306/vru_perf?createDatabaseIfNotExist=true}
export QUARKUS_DATASOURCE_USERNAME=${QUARKUS_DATASOURCE_USERNAME:-root}
export QUARKUS_DATASOURCE_PASSWORD=${QUARKUS_DATASOURCE_PASSWORD:-}
export QUARKUS_HTTP_PORT=$PORT
# Production needs an identity provider; none is needed to read public releases, so a placeholder will do.
export QUARKUS_OIDC_AUTH_SERVER_URL=${QUARKUS_OIDC_AUTH_SERVER_URL:-http://127.0.0.1:9/realms/benchmark}
OUT=target/perf
mkdir -p "$OUT"

[ "${SKIP_BUILD:-0}" = 1 ] || ./mvnw -B -q package -DskipTests
javac -d "$OUT" src/perf/TrivialServer.java

now_ms() { date +%s%3N; }
rss_mb() { awk '/VmRSS/ {printf "%.0f", $2/1024}' "/proc/$1/status"; }
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }

# launch CMD... ; prints "<ms to first 200> <rss MB>" and stops the process
measure() {
    local url=$1; shift
    local start; start=$(now_ms)
    "$@" > "$OUT/last-run.log" 2>&1 &
    local pid=$!
    until curl -sf -o /dev/null "$url"; do
        if ! kill -0 "$pid" 2>/dev/null; then echo "process died; see $OUT/last-run.log" >&2; exit 1; fi
        sleep 0.01
    done
    local elapsed=$(( $(now_ms) - start ))
    sleep 1
    local rss; rss=$(rss_mb "$pid")
    kill "$pid"; wait "$pid" 2>/dev/null || true
    echo "$elapsed $rss"
}

service() { exec java -jar target/quarkus-app/quarkus-run.jar; }
trivial() { exec java -cp "$OUT" TrivialServer "$PORT"; }
RELEASE_URL="http://127.0.0.1:$PORT/api/v1/framework/releases/1.0.0"

if [[ "$QUARKUS_DATASOURCE_JDBC_URL" == *"/vru_perf"* ]]; then
    mysql -h127.0.0.1 -u"$QUARKUS_DATASOURCE_USERNAME" ${QUARKUS_DATASOURCE_PASSWORD:+-p"$QUARKUS_DATASOURCE_PASSWORD"} \
        -e 'DROP DATABASE IF EXISTS vru_perf'
fi
read -r first_ms first_rss < <(measure "$RELEASE_URL" service)

: > "$OUT/service.txt"; : > "$OUT/trivial.txt"
for _ in $(seq "$RUNS"); do
    measure "http://127.0.0.1:$PORT/" trivial >> "$OUT/trivial.txt"
    measure "$RELEASE_URL" service >> "$OUT/service.txt"
done
s_ms=$(cut -d' ' -f1 "$OUT/service.txt" | median); s_rss=$(cut -d' ' -f2 "$OUT/service.txt" | median)
t_ms=$(cut -d' ' -f1 "$OUT/trivial.txt" | median); t_rss=$(cut -d' ' -f2 "$OUT/trivial.txt" | median)

cat <<TABLE
Start-up, JVM mode, median of $RUNS runs (interleaved with the baseline), $(nproc) cores, $(java -version 2>&1 | head -1)

| what | service | baseline (trivial JVM server) | ratio |
|---|---|---|---|
| launch to first answered request (restart, release already loaded) | ${s_ms} ms | ${t_ms} ms | $(awk "BEGIN {printf \"%.1f\", $s_ms/$t_ms}") |
| resident memory 1 s after that request | ${s_rss} MB | ${t_rss} MB | $(awk "BEGIN {printf \"%.1f\", $s_rss/$t_rss}") |
| first start on an empty database (migrate + load 1.0.0), one run | ${first_ms} ms, ${first_rss} MB | | |
TABLE
