// Drives quilt-mcp with the official TypeScript SDK client, the way an MCP host would:
// connect, list tools, call auth_status and the diagnostics tools, check who the server says we
// are, end the session.
//
//   node sdk-client.mjs http  <url>      --expect-subject <sub>   (token in MCP_BEARER_TOKEN)
//   node sdk-client.mjs stdio <jar-path> --expect-subject <sub>   (QUILT_ACCESS_TOKEN and
//                                                                   MCP_JWT_SECRET are handed to
//                                                                   the server process)
//
// Prints one JSON line with what it saw and exits 0 when everything matched, 1 on any mismatch or
// error (the reason goes to stderr), 2 on bad usage. Secrets are read from the environment, never
// from argv, and never printed.

import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';

const REQUEST_TIMEOUT_MS = 20_000;
const OVERALL_TIMEOUT_MS = 50_000;
const STDERR_TAIL_CHARS = 4_000;

function usage(message) {
  process.stderr.write(`sdk-client: ${message}\n`);
  process.stderr.write(
    'usage: node sdk-client.mjs (http <url> | stdio <jar>) --expect-subject <subject>\n',
  );
  process.exit(2);
}

function parseArgs(argv) {
  const [mode, target, ...rest] = argv;
  if (mode !== 'http' && mode !== 'stdio') usage('first argument must be http or stdio');
  if (!target) usage(`missing ${mode === 'http' ? 'url' : 'jar path'}`);
  let expectSubject;
  for (let i = 0; i < rest.length; i++) {
    if (rest[i] === '--expect-subject' && i + 1 < rest.length) expectSubject = rest[++i];
    else usage(`unexpected argument ${JSON.stringify(rest[i])}`);
  }
  if (!expectSubject) usage('--expect-subject is required');
  return { mode, target, expectSubject };
}

function requireEnv(name) {
  const value = process.env[name];
  if (!value) usage(`environment variable ${name} must be set`);
  return value;
}

/** Keeps the last few thousand characters of the server's stderr for failure reports. */
function tailCollector(stream) {
  let tail = '';
  stream?.setEncoding('utf8');
  stream?.on('data', (chunk) => {
    tail = (tail + chunk).slice(-STDERR_TAIL_CHARS);
  });
  return () => tail;
}

function processGone(pid) {
  try {
    process.kill(pid, 0);
    return false;
  } catch (e) {
    return e.code === 'ESRCH';
  }
}

