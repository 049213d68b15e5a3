import type { ErrorCode } from '@panhuo/domain/errors';

/** One field-level problem, with the path of the offending input (e.g. `query.size`). */
export interface FieldError {
  path: string;
  message: string;
  /** A more specific stable code for this field's problem, when the schema gives one. */
  code?: ErrorCode;
}

/**
 * The one error type of the API. Services throw it for outcomes the client must act on; the central
 * handler turns it into `{ error: code, message, fieldErrors? }` with its HTTP status.
 */
export class AppError extends Error {
  override name = 'AppError';
  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    message: string,
    readonly fieldErrors?: FieldError[],
  ) {
    super(message);
  }
}

/** 400 with one entry per bad field. */
export const badRequest = (message: string, fieldErrors?: FieldError[], code: ErrorCode = 'validation_failed') =>
  new AppError(400, code, message, fieldErrors);
/** 401: no valid session. */
export const unauthenticated = (message = '请先登录') => new AppError(401, 'unauthenticated', message);
/** 403: signed in, same tenant, but the role may not do this. */
export const forbidden = (message = '没有权限执行此操作') => new AppError(403, 'forbidden', message);
/** 404: missing, or belonging to another tenant (never reveal which). */
export const notFound = (message = '记录不存在') => new AppError(404, 'not_found', message);
/** 409: a unique index or a conditional update refused the write. */
export const conflict = (message = '记录已存在或已被修改') => new AppError(409, 'conflict', message);
/** 503: MongoDB, Elasticsearch or SMTP did not answer in time. */
export const dependencyUnavailable = (dependency: string) =>
  new AppError(503, 'dependency_unavailable', `服务暂不可用（${dependency}），请稍后重试`);
