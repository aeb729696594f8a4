import { z, type ZodType, type ZodTypeDef } from 'zod';
import { AppError } from './errors';

/** Zod's messages in the language our users read. */
const zhErrorMap: z.ZodErrorMap = (issue, ctx) => {
  switch (issue.code) {
    case z.ZodIssueCode.invalid_type:
      return { message: issue.received === 'undefined' ? '必填' : `类型应为 ${issue.expected}` };
    case z.ZodIssueCode.too_small:
      return { message: issue.type === 'string' ? `至少 ${issue.minimum} 个字符` : `不能小于 ${issue.minimum}` };
    case z.ZodIssueCode.too_big:
      return { message: issue.type === 'string' ? `最多 ${issue.maximum} 个字符` : `不能大于 ${issue.maximum}` };
    case z.ZodIssueCode.invalid_enum_value:
      return { message: `取值应为 ${issue.options.join(' / ')}` };
    case z.ZodIssueCode.unrecognized_keys:
      return { message: `不认识的字段 ${issue.keys.join('、')}` };
    case z.ZodIssueCode.invalid_string:
      return { message: '格式不正确' };
    default:
      return { message: ctx.defaultError };
  }
};

/** Parses a payload against its schema; the first problem becomes INVALID_ARGUMENT naming the field. */
export function parsePayload<P>(schema: ZodType<P, ZodTypeDef, unknown>, input: unknown): P {
  const result = schema.safeParse(input, { errorMap: zhErrorMap });
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const field = issue.path.join('.') || undefined;
  const where = field ?? (issue.code === z.ZodIssueCode.unrecognized_keys ? issue.keys[0] : undefined);
  throw new AppError('INVALID_ARGUMENT', `${where ? `${where}：` : ''}${issue.message}`, where);
}

/** Payload of an action that takes nothing: extra keys are refused, not ignored. */
export const empty = z.object({}).strict() as unknown as ZodType<Record<string, never>, ZodTypeDef, unknown>;
