import type { ErrorCode } from '../../types/errors';

/** An error a handler means the caller to see: it becomes `{ ok: false, code, message, field }`. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export const notFound = (what: string): AppError => new AppError('NOT_FOUND', `${what}不存在`);
export const forbidden = (why = '没有权限进行此操作'): AppError => new AppError('FORBIDDEN', why);
