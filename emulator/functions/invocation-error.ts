/** Why an invocation failed, in CloudBase's terms. */
export type InvocationFailure = 'FUNCTION_NOT_FOUND' | 'FUNCTIONS_EXECUTE_FAIL' | 'FUNCTIONS_TIME_LIMIT_EXCEEDED';

const ERR_CODES: Record<InvocationFailure, number> = {
  FUNCTION_NOT_FOUND: -501000,
  FUNCTIONS_EXECUTE_FAIL: -504002,
  FUNCTIONS_TIME_LIMIT_EXCEEDED: -504003,
};

export class InvocationError extends Error {
  readonly errCode: number;
  constructor(
    readonly code: InvocationFailure,
    message: string,
    readonly requestId: string,
  ) {
    super(message);
    this.name = 'InvocationError';
    this.errCode = ERR_CODES[code];
  }
}
