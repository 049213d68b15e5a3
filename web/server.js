// The production web server: adapter-node's request handler (build/handler.js, made by `vite build`) in a
// Node HTTP server of our own, because adapter-node's build/index.js cannot do two things:
// - accept the API's 128 KB of headers: Node's default 16 KB answered a long search query with an
//   undocumented 431 before the API could say 400 query_too_long;
// - answer TRACE, CONNECT and other unsupported methods with 405: adapter-node's handler gives 400 (fetch's
//   Request refuses TRACE) and Node drops a CONNECT without a word.
// Reads HOST and PORT like build/index.js; ORIGIN, BODY_SIZE_LIMIT etc. are read by the handler itself.
import { createServer } from 'node:http';
import { handler } from './build/handler.js';

/** Methods the pages and the proxied API answer. */
const ALLOWED_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'];
/** The API's own header limit (api/src/app.ts). */
const MAX_HEADER_BYTES = 128 * 1024;
/** How long open requests may finish after SIGTERM/SIGINT before their connections are cut. */
const SHUTDOWN_GRACE_MS = 10_000;

/**
 * RFC 8058 one-click unsubscribe, the URL in the digest mail's List-Unsubscribe header: a mail provider
 * POSTs `List-Unsubscribe=One-Click` as a form, from its own servers, with no Origin and no cookie.
 * SvelteKit refuses every cross-site form POST (403) before the API proxy sees it; here the signed token
 * in the path is the whole authority (the API route is CSRF-exempt for that reason), so the check has
 * nothing to protect and is satisfied for this one path only.
 */
const ONE_CLICK_UNSUBSCRIBE = /^\/api\/digest\/unsubscribe\/[A-Za-z0-9_.-]+$/;

const host = process.env.HOST || '0.0.0.0';
const port = Number(process.env.PORT || 3000);

/** @param {string} method */
function notAllowed(method) {
  const body = `${method} is not allowed\n`;
  return {
    body,
    headers: {
      allow: ALLOWED_METHODS.join(', '),
      'content-type': 'text/plain; charset=utf-8',
      'content-length': String(Buffer.byteLength(body)),
      'x-content-type-options': 'nosniff',
      'cache-control': 'no-store',
    },
  };
}

const server = createServer({ maxHeaderSize: MAX_HEADER_BYTES }, (req, res) => {
  const method = req.method ?? '';
  if (!ALLOWED_METHODS.includes(method)) {
    const { body, headers } = notAllowed(method);
    res.writeHead(405, headers).end(method === 'HEAD' ? undefined : body);
    return;
  }
  if (method === 'POST' && ONE_CLICK_UNSUBSCRIBE.test(req.url ?? '')) {
    // Same-origin as far as SvelteKit's CSRF check is concerned: see ONE_CLICK_UNSUBSCRIBE.
    req.headers.origin = process.env.ORIGIN || `http://${req.headers.host}`;
  }
  handler(req, res, () => {
    // Only reached if no part of the handler answered; SvelteKit answers every path itself.
    res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('Not found\n');
  });
});

// CONNECT never reaches the request handler; without this listener Node closes the socket unanswered.
server.on('connect', (req, socket) => {
  const { body, headers } = notAllowed('CONNECT');
  const lines = Object.entries(headers).map(([name, value]) => `${name}: ${value}`);
  socket.end(`HTTP/1.1 405 Method Not Allowed\r\n${lines.join('\r\n')}\r\nconnection: close\r\n\r\n${body}`);
});

server.listen(port, host, () => console.log(`Listening on http://${host}:${port}`));

/** Stops accepting, lets open requests finish (cut after SHUTDOWN_GRACE_MS), then exits. */
function shutdown() {
  server.closeIdleConnections();
  server.close(() => process.exit(0));
  setTimeout(() => server.closeAllConnections(), SHUTDOWN_GRACE_MS).unref();
}
process.once('SIGTERM', shutdown);
process.once('SIGINT', shutdown);
