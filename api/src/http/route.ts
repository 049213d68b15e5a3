import type { OpenAPIRegistry, RouteConfig } from '@asteasolutions/zod-to-openapi';
import type { NextFunction, Request, RequestHandler, Response, Router } from 'express';
import { z } from 'zod';
import { badRequest } from '../errors';
import type { FieldError } from '../errors';

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';
type AnyObject = z.ZodType<Record<string, unknown>>;

/** The parsed, typed input a handler receives; raw `req.query`/`req.body` are never read by handlers. */
export interface RouteInput<P extends AnyObject, Q extends AnyObject, B extends z.ZodType> {
  params: z.output<P>;
  query: z.output<Q>;
  body: z.output<B>;
}

interface ResponseSpec {
  description: string;
  schema?: z.ZodType;
  /** Defaults to application/json. */
  contentType?: string;
}

/**
 * One API route: its HTTP shape (documented in OpenAPI from the same zod schemas that validate it),
 * the guards that run before validation (rate limit → auth → policy) and the handler.
 */
export interface RouteSpec<
  P extends AnyObject = AnyObject,
  Q extends AnyObject = AnyObject,
  B extends z.ZodType = z.ZodType,
> {
  method: Method;
  /** Express-style path, e.g. `/api/patents/:id`. */
  path: string;
  summary: string;
  tags: string[];
  request?: { params?: P; query?: Q; body?: B };
  responses: Record<number, ResponseSpec>;
  guards?: RequestHandler[];
  handler: (input: RouteInput<P, Q, B>, req: Request, res: Response) => Promise<void> | void;
}

/** Keeps a route's generic parameters when it is put into a list of routes. */
export function route<P extends AnyObject, Q extends AnyObject, B extends z.ZodType>(
  spec: RouteSpec<P, Q, B>,
): RouteSpec {
  return spec as unknown as RouteSpec;
}

/** Turns every zod issue into a field error whose path starts with the request part (`query.size`). */
export function toFieldErrors(part: string, error: z.ZodError): FieldError[] {
  return error.issues.map((issue) => ({
    path: [part, ...issue.path.map(String)].join('.'),
    message: issue.message,
  }));
}

/** Parses params, query and body with the route's schemas; any failure is one 400 listing every issue. */
export function validate(request: RouteSpec['request']): RequestHandler {
  return (req: Request, _res: Response, next: NextFunction) => {
    const input: Record<string, unknown> = { params: {}, query: {}, body: undefined };
    const fieldErrors: FieldError[] = [];
    for (const part of ['params', 'query', 'body'] as const) {
      const schema = request?.[part];
      if (!schema) continue;
      const parsed = schema.safeParse(req[part] ?? {});
      if (parsed.success) input[part] = parsed.data;
      else fieldErrors.push(...toFieldErrors(part, parsed.error));
    }
    if (fieldErrors.length > 0) return next(badRequest('请求参数有误', fieldErrors));
    (req as RequestWithInput).input = input;
    next();
  };
}

/** Where `validate` leaves the parsed input for the handler. */
type RequestWithInput = Request & { input?: unknown };

/** Mounts routes on the router and documents each one in the OpenAPI registry. */
export function mountRoutes(router: Router, registry: OpenAPIRegistry, routes: RouteSpec[]): void {
  for (const spec of routes) {
    const handler: RequestHandler = async (req, res) => {
      await spec.handler((req as RequestWithInput).input as RouteInput<AnyObject, AnyObject, z.ZodType>, req, res);
    };
    router[spec.method](spec.path, ...(spec.guards ?? []), validate(spec.request), handler);
    registry.registerPath(toOpenApi(spec));
  }
}

/** `/api/patents/:id` → `/api/patents/{id}`. */
export function toOpenApiPath(path: string): string {
  return path.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
}

function toOpenApi(spec: RouteSpec): RouteConfig {
  const responses: RouteConfig['responses'] = {};
  for (const [status, response] of Object.entries(spec.responses)) {
    responses[status] = response.schema
      ? {
          description: response.description,
          content: { [response.contentType ?? 'application/json']: { schema: response.schema } },
        }
      : { description: response.description };
  }
  return {
    method: spec.method,
    path: toOpenApiPath(spec.path),
    summary: spec.summary,
    tags: spec.tags,
    request: {
      ...(spec.request?.params ? { params: spec.request.params as z.ZodObject } : {}),
      ...(spec.request?.query ? { query: spec.request.query as z.ZodObject } : {}),
      ...(spec.request?.body
        ? { body: { content: { 'application/json': { schema: spec.request.body } }, required: true } }
        : {}),
    },
    responses,
  };
}
