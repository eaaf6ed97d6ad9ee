#!/usr/bin/env bash
# Soak and fault run of issue 14: two quilt-mcp-server.jar replicas sharing a password-protected
# redis-server (the binary of the embedded-redis artifact), S3Proxy, the registry stand-in and the SSM
# stand-in, each behind a fault-injecting TCP proxy; a Java load generator (no wrk, no packages).
# Loopback only. Bounded: the soak lasts SOAK_MINUTES (default 10), each fault SOAK_FAULT_SECONDS
# (default 25), each recovery at most SOAK_RECOVERY_SECONDS (default 75); the whole default run takes
# about 24 minutes. Exit status: 0 every check passed, 1 a check failed, 2 a bad setting.
# Usage (from the project root, after ./mvnw -B -q -DskipTests install -pl server-javalin,benchmarks -am):
#   benchmarks/soak/run-soak.sh                     # 10-minute soak at half the measured peak, then the faults
#   SOAK_MINUTES=1 SOAK_RATE=40 benchmarks/soak/run-soak.sh
#   SOAK_MINUTES=0 benchmarks/soak/run-soak.sh      # the faults only
# Settings: docs/operations.md, "Soak and fault run".
set -euo pipefail
cd "$(dirname "$0")/../.."
BENCH=benchmarks/target/benchmarks.jar
[ -f "$BENCH" ] || { echo "no $BENCH: build it first (see the usage above)" >&2; exit 2; }
exec java -Xmx512m -cp "$BENCH" com.quiltdata.mcp.benchmarks.soak.SoakRun
