import type { RequestHandler } from 'express';
import { AppError } from '../errors';
import type { RouteSpec } from './route';

/**
 * The methods the API serves at all. HEAD comes with every GET and OPTIONS with every path (Express answers
 * both itself); anything else (TRACE, CONNECT, WebDAV verbs…) is refused everywhere.
 */
const servedMethods = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'] as const;
const served = new Set<string>(servedMethods);

interface KnownPath {
  pattern: RegExp;
  allow: string[];
}

/** `/api/patents/:id` → a regex matching one non-empty segment per parameter, as Express does. */
function pathPattern(path: string): RegExp {
  const source = path
    .split('/')
    .map((segment) => (segment.startsWith(':') ? '[^/]+' : segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
    .join('/');
  // Express (router 2) ignores one trailing slash and matches case-insensitively by default.
  return new RegExp(`^${source}/?$`, 'i');
}

/** The methods of each path, from the route list (HEAD added beside GET, OPTIONS everywhere). */
function knownPaths(routes: RouteSpec[]): KnownPath[] {
  const byPath = new Map<string, Set<string>>();
  for (const spec of routes) {
    const methods = byPath.get(spec.path) ?? new Set<string>();
    methods.add(spec.method.toUpperCase());
    if (spec.method === 'get') methods.add('HEAD');
    methods.add('OPTIONS');
    byPath.set(spec.path, methods);
  }
  return [...byPath].map(([path, methods]) => ({
    pattern: pathPattern(path),
    allow: servedMethods.filter((method) => methods.has(method)),
  }));
}

/**
 * 405 with an `Allow` header, in the API's error shape, for a method the API never serves (TRACE, on any
 * path) and for a known path asked with a method it lacks (DELETE /api/auth/me). Mounted before the body
 * parsers, the session and the CSRF check: such a request is answered before it costs a session read, and
 * its answer (405, not 403 or 404) tells the client what is wrong.
 */
export function methodNotAllowed(routes: RouteSpec[]): RequestHandler {
  const paths = knownPaths(routes);
  return (req, res, next) => {
    const known = paths.find((candidate) => candidate.pattern.test(req.path));
    const allow = known?.allow ?? [...servedMethods];
    if (served.has(req.method) && allow.includes(req.method)) return next();
    // An unknown path asked with a served method is a 404, left to the not-found handler.
    if (!known && served.has(req.method)) return next();
    res.setHeader('Allow', allow.join(', '));
    next(new AppError(405, 'method_not_allowed', `不支持的请求方法 ${req.method}`));
  };
}
