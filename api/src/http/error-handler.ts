import { errors as esErrors } from '@elastic/elasticsearch';
import type { ErrorRequestHandler, RequestHandler } from 'express';
import mongoose from 'mongoose';
import { z } from 'zod';
import { isDuplicateKey } from '../infra/mongo';
import { AppError, badRequest, conflict, dependencyUnavailable, notFound } from '../errors';
import { toFieldErrors } from './route';

const mongo = mongoose.mongo;

/** MongoDB driver failures that mean "the server is not reachable right now". */
function isMongoUnavailable(err: unknown): boolean {
  return (
    err instanceof mongo.MongoServerSelectionError ||
    err instanceof mongo.MongoNetworkError ||
    err instanceof mongo.MongoNotConnectedError ||
    err instanceof mongo.MongoTopologyClosedError ||
    err instanceof mongo.MongoOperationTimeoutError ||
    err instanceof mongoose.Error.MongooseServerSelectionError ||
    // With bufferCommands off, mongoose refuses a query outright while it has no connection.
    (err instanceof mongoose.Error && mongoose.connection.readyState !== 1)
  );
}

/** Elasticsearch failures that mean "the node is not reachable or is overloaded right now". */
function isEsUnavailable(err: unknown): boolean {
  if (err instanceof esErrors.ConnectionError || err instanceof esErrors.TimeoutError) return true;
  if (err instanceof esErrors.NoLivingConnectionsError) return true;
  if (!(err instanceof esErrors.ResponseError)) return false;
  if ([429, 502, 503, 504].includes(err.statusCode ?? 0)) return true;
  // The patents alias is missing (a fresh node before the first index, or an index dropped by hand): the
  // search store is not ready, which is an outage of the dependency, not a fault of this request.
  return err.statusCode === 404 && esErrorType(err) === 'index_not_found_exception';
}

/** `error.type` of an Elasticsearch error response (its stable code), when the body carries one. */
function esErrorType(err: InstanceType<typeof esErrors.ResponseError>): string | undefined {
  const body: unknown = err.body;
  if (typeof body !== 'object' || body === null || !('error' in body)) return undefined;
  const error = (body as { error: unknown }).error;
  if (typeof error !== 'object' || error === null || !('type' in error)) return undefined;
  const type = (error as { type: unknown }).type;
  return typeof type === 'string' ? type : undefined;
}

/** Body-parser errors carry a `type`; map the ones a client can cause. */
function bodyParserError(err: unknown): AppError | undefined {
  if (typeof err !== 'object' || err === null || !('type' in err)) return undefined;
  switch ((err as { type: unknown }).type) {
    case 'entity.too.large':
      return new AppError(413, 'payload_too_large', '请求内容过大');
    case 'entity.parse.failed':
      return badRequest('请求体不是合法的 JSON', [{ path: 'body', message: '无法解析的 JSON' }]);
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return badRequest('不支持的请求编码', [{ path: 'body', message: '请使用 UTF-8' }]);
    default:
      return undefined;
  }
}

/**
 * Other client faults Express and its parsers report as errors with a 4xx `status` (http-errors style): a
 * path parameter that is not valid percent-encoding (`/api/patents/%E0%A4%A`, a URIError with status 400),
 * an aborted or mis-sized body. Their own messages name internals, so only the status is kept.
 */
function clientFault(err: unknown): AppError | undefined {
  if (typeof err !== 'object' || err === null || !('status' in err)) return undefined;
  const status = (err as { status: unknown }).status;
  if (status === 413) return new AppError(413, 'payload_too_large', '请求内容过大');
  if (status !== 400) return undefined;
  const path = err instanceof URIError ? 'params' : 'body';
  return badRequest('请求格式有误', [{ path, message: '无法解析的请求' }]);
}

/**
 * Maps any thrown value to an AppError. Classes and driver codes decide, never message text.
 * Returns the error to send and whether it is unexpected (to be logged as an error).
 */
export function toAppError(err: unknown): { error: AppError; unexpected: boolean } {
  if (err instanceof AppError) return { error: err, unexpected: false };
  if (err instanceof z.ZodError)
    return { error: badRequest('请求参数有误', toFieldErrors('body', err)), unexpected: false };
  const parsed = bodyParserError(err) ?? clientFault(err);
  if (parsed) return { error: parsed, unexpected: false };
  if (isDuplicateKey(err)) return { error: conflict(), unexpected: false };
  if (err instanceof mongoose.Error.CastError) return { error: notFound(), unexpected: false };
  if (isMongoUnavailable(err)) return { error: dependencyUnavailable('MongoDB'), unexpected: false };
  if (isEsUnavailable(err)) return { error: dependencyUnavailable('Elasticsearch'), unexpected: false };
  return { error: new AppError(500, 'internal_error', '服务器内部错误'), unexpected: true };
}

/** The one error handler: every failure leaves as `{ error, message, fieldErrors? }`. */
export const errorHandler: ErrorRequestHandler = (err, req, res, next) => {
  const { error, unexpected } = toAppError(err);
  if (unexpected) req.log.error({ err }, 'unhandled error');
  else if (error.status >= 500) req.log.warn({ err: { message: (err as Error).message } }, error.code);
  // The response is under way (a streamed export failed midway): no status can be sent any more, and
  // Express's own handler ends the connection so the client sees a broken download, not a whole one.
  if (res.headersSent) return next(err);
  if (error.status === 503) res.setHeader('Retry-After', '5');
  res.status(error.status).json({
    error: error.code,
    message: error.message,
    ...(error.fieldErrors ? { fieldErrors: error.fieldErrors } : {}),
  });
};

/** Unknown paths under /api answer a JSON 404 rather than Express's HTML page. */
export const notFoundHandler: RequestHandler = (_req, _res, next) => next(notFound('接口不存在'));
