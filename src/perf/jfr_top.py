#!/usr/bin/env python3
"""Summarises the CPU samples of a JFR recording (src/perf/run.sh with PROFILE=1 writes one per phase):

    python3 src/perf/jfr_top.py target/perf/writes.jfr [N]

prints the share of samples by where the thread was (its top frame's library), the N hottest methods by self
time, the N application methods (uk.gov.london.vru) with the most samples beneath them (inclusive), and where the
request threads waited: reads from MariaDB and parked threads longer than JFR's threshold (10 ms with the profile
settings), by the application method (or, without one, the library frame) they waited under."""
import collections, json, re, subprocess, sys

LAYERS = [  # (package prefix, name); the first match of the top frame names the sample's layer
    ("uk.gov.london.vru", "application code"),
    ("org.mariadb.jdbc", "JDBC driver (MariaDB)"),
    ("io.agroal", "connection pool"),
    ("org.hibernate.validator", "bean validation"),
    ("org.hibernate", "Hibernate ORM"),
    ("com.fasterxml.jackson", "JSON (Jackson)"),
    ("org.jose4j", "token verification (jose4j)"),
    ("io.smallrye.jwt", "token verification (SmallRye JWT)"),
    ("io.quarkus.oidc", "token verification (Quarkus OIDC)"),
    ("sun.security", "cryptography (JDK)"), ("java.security", "cryptography (JDK)"), ("javax.crypto", "cryptography (JDK)"),
    ("com.sun.crypto", "cryptography (JDK)"),
    ("io.netty", "HTTP server (Netty, Vert.x)"), ("io.vertx", "HTTP server (Netty, Vert.x)"),
    ("org.jboss.resteasy", "JAX-RS (RESTEasy Reactive)"),
    ("io.micrometer", "metrics (Micrometer)"),
    ("io.quarkus", "Quarkus (other)"), ("io.smallrye", "SmallRye (other)"), ("org.jboss", "JBoss (logging, threads)"),
    ("liquibase", "Liquibase"),
    ("java.util.regex", "JDK regex"), ("java.util.zip", "JDK zip"), ("java.math", "JDK BigDecimal"),
    ("java.", "JDK (other)"), ("jdk.", "JDK (other)"), ("sun.", "JDK (other)"),
]


def name(frame):
    method = frame.get("method", {})
    type_name = method.get("type", {}).get("name", "?").replace("/", ".")
    type_name = type_name.split("$$Lambda")[0]  # one name for a class's lambdas
    return f"{type_name}.{method.get('name', '?')}"


def layer(frame_name):
    for prefix, label in LAYERS:
        if frame_name.startswith(prefix):
            return label
    return "other"


def events_of(path, kind):
    run = subprocess.run(["jfr", "print", "--json", "--stack-depth", "200", "--events", kind, path],
                         capture_output=True, text=True, check=True)
    return json.loads(run.stdout)["recording"]["events"]


def seconds(duration):  # ISO-8601, as jfr prints it: PT0.012S, PT1M2.5S
    match = re.fullmatch(r"PT(?:(\d+)H)?(?:(\d+)M)?(?:([\d.]+)S)?", duration or "PT0S")
    h, m, s = match.groups() if match else (0, 0, 0)
    return int(h or 0) * 3600 + int(m or 0) * 60 + float(s or 0)


def waits(path, top):
    for kind, label in [("jdk.SocketRead", "reading from a socket (port 3306: MariaDB)"),
                        ("jdk.ThreadPark", "parked (locks, pools, queues)"),
                        ("jdk.JavaMonitorEnter", "blocked on a monitor")]:
        by_site, total, count = collections.Counter(), 0.0, 0
        for event in events_of(path, kind):
            values = event["values"]
            thread = ((values.get("eventThread") or {}).get("javaName") or "")
            if not thread.startswith("executor-thread"):
                continue
            frames = [name(f) for f in (values.get("stackTrace") or {}).get("frames", [])]
            if any(f.endswith("PoolThreadNode.park") for f in frames):
                continue  # an idle worker waiting for a request
            app = next((f for f in frames if f.startswith("uk.gov.london.vru")), None)
            site = app or next((f for f in frames if not f.startswith(("java.", "jdk.", "sun."))), "?")
            if kind == "jdk.SocketRead":
                site = f"port {values.get('port')}: {site}"
            wait = seconds(values.get("duration"))
            by_site[site] += wait
            total += wait
            count += 1
        print(f"\nrequest threads {label}: {count} waits over the threshold, {total:.1f} s in all")
        for site, wait in by_site.most_common(top):
            print(f"  {wait:7.2f} s  {site}")


def main():
    path, top = sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 20
    events = events_of(path, "jdk.ExecutionSample")
    self_counts, inclusive, layers, threads = collections.Counter(), collections.Counter(), collections.Counter(), \
        collections.Counter()
    for event in events:
        values = event["values"]
        frames = [name(f) for f in (values.get("stackTrace") or {}).get("frames", [])]
        if not frames:
            continue
        thread = (values.get("sampledThread") or {}).get("javaName") or "?"
        threads[thread.rstrip("0123456789-")] += 1
        self_counts[frames[0]] += 1
        layers[layer(frames[0])] += 1
        for app in {f for f in frames if f.startswith("uk.gov.london.vru")}:
            inclusive[app] += 1
    total = sum(self_counts.values())
    print(f"{path}: {total} CPU samples")
    print("\nby layer (top frame):")
    for label, n in layers.most_common():
        print(f"  {100 * n / total:5.1f}%  {label}")
    print("\nby thread pool:")
    for thread, n in threads.most_common(8):
        print(f"  {100 * n / total:5.1f}%  {thread}")
    print(f"\nhottest methods (self):")
    for frame, n in self_counts.most_common(top):
        print(f"  {100 * n / total:5.1f}%  {frame}")
    print(f"\napplication methods (inclusive):")
    for frame, n in inclusive.most_common(top):
        print(f"  {100 * n / total:5.1f}%  {frame}")
    waits(path, top)


main()
