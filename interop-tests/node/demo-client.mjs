// Drives the one-command demo (java -jar quilt-mcp-demo.jar --demo) with the official TypeScript
// SDK client, the way a newcomer following the printed banner would: connect with the printed
// token, list tools, call auth_status, the S3 tools on the sample bucket, browse the sample
// package the demo created at start-up, then query the sample table with Athena.
//
//   node demo-client.mjs <mcp-url> --bucket <bucket>      (token in MCP_BEARER_TOKEN)
//
// Prints one JSON line with what it saw and exits 0 when every call succeeded, 1 otherwise (the
// reasons go to stderr), 2 on bad usage. The token is read from the environment, never printed.

import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';

const REQUEST_TIMEOUT_MS = 20_000;
const OVERALL_TIMEOUT_MS = 50_000;
const TEXT_SAMPLE_CHARS = 2_000;

function usage(message) {
  process.stderr.write(`demo-client: ${message}\n`);
  process.stderr.write('usage: node demo-client.mjs <mcp-url> --bucket <bucket>\n');
  process.exit(2);
}

function parseArgs(argv) {
  const [url, ...rest] = argv;
  if (!url) usage('missing the MCP url');
  let bucket;
  for (let i = 0; i < rest.length; i++) {
    if (rest[i] === '--bucket' && i + 1 < rest.length) bucket = rest[++i];
    else usage(`unexpected argument ${JSON.stringify(rest[i])}`);
  }
  if (!bucket) usage('--bucket is required');
  const token = process.env.MCP_BEARER_TOKEN;
  if (!token) usage('environment variable MCP_BEARER_TOKEN must be set');
  return { url, bucket, token };
}

/** The text of a tool result: its text content blocks joined, bounded. */
function textOf(result) {
  return (result.content ?? [])
    .filter((c) => c.type === 'text')
    .map((c) => c.text)
    .join('\n')
    .slice(0, TEXT_SAMPLE_CHARS);
}

/** Calls a tool and records what came back; a thrown error or isError is a mismatch. */
async function call(client, seen, mismatches, name, args) {
  try {
    const result = await client.callTool({ name, arguments: args }, undefined, {
      timeout: REQUEST_TIMEOUT_MS,
    });
    seen[name] = {
      isError: result.isError === true,
      structured: result.structuredContent ?? null,
      text: textOf(result),
    };
    if (result.isError === true) mismatches.push(`${name} returned isError: ${textOf(result)}`);
  } catch (e) {
    const code = e?.code !== undefined ? ` (code ${e.code})` : '';
    seen[name] = { thrown: `${e?.name ?? 'Error'}${code}: ${e?.message ?? String(e)}` };
    mismatches.push(`${name} failed: ${seen[name].thrown}`);
  }
}

async function run({ url, bucket, token }) {
  const seen = {};
  const mismatches = [];
  const client = new Client({ name: 'quilt-mcp-demo-interop', version: '1.0.0' });
  const transport = new StreamableHTTPClientTransport(new URL(url), {
    requestInit: { headers: { Authorization: `Bearer ${token}` } },
  });
  try {
    await client.connect(transport, { timeout: REQUEST_TIMEOUT_MS });
    seen.serverInfo = client.getServerVersion();
    const tools = [];
    let cursor;
    do {
      const page = await client.listTools(cursor ? { cursor } : {}, { timeout: REQUEST_TIMEOUT_MS });
      tools.push(...page.tools);
      cursor = page.nextCursor;
    } while (cursor && tools.length < 10_000);
    seen.tools = tools.map((t) => t.name);

    await call(client, seen, mismatches, 'auth_status', {});
    await call(client, seen, mismatches, 'discover_buckets', {});
    await call(client, seen, mismatches, 'bucket_objects_list', { bucket });
    await call(client, seen, mismatches, 'bucket_object_text', {
      s3_uri: `s3://${bucket}/README.md`,
    });
    await call(client, seen, mismatches, 'package_browse', {
      package_name: 'demo/weather',
      registry: `s3://${bucket}`,
    });
    await call(client, seen, mismatches, 'athena_query_execute', {
      query: 'SELECT * FROM demo.readings LIMIT 5',
    });
    await transport.terminateSession();
    await client.close();
  } catch (e) {
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
  if (!seen.ok) process.stderr.write(`demo-client: ${mismatches.join('; ')}\n`);
  return seen.ok ? 0 : 1;
}

const watchdog = setTimeout(() => {
  process.stderr.write(`demo-client: gave up after ${OVERALL_TIMEOUT_MS} ms\n`);
  process.exit(1);
}, OVERALL_TIMEOUT_MS);
watchdog.unref();

const code = await run(parseArgs(process.argv.slice(2)));
process.exit(code);
