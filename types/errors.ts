/** Every error code an action or the transport can answer with. One union, shared by app and functions. */
export const ERROR_CODES = [
  'UNAUTHENTICATED',
  'NOT_BOUND',
  'FORBIDDEN',
  'INVALID_ARGUMENT',
  'NOT_FOUND',
  'CONFLICT',
  'DEADLINE_PASSED',
  'NOT_STARTED',
  'RATE_LIMITED',
  'CONTENT_REJECTED',
  'UNKNOWN_ACTION',
  'FUNCTION_NOT_FOUND',
  'NETWORK',
  'INTERNAL',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && (ERROR_CODES as readonly string[]).includes(value);
}

/** What a person reads for each code when the server gave no better message. */
export const ERROR_MESSAGES: Record<ErrorCode, string> = {
  UNAUTHENTICATED: '请先登录',
  NOT_BOUND: '请先完成实名绑定',
  FORBIDDEN: '没有权限进行此操作',
  INVALID_ARGUMENT: '填写的内容有误',
  NOT_FOUND: '内容不存在或已删除',
  CONFLICT: '数据已被修改，请刷新后重试',
  DEADLINE_PASSED: '已超过截止时间',
  NOT_STARTED: '尚未开始',
  RATE_LIMITED: '操作过于频繁，请稍后再试',
  CONTENT_REJECTED: '内容未通过安全检测，请修改后重试',
  UNKNOWN_ACTION: '不支持的操作',
  FUNCTION_NOT_FOUND: '服务不存在',
  NETWORK: '网络异常，请检查网络后重试',
  INTERNAL: '服务器开小差了，请稍后再试',
};
