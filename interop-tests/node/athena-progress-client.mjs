// Runs one slow Athena query through quilt-mcp with the official TypeScript SDK client over
// Streamable HTTP, asking for progress (the SDK sends a progressToken when onprogress is given),
// and reports what reached the client: every progress notification, then the final result.
//
//   node athena-progress-client.mjs <mcp-url> <sql>        (token in MCP_BEARER_TOKEN)
//
// Prints one JSON line {progress: [{progress, message}], result: {isError, structured}, ok,
// mismatches}; exits 0 when the call returned a result that is not an error, 1 otherwise, 2 on bad
// usage. The assertions on the numbers are the Java test's.

import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';

const REQUEST_TIMEOUT_MS = 60_000;

function usage(message) {
  process.stderr.write(`athena-progress-client: ${message}\n`);
  process.stderr.write('usage: node athena-progress-client.mjs <mcp-url> <sql>\n');
  process.exit(2);
}

const [url, sql] = process.argv.slice(2);
if (!url || !sql) usage('the MCP url and the SQL are required');
const token = process.env.MCP_BEARER_TOKEN;
if (!token) usage('environment variable MCP_BEARER_TOKEN must be set');

const seen = { progress: [] };
const mismatches = [];
const client = new Client({ name: 'quilt-mcp-interop-athena', version: '1.0.0' });
const transport = new StreamableHTTPClientTransport(new URL(url), {
  requestInit: { headers: { Authorization: `Bearer ${token}` } },
});
try {
  await client.connect(transport, { timeout: REQUEST_TIMEOUT_MS });
  const result = await client.callTool(
    { name: 'athena_query_execute', arguments: { query: sql } },
    undefined,
    {
      timeout: REQUEST_TIMEOUT_MS,
      onprogress: (p) => seen.progress.push({ progress: p.progress, message: p.message ?? null }),
    },
  );
  seen.result = { isError: result.isError === true, structured: result.structuredContent ?? null };
  if (result.isError === true) mismatches.push(`isError: ${JSON.stringify(result.content)}`);
  await client.close();
} catch (e) {
  mismatches.push(`${e?.name ?? 'Error'}: ${e?.message ?? String(e)}`);
  try {
    await client.close();
  } catch {
    // already failing
  }
}
seen.ok = mismatches.length === 0;
seen.mismatches = mismatches;
process.stdout.write(`${JSON.stringify(seen)}\n`);
process.exit(seen.ok ? 0 : 1);
