// Drives quilt-mcp's streaming with the official TypeScript SDK client: a call that reports
// progress (notifications/progress reach the client while it runs), then a long call cancelled
// mid-way (AbortSignal: the SDK sends notifications/cancelled), and a check that the server
// really stopped working on it (test_slow_report says cancelled, and its step count stays put).
//
//   node streaming-client.mjs http  <url>   (token in MCP_BEARER_TOKEN)
//   node streaming-client.mjs stdio <jar>   (QUILT_ACCESS_TOKEN and MCP_JWT_SECRET for the server)
//   node streaming-client.mjs http  <front-url> --report-from <url>,<url>,...
//       behind a round-robin front: the cancellation lands on another replica than the call, and
//       test_slow_report is per replica, so step 3 asks every replica directly (a client of its
//       own on each of these URLs, in the front's replica order) while this client stays
//       connected: the replica that ran the call (the front's X-Front-Replica) must report it
//       cancelled, no replica may still be running one, and the notifications/cancelled must have
//       been served by another replica than the call.
//
// The server must serve the conformance test tools (MCP_TEST_TOOLS=conformance). Prints one JSON
// line with what it saw; exits 0 when everything matched, 1 otherwise, 2 on bad usage.

import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';

const REQUEST_TIMEOUT_MS = 60_000;

function usage(message) {
  process.stderr.write(`streaming-client: ${message}\n`);
  process.stderr.write('usage: node streaming-client.mjs (http <url> [--report-from <url>,...] | stdio <jar>)\n');
  process.exit(2);
}

