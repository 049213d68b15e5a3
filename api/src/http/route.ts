import type { OpenAPIRegistry, RouteConfig } from '@asteasolutions/zod-to-openapi';
import type { NextFunction, Request, RequestHandler, Response, Router } from 'express';
import { z } from 'zod';
import { isErrorCode } from '@panhuo/domain/errors';
import type { ErrorCode } from '@panhuo/domain/errors';
import { badRequest } from '../errors';
import type { FieldError } from '../errors';
import { errorBodySchema } from '../features/auth/schema';
import { policyGuards } from '../policies/guards';
import { assertRoutePolicy, describePolicy } from '../policies/route-policy';
import type { RoutePolicy } from '../policies/route-policy';

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';
type AnyObject = z.ZodType<object>;

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
 * One API route: its HTTP shape (documented in OpenAPI from the same zod schemas that validate it), who
 * may call it (`policy`, required: deny by default), the guards that run before validation and the handler.
 * The chain mounted is: `guards` (rate limits) → the policy's guards (auth → first-login gate → ability)
 * → validate → handler.
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
  /**
   * `bodyType` is how the body travels, application/json unless a guard parses another form (the
   * multipart licence upload, features/verification/upload.ts); the body schema is the same either way.
   */
  request?: { params?: P; query?: Q; body?: B; bodyType?: 'application/json' | 'multipart/form-data' };
  responses: Record<number, ResponseSpec>;
  /** Who may call the route; see policies/route-policy.ts. Routes without one are refused by mountRoutes. */
  policy: RoutePolicy;
  /** Run first, before authentication: rate limits (http/rate-limit.ts). */
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
  return error.issues.map((issue) => {
    const code = issue.code === 'custom' ? (issue.params as { code?: unknown } | undefined)?.code : undefined;
    return {
      path: [part, ...issue.path.map(String)].join('.'),
      message: issue.message,
      ...(typeof code === 'string' && isErrorCode(code) ? { code } : {}),
    };
  });
}

/**
 * The stable code of a 400: a schema may tag an issue with a more specific code (`unknown_filter_code`,
 * `query_too_long`, …) through `params.code`; the first such tag wins, otherwise `validation_failed`.
 */
export function errorCodeOf(fieldErrors: FieldError[]): ErrorCode {
  return fieldErrors.find((error) => error.code)?.code ?? 'validation_failed';
}

/** A NUL, or half of a UTF-16 surrogate pair: neither can be stored (PostgreSQL under FerretDB refuses NUL). */
// eslint-disable-next-line no-control-regex -- matching NUL is the point
const unstorable = /\u0000|\p{Cs}/u;

/**
 * Field errors for every string in a parsed input that no store can keep. A backstop for the schemas that
 * take a string as typed (a password, an account at login, a search word): without it such a string
 * reaches a query and comes back as a 500 from the database instead of a 400 naming the field.
 */
export function unstorableStrings(value: unknown, path: string[]): FieldError[] {
  if (typeof value === 'string')
    return unstorable.test(value)
      ? [{ path: path.join('.'), message: '包含无法保存的字符（空字符或残缺的编码）' }]
      : [];
  if (Array.isArray(value))
    return value.flatMap((item, index) => unstorableStrings(item, [...path, String(index)]));
  if (value && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype)
    return Object.entries(value).flatMap(([key, item]) => unstorableStrings(item, [...path, key]));
  return [];
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
      if (!parsed.success) fieldErrors.push(...toFieldErrors(part, parsed.error));
      else {
        input[part] = parsed.data;
        fieldErrors.push(...unstorableStrings(parsed.data, [part]));
      }
    }
    if (fieldErrors.length > 0)
      return next(badRequest('请求参数有误', fieldErrors, errorCodeOf(fieldErrors)));
    (req as RequestWithInput).input = input;
    next();
  };
}

