#!/usr/bin/env python3
"""Summarises the CPU samples of a JFR recording (src/perf/run.sh with PROFILE=1 writes one per phase):

    python3 src/perf/jfr_top.py target/perf/writes.jfr [N]

prints the share of samples by where the thread was (its top frame's library), the N hottest methods by self
time, and the N application methods (uk.gov.london.vru) with the most samples beneath them (inclusive)."""
import collections, json, subprocess, sys

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
    return f"{method.get('type', {}).get('name', '?')}.{method.get('name', '?')}"


def layer(frame_name):
    for prefix, label in LAYERS:
        if frame_name.startswith(prefix):
            return label
    return "other"


def main():
    path, top = sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 20
    run = subprocess.run(["jfr", "print", "--json", "--stack-depth", "200", "--events", "jdk.ExecutionSample", path],
                         capture_output=True, text=True, check=True)
    events = json.loads(run.stdout)["recording"]["events"]
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


main()