async function run({ mode, target, expectSubject }) {
  const seen = { transport: mode };
  const mismatches = [];
  const client = new Client({ name: 'quilt-mcp-interop-sdk-client', version: '1.0.0' });
  let transport;
  let serverStderr = () => '';

  if (mode === 'http') {
    const token = requireEnv('MCP_BEARER_TOKEN');
    transport = new StreamableHTTPClientTransport(new URL(target), {
      requestInit: { headers: { Authorization: `Bearer ${token}` } },
    });
  } else {
    const env = { QUILT_ACCESS_TOKEN: requireEnv('QUILT_ACCESS_TOKEN') };
    env.MCP_JWT_SECRET = requireEnv('MCP_JWT_SECRET');
    if (process.env.JAVA_HOME) env.JAVA_HOME = process.env.JAVA_HOME;
    transport = new StdioClientTransport({
      command: process.env.JAVA_BIN || 'java',
      args: ['-jar', target],
      env,
      stderr: 'pipe',
    });
    serverStderr = tailCollector(transport.stderr);
  }

  try {
    await client.connect(transport, { timeout: REQUEST_TIMEOUT_MS });
    seen.serverInfo = client.getServerVersion();
    seen.protocolVersion = mode === 'http' ? transport.protocolVersion : undefined;
    seen.capabilities = client.getServerCapabilities();
    if (mode === 'http') {
      seen.sessionIdIssued = typeof transport.sessionId === 'string' && transport.sessionId !== '';
    }
    if (!seen.capabilities?.tools) mismatches.push('server does not announce the tools capability');

    const tools = [];
    let cursor;
    do {
      const page = await client.listTools(cursor ? { cursor } : {}, { timeout: REQUEST_TIMEOUT_MS });
      tools.push(...page.tools);
      cursor = page.nextCursor;
    } while (cursor && tools.length < 10_000);
    seen.tools = tools.map((t) => t.name);
    const authStatus = tools.find((t) => t.name === 'auth_status');
    if (!authStatus) mismatches.push('tools/list has no auth_status tool');

    // The SDK validates structuredContent against the tool's outputSchema from tools/list.
    const result = await client.callTool({ name: 'auth_status', arguments: {} }, undefined, {
      timeout: REQUEST_TIMEOUT_MS,
    });
    const structured = result.structuredContent ?? {};
    seen.authStatus = {
      isError: result.isError === true,
      subject: structured.subject,
      authenticated: structured.authenticated,
      tokenKind: structured.token_kind,
      origin: structured.origin,
      contentTypes: (result.content ?? []).map((c) => c.type),
    };
    if (result.isError === true) mismatches.push('auth_status returned isError');
    if (structured.subject !== expectSubject) {
      mismatches.push(
        `auth_status subject ${JSON.stringify(structured.subject)} != ${JSON.stringify(expectSubject)}`,
      );
    }
    if (structured.authenticated !== true) mismatches.push('auth_status says not authenticated');

    // The diagnostics tools: again the SDK checks each structuredContent against its outputSchema.
    seen.diagnostics = {};
    for (const name of ['jwt_diagnostics', 'validate_jwt_token', 'session_diagnostics']) {
      if (!tools.some((t) => t.name === name)) {
        mismatches.push(`tools/list has no ${name} tool`);
        continue;
      }
      const r = await client.callTool({ name, arguments: {} }, undefined, {
        timeout: REQUEST_TIMEOUT_MS,
      });
      const s = r.structuredContent ?? {};
      seen.diagnostics[name] = { isError: r.isError === true };
      if (r.isError === true) mismatches.push(`${name} returned isError`);
      if (name === 'jwt_diagnostics' && s.subject !== expectSubject) {
        mismatches.push(`jwt_diagnostics subject ${JSON.stringify(s.subject)} != expected`);
      }
      if (name === 'validate_jwt_token') {
        seen.diagnostics[name].verdict = s.verdict?.status;
        if (s.verdict?.valid !== true) mismatches.push(`validate_jwt_token: ${s.verdict?.reason}`);
      }
      if (name === 'session_diagnostics') {
        seen.diagnostics[name].sessionPresent = s.session?.present;
      }
    }

    if (mode === 'http') {
      const sessionId = transport.sessionId;
      await transport.terminateSession();
      seen.sessionTerminated = transport.sessionId === undefined;
      // A terminated session must be unknown to the server from now on (404, client re-initialises).
      if (sessionId) {
        const after = await fetch(target, {
          method: 'POST',
          headers: {
            Authorization: `Bearer ${process.env.MCP_BEARER_TOKEN}`,
            'Content-Type': 'application/json',
            Accept: 'application/json, text/event-stream',
            'Mcp-Session-Id': sessionId,
            'MCP-Protocol-Version': seen.protocolVersion,
          },
          body: JSON.stringify({ jsonrpc: '2.0', id: 99, method: 'tools/list', params: {} }),
        });
        await after.body?.cancel();
        seen.statusAfterTerminate = after.status;
        if (after.status !== 404) {
          mismatches.push(`request on the terminated session got HTTP ${after.status}, not 404`);
        }
      } else {
        mismatches.push('server issued no Mcp-Session-Id');
      }
      await client.close();
    } else {
      const pid = transport.pid;
      const started = Date.now();
      await client.close(); // ends the server's stdin; it must exit on its own
      seen.closeMillis = Date.now() - started;
      seen.serverExited = processGone(pid);
      // The SDK sends SIGTERM after 2 s; exiting before that means the server honoured EOF.
      seen.exitedOnEndOfInput = seen.serverExited && seen.closeMillis < 1_900;
      if (!seen.exitedOnEndOfInput) mismatches.push('server did not exit promptly at end of input');
    }
  } catch (e) {
    // StreamableHTTPError carries the HTTP status in `code`; McpError the JSON-RPC error code.
    const code = e?.code !== undefined ? ` (code ${e.code})` : '';
    mismatches.push(`${e?.name ?? 'Error'}${code}: ${e?.message ?? String(e)}`);
    try {
      await client.close();
    } catch {
      // already failing; the original error is the one to report
    }
  }

  seen.ok = mismatches.length === 0;
  seen.mismatches = mismatches;
  process.stdout.write(`${JSON.stringify(seen)}\n`);
  if (!seen.ok) {
    process.stderr.write(`sdk-client: ${mismatches.join('; ')}\n`);
    const tail = serverStderr();
    if (tail) process.stderr.write(`--- server stderr (tail) ---\n${tail}\n`);
  }
  return seen.ok ? 0 : 1;
}

const watchdog = setTimeout(() => {
  process.stderr.write(`sdk-client: gave up after ${OVERALL_TIMEOUT_MS} ms\n`);
  process.exit(1);
}, OVERALL_TIMEOUT_MS);
watchdog.unref();

const code = await run(parseArgs(process.argv.slice(2)));
process.exit(code);
