import { z } from 'zod';

/**
 * Stable API error codes (snake_case). The API sends `{ error: code, message, fieldErrors? }`; clients
 * branch on the code, never on message text, and the web shows `errorMessages[code]` when it has nothing
 * more specific.
 */
export const errorCodes = [
  'validation_failed',
  'not_found',
  'unauthenticated',
  'forbidden',
  'conflict',
  'rate_limited',
  'method_not_allowed',
  'dependency_unavailable',
  'payload_too_large',
  'internal_error',
  'export_too_large',
  'query_too_long',
  'unknown_filter_code',
  'bad_application_number',
  'import_invalid_rows',
  'unsupported_file',
  'csrf_failed',
  'profile_incomplete',
  'invalid_credentials',
  'account_frozen',
  'expert_info_incomplete',
  'expert_status_conflict',
  'evaluation_locked',
  'expert_not_approved',
  'enterprise_evaluation_exists',
  'evaluation_already_reviewed',
  'duplicate_application_number',
  'unknown_code',
  'patent_withdrawn',
  'intent_state_conflict',
  'cooperation_mode_not_offered',
  'patent_lapsed',
  'portfolio_member_invalid',
  'duplicate_portfolio_name',
  'import_expired',
] as const;

/** One stable API error code. */
export type ErrorCode = (typeof errorCodes)[number];

/** Default Chinese message per code, for display. */
export const errorMessages: Readonly<Record<ErrorCode, string>> = {
  validation_failed: '提交的信息有误，请检查后重试',
  not_found: '记录不存在',
  unauthenticated: '请先登录',
  forbidden: '没有权限执行此操作',
  conflict: '记录已存在或已被修改，请刷新后重试',
  rate_limited: '操作过于频繁，请稍后再试',
  method_not_allowed: '不支持的请求方法',
  dependency_unavailable: '服务暂不可用，请稍后重试',
  payload_too_large: '提交的内容过大',
  internal_error: '系统内部错误，请稍后重试',
  export_too_large: '单次导出最多1000条，请缩小范围后重试',
  query_too_long: '检索式过长，请精简后重试',
  unknown_filter_code: '筛选条件包含未知的分类代码',
  bad_application_number: '申请号格式或校验位不正确',
  import_invalid_rows: '导入文件中有数据不合规，请按提示修改后重新导入',
  unsupported_file: '不支持的文件类型',
  csrf_failed: '页面已过期或请求来源无效，请刷新页面后重试',
  profile_incomplete: '请先完善部门职务、手机号和单位邮箱',
  invalid_credentials: '账号或密码错误',
  account_frozen: '账号已冻结，请联系管理员',
  expert_info_incomplete: '请先完善专家信息再申请入库',
  expert_status_conflict: '专家当前的信息完善状态不允许此操作，请刷新后重试',
  evaluation_locked: '企业已提交企业自评，专家评价已锁定',
  expert_not_approved: '专家信息审核通过后才能评价专利',
  enterprise_evaluation_exists: '本企业已提交该专利的企业自评',
  evaluation_already_reviewed: '该评价已审核，请刷新后查看',
  duplicate_application_number: '该申请号的专利已登记，同一专利只能登记一次',
  unknown_code: '包含未知的分类代码',
  patent_withdrawn: '该专利已撤回，不能再修改',
  intent_state_conflict: '合作意向的状态已变化，不能执行此操作，请刷新后查看',
  cooperation_mode_not_offered: '该专利未提供所选的合作方式',
  patent_lapsed: '该专利已失效，不能提交合作意向',
  portfolio_member_invalid: '组合专利只能包含本单位已登记入库的专利',
  duplicate_portfolio_name: '本单位已有同名的组合专利',
  import_expired: '导入预览已过期或不存在，请重新上传文件',
};

/** True when `value` is one of the stable codes (for narrowing a parsed API response). */
export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && (errorCodes as readonly string[]).includes(value);
}

/** Zod schema of an error code. */
export const errorCodeSchema = z.enum(errorCodes);
