#!/usr/bin/env bash
# Issue 13's benchmark: the HTTP load benchmark (tools/call auth_status on an established legacy
# session, so every request looks its session up) with the in-memory store and with the Redis store,
# in the same run, alternating memory, redis, memory, redis. Needs wrk and redis-server on the PATH
# (apt-get install wrk redis-server). Loopback only, bounded by DURATION; Redis without persistence.
# Usage: [WARMUP=SECONDS] [ROUNDS=N] benchmarks/load/run-redis-vs-memory.sh [DURATION_SECONDS]
#        (from the project root, after ./mvnw -B -q -DskipTests install)
set -euo pipefail
cd "$(dirname "$0")/../.."
DURATION=${1:-20}
REDIS_PORT=16379
redis-server --port $REDIS_PORT --bind 127.0.0.1 --save '' --appendonly no > /tmp/load-redis.log 2>&1 &
REDIS_PID=$!
trap 'kill $REDIS_PID 2>/dev/null || true' EXIT
for _ in $(seq 1 50); do
  redis-cli -p $REDIS_PORT ping > /dev/null 2>&1 && break
  sleep 0.1
done
for round in $(seq 1 "${ROUNDS:-2}"); do
  for store in memory "redis://127.0.0.1:$REDIS_PORT"; do
    echo "== round $round, MCP_SESSION_STORE=$store"
    MCP_SESSION_STORE=$store SKIP_BARE=1 benchmarks/load/run-load.sh "$DURATION" | grep RESULT
  done
done
echo "== Redis: session look-ups served ($(redis-cli -p $REDIS_PORT info stats | grep -E '^total_commands_processed' | tr -d '\r'))"
