// Preload (`node --import ./auth-fetch.mjs ...`) that adds `Authorization: Bearer $MCP_BEARER_TOKEN`
// to every HTTP request a tool makes to a loopback address. The conformance CLI has no option for
// an Authorization header, and quilt-mcp answers 401 without one.
//
// Two layers, because the suite uses two HTTP stacks:
//  - globalThis.fetch, used by the MCP SDK transport and most scenarios;
//  - undici's request(), which bypasses fetch (the dns-rebinding-protection scenario uses it).
//    It goes through undici's global dispatcher, so an interceptor there covers it.
// Both add the header only when the request does not carry one already, and only for
// 127.0.0.1 / localhost / [::1]: the token never leaves the machine.

import { Agent, setGlobalDispatcher } from 'undici';

const token = process.env.MCP_BEARER_TOKEN;
if (!token) {
  throw new Error('auth-fetch.mjs: MCP_BEARER_TOKEN is not set; refusing to run without a token');
}
const authorization = `Bearer ${token}`;
const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);

function isLoopback(url) {
  try {
    return LOOPBACK_HOSTS.has(new URL(String(url)).hostname.toLowerCase());
  } catch {
    return false;
  }
}

// --- fetch -----------------------------------------------------------------------------------

const originalFetch = globalThis.fetch;

globalThis.fetch = function fetchWithBearer(input, init) {
  const url = input instanceof Request ? input.url : input instanceof URL ? input.href : input;
  if (!isLoopback(url)) {
    return originalFetch(input, init);
  }
  const source = init?.headers ?? (input instanceof Request ? input.headers : undefined);
  const headers = new Headers(source);
  if (!headers.has('authorization')) {
    headers.set('authorization', authorization);
  }
  return originalFetch(input, { ...init, headers });
};

// --- undici request() ------------------------------------------------------------------------

function hasAuthorization(names) {
  for (const name of names) {
    if (String(name).toLowerCase() === 'authorization') return true;
  }
  return false;
}

/** Returns the dispatch headers with an Authorization header added, in the shape they came in. */
function withAuthorization(headers) {
  if (headers == null) {
    return { authorization };
  }
  if (Array.isArray(headers)) {
    if (headers.length > 0 && Array.isArray(headers[0])) {
      // [[name, value], ...]
      return hasAuthorization(headers.map(([name]) => name))
        ? headers
        : [...headers, ['authorization', authorization]];
    }
    // [name, value, name, value, ...]
    const names = headers.filter((_, i) => i % 2 === 0);
    return hasAuthorization(names) ? headers : [...headers, 'authorization', authorization];
  }
  if (typeof headers[Symbol.iterator] === 'function') {
    // Headers, Map, or another iterable of [name, value] pairs
    const object = {};
    for (const [name, value] of headers) object[name] = value;
    return withAuthorization(object);
  }
  return hasAuthorization(Object.keys(headers)) ? headers : { ...headers, authorization };
}

const addBearer = (dispatch) => (opts, handler) =>
  isLoopback(opts.origin)
    ? dispatch({ ...opts, headers: withAuthorization(opts.headers) }, handler)
    : dispatch(opts, handler);

setGlobalDispatcher(new Agent().compose(addBearer));