/** Where `validate` leaves the parsed input for the handler. */
type RequestWithInput = Request & { input?: unknown };

/**
 * Mounts routes on the router and documents each one in the OpenAPI registry. Throws (at start-up) for a
 * route without a valid policy, so an unguarded route can never be served.
 */
export function mountRoutes(router: Router, registry: OpenAPIRegistry, routes: RouteSpec[]): void {
  for (const spec of routes) {
    assertRoutePolicy(spec.policy, `${spec.method.toUpperCase()} ${spec.path}`);
    const handler: RequestHandler = async (req, res) => {
      await spec.handler(
        (req as RequestWithInput).input as RouteInput<AnyObject, AnyObject, z.ZodType>,
        req,
        res,
      );
    };
    router[spec.method](
      spec.path,
      ...(spec.guards ?? []),
      ...policyGuards(spec.policy),
      validate(spec.request),
      handler,
    );
    registry.registerPath(toOpenApi(spec));
  }
}

/** `/api/patents/:id` → `/api/patents/{id}`. */
export function toOpenApiPath(path: string): string {
  return path.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
}

/**
 * OpenAPI lists parameters from an object's shape; a schema that refines or transforms its object (a pipe)
 * or combines two (an intersection) is documented by the object(s) it starts from.
 */
function documentedObject(schema: z.ZodType): z.ZodObject {
  if (schema instanceof z.ZodObject) return schema;
  if (schema instanceof z.ZodPipe) return documentedObject(schema.in as z.ZodType);
  if (schema instanceof z.ZodIntersection) {
    return documentedObject(schema.def.left as z.ZodType).extend(
      documentedObject(schema.def.right as z.ZodType).shape,
    );
  }
  throw new Error('request params and query must be built from a z.object');
}

const unsafeMethods = new Set<Method>(['post', 'put', 'patch', 'delete']);

/**
 * The statuses a route can answer whether or not it lists them, from what runs before and around it
 * (app.ts): Node's header limit, the JSON body parser, the CSRF check, the guards, the policy and the
 * MongoDB session store. A route's own entry for the status wins.
 */
function commonResponses(spec: RouteSpec): RouteConfig['responses'] {
  const error = (description: string) => ({
    description,
    content: { 'application/json': { schema: errorBodySchema } },
  });
  const forbidden = [
    ...(unsafeMethods.has(spec.method) ? ['缺少或错误的 x-csrf-token (csrf_failed)'] : []),
    ...('ability' in spec.policy ? ['未完善注册信息 (profile_incomplete) 或无权限 (forbidden)'] : []),
  ];
  return {
    400: error(
      '请求格式有误: a malformed JSON body or path encoding, or invalid parameters (validation_failed)',
    ),
    ...('ability' in spec.policy ? { 401: error('未登录或会话已失效 (unauthenticated)') } : {}),
    ...(forbidden.length > 0 ? { 403: error(forbidden.join('; ')) } : {}),
    413: error('A JSON body over 1 MB (payload_too_large)'),
    ...(spec.guards?.length ? { 429: error('Too many requests (rate_limited); see Retry-After') } : {}),
    431: { description: 'Request headers over 128 KB (answered by Node, without a body)' },
    503: error('MongoDB or Elasticsearch unavailable (dependency_unavailable); see Retry-After'),
  };
}

function toOpenApi(spec: RouteSpec): RouteConfig {
  const responses: RouteConfig['responses'] = commonResponses(spec);
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
    description: describePolicy(spec.policy),
    tags: spec.tags,
    request: {
      ...(spec.request?.params ? { params: documentedObject(spec.request.params) } : {}),
      ...(spec.request?.query ? { query: documentedObject(spec.request.query) } : {}),
      ...(spec.request?.body
        ? {
            body: {
              content: { [spec.request.bodyType ?? 'application/json']: { schema: spec.request.body } },
              required: true,
            },
          }
        : {}),
    },
    responses,
  };
}
