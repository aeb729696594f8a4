import { z, type ZodType, type ZodTypeAny, type ZodTypeDef } from 'zod';
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

/** The schema one level in: through wrappers (optional, effects, …) and into objects, arrays and records. */
function child(schema: ZodTypeAny, key: string | number): ZodTypeAny | undefined {
  const node = unwrap(schema);
  if (node instanceof z.ZodObject) return (node.shape as Record<string, ZodTypeAny>)[String(key)];
  if (node instanceof z.ZodArray) return node.element as ZodTypeAny;
  if (node instanceof z.ZodRecord) return node.valueSchema as ZodTypeAny;
  if (node instanceof z.ZodDiscriminatedUnion || node instanceof z.ZodUnion) {
    const options = [...(node.options as Iterable<ZodTypeAny>)];
    return options.map((o) => child(o, key)).find(Boolean);
  }
  return undefined;
}

function unwrap(schema: ZodTypeAny): ZodTypeAny {
  let node = schema;
  for (;;) {
    if (node instanceof z.ZodOptional || node instanceof z.ZodNullable) node = node.unwrap() as ZodTypeAny;
    else if (node instanceof z.ZodEffects) node = node.innerType() as ZodTypeAny;
    else if (node instanceof z.ZodDefault) node = node.removeDefault() as ZodTypeAny;
    else return node;
  }
}

/** The Chinese label (`.describe()`) of the field at this path, the nearest one on the way down. */
export function labelAt(schema: ZodTypeAny, path: (string | number)[]): string | undefined {
  let node: ZodTypeAny | undefined = schema;
  let label: string | undefined;
  for (const key of path) {
    node = node && child(node, key);
    if (node?.description) label = node.description;
  }
  return label;
}

/**
 * Parses a payload against its schema; the first problem becomes INVALID_ARGUMENT naming the field by
 * its Chinese label (its path when the schema gives none), with the path in `field` for the app.
 */
export function parsePayload<P>(schema: ZodType<P, ZodTypeDef, unknown>, input: unknown): P {
  const result = schema.safeParse(input, { errorMap: zhErrorMap });
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const field = issue.path.join('.') || undefined;
  const where = field ?? (issue.code === z.ZodIssueCode.unrecognized_keys ? issue.keys[0] : undefined);
  const label = field ? labelAt(schema, issue.path) : undefined;
  const name = label ?? where;
  throw new AppError('INVALID_ARGUMENT', `${name ? `${name}：` : ''}${issue.message}`, where);
}

/** Payload of an action that takes nothing: extra keys are refused, not ignored. */
export const empty = z.object({}).strict() as unknown as ZodType<Record<string, never>, ZodTypeDef, unknown>;
