#!/usr/bin/env bash
# Load benchmark of issue 4: tools/call auth_status with a ~4.5 KB token over 32 connections on an
# established session, against the MCP server and, side by side, a bare Javalin endpoint.
# Needs wrk (apt-get install wrk). Loopback only; every run is bounded by DURATION.
# MCP_SESSION_STORE (default memory) is passed to the server, so a redis:// URL measures the Redis store;
# SKIP_BARE=1 leaves the bare Javalin runs out; REPORT_WARMUP=1 prints the warm-up period's result
# too (issue 16: the first 10 s of load, then 10 s more: WARMUP=10 REPORT_WARMUP=1 ... 10).
# LAUNCHER=1 starts the server with its shipped launcher (start-up archive) instead of java -jar.
# Usage: [WARMUP=SECONDS] [MCP_MAX_THREADS=N] benchmarks/load/run-load.sh [DURATION_SECONDS]   (from the project root, after
#        ./mvnw -B -q -DskipTests install)
set -euo pipefail
cd "$(dirname "$0")/../.."
DURATION=${1:-20}
MCP_PORT=18000
BARE_PORT=18001
export LOAD_JWT_SECRET="load-test-secret-$(head -c 24 /dev/urandom | base64 | tr -d '/+=')"
BENCH=benchmarks/target/benchmarks.jar

MCP_SESSION_STORE=${MCP_SESSION_STORE:-memory} \
MCP_JWT_SECRET="$LOAD_JWT_SECRET" QUILT_REGISTRY_URL=http://127.0.0.1:9 MCP_PORT=$MCP_PORT MCP_MAX_THREADS=${MCP_MAX_THREADS:-0} \
  MCP_LOG_FORMAT=text $([ "${LAUNCHER:-0}" = 1 ] && echo server-javalin/bin/quilt-mcp-server || echo java -jar server-javalin/target/quilt-mcp-server.jar) > /tmp/load-mcp.log 2>&1 &
MCP_PID=$!
java -cp "$BENCH" com.quiltdata.mcp.benchmarks.BareJavalinServer $BARE_PORT > /tmp/load-bare.log 2>&1 &
BARE_PID=$!
trap 'kill $MCP_PID $BARE_PID 2>/dev/null || true' EXIT
for _ in $(seq 1 100); do
  curl -sf "http://127.0.0.1:$MCP_PORT/healthz" > /dev/null && break
  sleep 0.2
done

export LOAD_TOKEN=$(java -cp "$BENCH" com.quiltdata.mcp.benchmarks.MintToken)
echo "token length: ${#LOAD_TOKEN}"
LOAD_SESSION=$(curl -s -D - -o /dev/null "http://127.0.0.1:$MCP_PORT/mcp" \
  -H 'Content-Type: application/json' -H 'Accept: application/json, text/event-stream' \
  -H "Authorization: Bearer $LOAD_TOKEN" \
  -d '{"jsonrpc":"2.0","id":0,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"load","version":"1"}}}' \
  | tr -d '\r' | awk -F': ' 'tolower($1)=="mcp-session-id"{print $2}')
export LOAD_SESSION
[ -n "$LOAD_SESSION" ] || { echo "no session id"; exit 1; }

# Under this load the CPUs are saturated by request threads, so the JIT compiler threads get
# little CPU: after 15-25 s HttpParser.parseFields and BearerHeaderSyntax.parse still run
# uncompiled in some runs. A shorter warm-up measures the interpreter, not the server.
WARMUP=${WARMUP:-45}
echo "== quilt-mcp tools/call auth_status (warm-up ${WARMUP} s, then ${DURATION} s)"
warm() { if [ "${REPORT_WARMUP:-0}" = 1 ]; then grep -E 'RESULT|Non-2xx' | sed 's/^/warm-up: /'; else cat > /dev/null; fi; }
wrk -t2 -c32 -d${WARMUP}s --latency -s benchmarks/load/mcp-call.lua "http://127.0.0.1:$MCP_PORT/mcp" | warm
wrk -t2 -c32 -d${DURATION}s --latency -s benchmarks/load/mcp-call.lua "http://127.0.0.1:$MCP_PORT/mcp" | grep -E 'RESULT|Non-2xx'
[ "${SKIP_BARE:-0}" = 1 ] && exit 0
echo "== bare Javalin constant (warm-up ${WARMUP} s, then ${DURATION} s)"
LOAD_SESSION= wrk -t2 -c32 -d${WARMUP}s --latency -s benchmarks/load/mcp-call.lua "http://127.0.0.1:$BARE_PORT/mcp" | warm
LOAD_SESSION= wrk -t2 -c32 -d${DURATION}s --latency -s benchmarks/load/mcp-call.lua "http://127.0.0.1:$BARE_PORT/mcp" | grep -E 'RESULT|Non-2xx'
