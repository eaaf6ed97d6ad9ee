-- wrk script: POST one tools/call per request with the bearer token and session from the
-- environment (set by run-load.sh). For the bare baseline the same request is sent.
wrk.method = "POST"
wrk.body = os.getenv("LOAD_BODY") or '{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"auth_status","arguments":{}}}'
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Accept"] = "application/json, text/event-stream"
wrk.headers["MCP-Protocol-Version"] = "2025-06-18"
wrk.headers["Authorization"] = "Bearer " .. os.getenv("LOAD_TOKEN")
local session = os.getenv("LOAD_SESSION")
if session and session ~= "" then
  wrk.headers["Mcp-Session-Id"] = session
end

done = function(summary, latency, requests)
  io.write(string.format("RESULT requests=%d errors_status=%d rps=%.0f p50_ms=%.2f p99_ms=%.2f\n",
    summary.requests, summary.errors.status, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(99) / 1000))
end
