#!/usr/bin/env bash
# Start-up benchmark of issue 16: time from starting the process to the first 200 of GET /healthz
# (HTTP server) and to the first answer to `initialize` (stdio server), each started by its
# shipped launcher (with the start-up archive) and by plain `java -jar`, RUNS times each in turn;
# prints every run and the median in milliseconds. Loopback only; every wait is bounded.
# Usage: [RUNS=7] benchmarks/startup/run-startup.sh   (from the project root, after
#        ./mvnw -B -q -DskipTests install; needs bash, nothing else beyond the JDK)
# Another JVM: JAVA_HOME=... QUILT_MCP_SERVER_JAR=copy/quilt-mcp-server.jar
#   QUILT_MCP_STDIO_JAR=copy/quilt-mcp-stdio.jar, after running each launcher's
#   --write-startup-archive with that JAVA_HOME and jar (an archive matches one JVM build).
set -euo pipefail
cd "$(dirname "$0")/../.."
RUNS=${RUNS:-7}
PORT=${STARTUP_PORT:-18090}
# the launchers honour these too: another JVM needs jars whose archives that JVM wrote
HTTP_JAR=${QUILT_MCP_SERVER_JAR:-server-javalin/target/quilt-mcp-server.jar}
STDIO_JAR=${QUILT_MCP_STDIO_JAR:-server-stdio/target/quilt-mcp-stdio.jar}
JAVA=${JAVA_HOME:+$JAVA_HOME/bin/}java
for f in "$HTTP_JAR" "$STDIO_JAR"; do
  [ -f "$f" ] || { echo "missing $f: run ./mvnw -B -q -DskipTests install first" >&2; exit 2; }
done
[ -f "${HTTP_JAR%.jar}.jsa" ] || [ -f "${HTTP_JAR%.jar}.aot" ] || echo "note: no ${HTTP_JAR%.jar}.jsa or .aot, the launcher runs without an archive" >&2
[ -f "${STDIO_JAR%.jar}.jsa" ] || [ -f "${STDIO_JAR%.jar}.aot" ] || echo "note: no ${STDIO_JAR%.jar}.jsa or .aot, the launcher runs without an archive" >&2
LOG=$(mktemp -d)
trap 'rm -rf "$LOG"' EXIT
SECRET="startup-bench-$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')"
INIT='{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"startup-bench","version":"1"}}}'

now_ms() { date +%s%3N; }

# true when GET /healthz answers 200 now (bash's /dev/tcp: no process started per poll)
healthz_ok() {
  local line
  { exec 3<>"/dev/tcp/127.0.0.1/$PORT"; } 2>/dev/null || return 1
  printf 'GET /healthz HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n' >&3
  IFS= read -r -t 5 line <&3 || line=
  exec 3<&- 3>&-
  [[ "$line" == "HTTP/1.1 200"* ]]
}

# one HTTP start: prints the milliseconds to the first 200 of /healthz (at most 30 s)
http_once() {
  local t0 t1 pid deadline
  t0=$(now_ms)
  MCP_JWT_SECRET="$SECRET" QUILT_REGISTRY_URL=http://127.0.0.1:9 MCP_PORT=$PORT "$@" > "$LOG/http.log" 2>&1 &
  pid=$!
  deadline=$((t0 + 30000))
  until healthz_ok; do
    if [ "$(now_ms)" -gt "$deadline" ] || ! kill -0 "$pid" 2>/dev/null; then
      kill "$pid" 2>/dev/null || true
      wait "$pid" 2>/dev/null || true
      echo "HTTP server not healthy within 30 s; log:" >&2
      tail -5 "$LOG/http.log" >&2
      exit 1
    fi
    sleep 0.005
  done
  t1=$(now_ms)
  kill "$pid"
  wait "$pid" 2>/dev/null || true
  echo $((t1 - t0))
}

# one stdio start: prints the milliseconds to the first line the server writes (its answer to
# initialize), then closes its input so that it exits
stdio_once() {
  local t0 t1 pid line
  rm -f "$LOG/in" "$LOG/out"
  mkfifo "$LOG/in" "$LOG/out"
  t0=$(now_ms)
  "$@" < "$LOG/in" > "$LOG/out" 2> "$LOG/stdio.log" &
  pid=$!
  exec 4>"$LOG/in" 5<"$LOG/out"
  printf '%s\n' "$INIT" >&4
  if ! IFS= read -r -t 30 line <&5; then
    echo "stdio server did not answer within 30 s; log:" >&2
    tail -5 "$LOG/stdio.log" >&2
    exit 1
  fi
  t1=$(now_ms)
  exec 4>&- 5<&-
  wait "$pid" 2>/dev/null || true
  [[ "$line" == *'"protocolVersion"'* ]] || { echo "unexpected answer: ${line:0:200}" >&2; exit 1; }
  echo $((t1 - t0))
}

median() { sort -n | awk '{v[NR]=$1} END {print (NR%2 ? v[(NR+1)/2] : (v[NR/2]+v[NR/2+1])/2)}'; }

bench() {
  local name=$1 kind=$2
  shift 2
  local all=() ms
  for _ in $(seq 1 "$RUNS"); do
    ms=$("${kind}_once" "$@")
    all+=("$ms")
  done
  printf '%-44s median %5s ms   runs: %s\n' "$name" "$(printf '%s\n' "${all[@]}" | median)" "${all[*]}"
}

echo "java: $("$JAVA" -version 2>&1 | head -1); runs: $RUNS; load average: $(cut -d' ' -f1-3 /proc/loadavg)"
# one untimed start of each, so that the first timed run does not pay for cold file caches
http_once sh server-javalin/bin/quilt-mcp-server > /dev/null
stdio_once sh server-stdio/bin/quilt-mcp-stdio > /dev/null
bench "HTTP  /healthz 200, launcher" http sh server-javalin/bin/quilt-mcp-server
bench "HTTP  /healthz 200, java -jar" http "$JAVA" -jar "$HTTP_JAR"
bench "stdio initialize answer, launcher" stdio sh server-stdio/bin/quilt-mcp-stdio
bench "stdio initialize answer, java -jar" stdio "$JAVA" -jar "$STDIO_JAR"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
