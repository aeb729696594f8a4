import type { ErrorCode } from './errors';

/** Every action answers with exactly one of these two shapes. */
export interface Ok<T> {
  ok: true;
  data: T;
  requestId: string;
}

export interface Fail {
  ok: false;
  code: ErrorCode;
  message: string;
  /** Dotted path of the payload field at fault, for INVALID_ARGUMENT. */
  field?: string;
  requestId: string;
}

export type Envelope<T> = Ok<T> | Fail;

/** What the app sends to a domain function: one action with its payload. */
export interface ActionEvent<P = unknown> {
  action: string;
  payload?: P;
}
