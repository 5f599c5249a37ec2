#!/usr/bin/env bash
# Submissions benchmark (issue "Quarterly submissions"): bulk import rate against a plain JDBC batch insert of the
# same rows, and report latency over about a million stored measurements, each beside a baseline measured in the
# same run. Needs the local MariaDB server (127.0.0.1:3306, root); uses a scratch database vru_bench that it drops
# and recreates, a standalone token issuer on port 18180, and the packaged service on port 18080.
# Usage: src/perf/submissions.sh [rows]     (SKIP_BUILD=1 to reuse target/quarkus-app)
set -euo pipefail
cd "$(dirname "$0")/../.."
export ROWS=${1:-100000} PORT=${PORT:-18080} OUT=target/perf DB_NAME=vru_bench DB_USER=root DB_PASSWORD=
mkdir -p "$OUT"
[ "${SKIP_BUILD:-0}" = 1 ] || ./mvnw -B -q package -DskipTests
CP="target/quarkus-app/app/*:target/quarkus-app/lib/main/*:target/quarkus-app/lib/boot/*"
export DRIVER=$(ls target/quarkus-app/lib/main/org.mariadb.jdbc.mariadb-java-client-*.jar)
export JDBC="jdbc:mariadb://127.0.0.1:3306/$DB_NAME"
mysql -h127.0.0.1 -uroot -e "DROP DATABASE IF EXISTS $DB_NAME; CREATE DATABASE $DB_NAME CHARACTER SET utf8mb4"

java -cp "$CP" uk.gov.london.vru.common.DevIdentityProvider 18180 benchmark-issuer > "$OUT/issuer.log" 2>&1 &
ISSUER_PID=$!
export ISSUER=http://127.0.0.1:18180/benchmark-issuer
QUARKUS_OIDC_AUTH_SERVER_URL=$ISSUER QUARKUS_DATASOURCE_JDBC_URL=$JDBC QUARKUS_DATASOURCE_USERNAME=root \
    QUARKUS_HTTP_PORT=$PORT VRU_RATE_LIMIT_ENABLED=false \
    java -Xmx1g ${JAVA_OPTS:-} -jar target/quarkus-app/quarkus-run.jar > "$OUT/service.log" 2>&1 &
SERVICE_PID=$!
trap 'kill $SERVICE_PID $ISSUER_PID 2>/dev/null || true' EXIT
until curl -sf -o /dev/null "http://127.0.0.1:$PORT/q/health/ready"; do
    kill -0 $SERVICE_PID 2>/dev/null || { echo "service died: see $OUT/service.log" >&2; exit 1; }
    sleep 0.2
done
python3 src/perf/submissions_bench.py | tee "$OUT/submissions.md"
