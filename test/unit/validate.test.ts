import { z } from 'zod';
import { AppError } from '../../cloudfunctions/shared/errors';
import { empty, parsePayload } from '../../cloudfunctions/shared/validate';

const schema = z.object({ name: z.string().min(2).max(10), count: z.number().int().min(1) }).strict();

function refusal(fn: () => unknown): AppError {
  try {
    fn();
  } catch (err) {
    if (err instanceof AppError) return err;
    throw err;
  }
  throw new Error('expected a refusal');
}

describe('payload validation', () => {
  it('passes a valid payload through', () => {
    expect(parsePayload(schema, { name: '张三', count: 2 })).toEqual({ name: '张三', count: 2 });
  });

  it('names the missing field, in Chinese', () => {
    const err = refusal(() => parsePayload(schema, { count: 2 }));
    expect(err.code).toBe('INVALID_ARGUMENT');
    expect(err.field).toBe('name');
    expect(err.message).toBe('name：必填');
  });

  it('names a field of the wrong type or size', () => {
    expect(refusal(() => parsePayload(schema, { name: '张', count: 2 })).field).toBe('name');
    expect(refusal(() => parsePayload(schema, { name: '张三', count: '2' })).field).toBe('count');
    expect(refusal(() => parsePayload(schema, { name: '张三', count: 0 })).message).toContain('不能小于 1');
  });

  it('refuses unknown keys rather than ignoring them', () => {
    const err = refusal(() => parsePayload(empty, { openid: 'someone-else' }));
    expect(err.code).toBe('INVALID_ARGUMENT');
    expect(err.field).toBe('openid');
  });
});
