import { AppError } from '../../cloudfunctions/shared/errors';

/** The AppError that `fn` throws; fails the test when it throws nothing, and rethrows any other error. */
export function refusal(fn: () => unknown): AppError {
  try {
    fn();
  } catch (err) {
    if (err instanceof AppError) return err;
    throw err;
  }
  throw new Error('expected a refusal');
}
