/**
 * Forwarding of browser requests under /api/ to the API process, so the browser talks to one origin
 * (session cookies stay first-party, no CORS). Pure of SvelteKit's $env so it can be tested directly.
 */

/** Headers that describe one connection, not the message (RFC 9110 §7.6.1), plus proxy-only ones. */
const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-authenticate',
  'proxy-authorization',
  'proxy-connection',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
]);

/** True for the paths the API owns. */
export function isApiPath(pathname: string): boolean {
  return pathname === '/api' || pathname.startsWith('/api/');
}

/** Hop-by-hop names, including any the sender listed in its own Connection header. */
function hopByHopNames(headers: Headers): Set<string> {
  const names = new Set(HOP_BY_HOP);
  for (const token of (headers.get('connection') ?? '').split(',')) {
    const name = token.trim().toLowerCase();
    if (name) names.add(name);
  }
  return names;
}

/** Where a proxied request came from, as the web server saw it. */
export interface ForwardedFor {
  /** The browser's address (SvelteKit's getClientAddress, which already applies XFF_DEPTH etc.). */
  clientAddress: string;
  /** The URL the browser asked for; gives X-Forwarded-Host / -Proto. */
  url: URL;
}

/**
 * Headers to send upstream: everything end-to-end (cookie, authorization, content-type, origin …) minus
 * hop-by-hop ones and `host` (the fetch sets the API's own). X-Forwarded-* are replaced, never appended,
 * so a browser cannot spoof its address to the API's rate limits.
 */
export function forwardRequestHeaders(incoming: Headers, from: ForwardedFor): Headers {
  const drop = hopByHopNames(incoming);
  const headers = new Headers();
  for (const [name, value] of incoming) {
    // `expect: 100-continue` is a hop-level negotiation that Node's fetch refuses outright.
    if (drop.has(name) || name === 'host' || name === 'expect' || name.startsWith('x-forwarded-')) continue;
    headers.append(name, value);
  }
  // Node's fetch would otherwise ask for gzip and decode it, leaving a lying Content-Encoding behind.
  headers.set('accept-encoding', 'identity');
  headers.set('x-forwarded-for', from.clientAddress);
  headers.set('x-forwarded-host', from.url.host);
  headers.set('x-forwarded-proto', from.url.protocol.replace(/:$/, ''));
  return headers;
}

/**
 * Headers to hand back to the browser: the API's own minus hop-by-hop ones. Every Set-Cookie is kept as
 * a separate header. When the body arrived encoded, fetch has already decoded it, so the encoding and
 * length no longer describe what we send and are dropped.
 */
export function forwardResponseHeaders(upstream: Headers): Headers {
  const drop = hopByHopNames(upstream);
  if (upstream.has('content-encoding')) {
    drop.add('content-encoding');
    drop.add('content-length');
  }
  const headers = new Headers();
  for (const [name, value] of upstream) {
    if (name === 'set-cookie' || drop.has(name)) continue;
    headers.append(name, value);
  }
  for (const cookie of upstream.getSetCookie()) headers.append('set-cookie', cookie);
  return headers;
}

/** The JSON the browser gets when the API process does not answer; same shape as the API's own errors. */
export function apiUnavailableResponse(): Response {
  return Response.json(
    { error: 'dependency_unavailable', message: 'API 服务暂时无法连接，请稍后重试' },
    { status: 502, headers: { 'cache-control': 'no-store' } },
  );
}

/**
 * Sends `request` to the same path and query on `apiUrl`, streaming the body both ways, and returns the
 * API's status, headers and body. Redirects are passed through, not followed.
 */
export async function proxyToApi(
  request: Request,
  target: ForwardedFor & { apiUrl: string },
  fetchImpl: typeof fetch = fetch,
): Promise<Response> {
  const upstreamUrl = `${target.apiUrl.replace(/\/+$/, '')}${target.url.pathname}${target.url.search}`;
  const hasBody = request.method !== 'GET' && request.method !== 'HEAD' && request.body !== null;
  // `duplex` is required by Node's fetch for a streamed body but missing from the DOM typings.
  const init: RequestInit & { duplex?: 'half' } = {
    method: request.method,
    headers: forwardRequestHeaders(request.headers, target),
    body: hasBody ? request.body : null,
    redirect: 'manual',
    signal: request.signal,
  };
  if (hasBody) init.duplex = 'half';

  let upstream: Response;
  try {
    upstream = await fetchImpl(upstreamUrl, init);
  } catch (error) {
    if (request.signal.aborted) throw error;
    return apiUnavailableResponse();
  }
  return new Response(upstream.body, {
    status: upstream.status,
    statusText: upstream.statusText,
    headers: forwardResponseHeaders(upstream.headers),
  });
}