function requireEnv(name) {
  const value = process.env[name];
  if (!value) usage(`environment variable ${name} must be set`);
  return value;
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function report(client) {
  const r = await client.callTool({ name: 'test_slow_report', arguments: {} }, undefined, {
    timeout: REQUEST_TIMEOUT_MS,
  });
  return JSON.parse(r.content[0].text);
}

function httpTransport(url, fetch) {
  return new StreamableHTTPClientTransport(new URL(url), {
    requestInit: { headers: { Authorization: `Bearer ${requireEnv('MCP_BEARER_TOKEN')}` } },
    fetch,
  });
}

// Records which replica (the front's X-Front-Replica header) served the slow call and its
// cancellation.
function frontRecorder(servedBy) {
  return async (url, init) => {
    const response = await fetch(url, init);
    const body = typeof init?.body === 'string' ? init.body : '';
    const replica = response.headers.get('x-front-replica');
    if (replica !== null && body.includes('test_slow_operation')) servedBy.call = Number(replica);
    if (replica !== null && body.includes('notifications/cancelled')) servedBy.cancel = Number(replica);
    return response;
  };
}

// test_slow_report of every replica, each asked directly by a client of its own.
async function reportsFrom(urls) {
  const reports = [];
  for (const url of urls) {
    const direct = new Client({ name: 'quilt-mcp-interop-report', version: '1.0.0' });
    await direct.connect(httpTransport(url), { timeout: REQUEST_TIMEOUT_MS });
    reports.push(await report(direct));
    await direct.close();
  }
  return reports;
}

async function run(mode, target, reportUrls) {
  const seen = { transport: mode };
  const mismatches = [];
  const servedBy = {};
  const client = new Client({ name: 'quilt-mcp-interop-streaming', version: '1.0.0' });
  let transport;
  if (mode === 'http') {
    transport = httpTransport(target, reportUrls ? frontRecorder(servedBy) : undefined);
  } else {
    const env = {
      QUILT_ACCESS_TOKEN: requireEnv('QUILT_ACCESS_TOKEN'),
      MCP_JWT_SECRET: requireEnv('MCP_JWT_SECRET'),
      MCP_TEST_TOOLS: 'conformance',
    };
    transport = new StdioClientTransport({
      command: process.env.JAVA_BIN || 'java',
      args: ['-jar', target],
      env,
      stderr: 'inherit',
    });
  }
  try {
    await client.connect(transport, { timeout: REQUEST_TIMEOUT_MS });
    seen.logging = client.getServerCapabilities()?.logging !== undefined;
    if (!seen.logging) mismatches.push('server does not announce the logging capability');

    // 1. Progress while a call runs.
    const progress = [];
    const done = await client.callTool(
      { name: 'test_tool_with_progress', arguments: {} },
      undefined,
      { timeout: REQUEST_TIMEOUT_MS, onprogress: (p) => progress.push(p) },
    );
    seen.progress = progress.map((p) => p.progress);
    seen.progressResult = done.content?.[0]?.text;
    if (progress.length < 3) mismatches.push(`expected 3 progress notifications, got ${progress.length}`);
    for (let i = 1; i < progress.length; i++) {
      if (!(progress[i].progress > progress[i - 1].progress)) mismatches.push('progress went backwards');
    }

    // 2. A long call cancelled mid-way.
    const controller = new AbortController();
    let slowProgress = 0;
    const started = Date.now();
    let outcome;
    try {
      await client.callTool(
        { name: 'test_slow_operation', arguments: { seconds: 30 } },
        undefined,
        {
          timeout: REQUEST_TIMEOUT_MS,
          signal: controller.signal,
          onprogress: () => {
            slowProgress++;
            if (slowProgress === 3) controller.abort('the user changed their mind');
          },
        },
      );
      outcome = 'completed';
    } catch (e) {
      outcome = controller.signal.aborted ? 'aborted' : `failed: ${e?.message ?? e}`;
    }
    seen.slowOutcome = outcome;
    seen.progressBeforeCancel = slowProgress;
    seen.cancelAfterMillis = Date.now() - started;
    if (outcome !== 'aborted') mismatches.push(`the slow call was not aborted: ${outcome}`);

    // 3. The server stopped: the report says cancelled, and no more steps happen.
    await sleep(500);
    if (reportUrls) {
      seen.callServedBy = servedBy.call;
      seen.cancelServedBy = servedBy.cancel;
      if (servedBy.call === undefined || servedBy.cancel === undefined) {
        mismatches.push('the front did not name the replicas of the call and its cancellation');
      } else if (servedBy.call === servedBy.cancel) {
        mismatches.push('the cancellation landed on the replica of the call: nothing was relayed');
      }
      const firsts = await reportsFrom(reportUrls);
      await sleep(1_000);
      const seconds = await reportsFrom(reportUrls);
      seen.replicaReports = firsts;
      const running = firsts.filter((r) => r.state === 'running').length;
      if (running > 0) mismatches.push(`${running} replica(s) still running the slow call`);
      checkStopped(firsts[servedBy.call] ?? { state: 'unknown' }, seconds[servedBy.call] ?? {}, mismatches);
      seen.serverReport = firsts[servedBy.call];
      seen.stepsAfterASecond = seconds[servedBy.call]?.steps;
    } else {
      const first = await report(client);
      await sleep(1_000);
      const second = await report(client);
      seen.serverReport = first;
      seen.stepsAfterASecond = second.steps;
      checkStopped(first, second, mismatches);
    }

    await client.close();
  } catch (e) {
    mismatches.push(`${e?.name ?? 'Error'}: ${e?.message ?? String(e)}`);
    try {
      await client.close();
    } catch {
      // already closed
    }
  }
  finish(seen, mismatches);
}

function checkStopped(first, second, mismatches) {
  if (first.state !== 'cancelled') mismatches.push(`server state ${first.state}, not cancelled`);
  if (!(first.steps < first.planned)) mismatches.push('server ran every step');
  if (second.steps !== first.steps) mismatches.push('server kept working after the cancellation');
}

function finish(seen, mismatches) {
  seen.ok = mismatches.length === 0;
  seen.mismatches = mismatches;
  process.stdout.write(`${JSON.stringify(seen)}\n`);
  process.exit(seen.ok ? 0 : 1);
}

const [mode, target, ...flags] = process.argv.slice(2);
if (mode !== 'http' && mode !== 'stdio') usage('first argument must be http or stdio');
if (!target) usage('missing target');
let reportUrls;
if (flags.length === 2 && flags[0] === '--report-from' && mode === 'http') {
  reportUrls = flags[1].split(',');
} else if (flags.length > 0) {
  usage(`unexpected argument ${JSON.stringify(flags[0])}`);
}
run(mode, target, reportUrls);
