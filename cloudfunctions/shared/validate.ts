import { z, type ZodType, type ZodTypeAny, type ZodTypeDef } from 'zod';
import { KEY_LABELS, UNLABELLED } from '../../types/fields';
import { AppError } from './errors';

/**
 * Zod's messages in the language our users read. No message carries a type name, a key or zod's English
 * default: the field is named by its label in front (parsePayload), the message says what is wrong.
 */
const zhErrorMap: z.ZodErrorMap = (issue) => {
  switch (issue.code) {
    case z.ZodIssueCode.invalid_type:
      if (issue.received === 'undefined' || issue.received === 'null') return { message: '必填' };
      return { message: issue.expected === 'integer' ? '应为整数' : '格式不正确' };
    case z.ZodIssueCode.too_small:
      if (issue.type === 'string') return { message: `至少 ${String(issue.minimum)} 个字符` };
      if (issue.type === 'array') return { message: `至少 ${String(issue.minimum)} 项` };
      return { message: `不能小于 ${String(issue.minimum)}` };
    case z.ZodIssueCode.too_big:
      if (issue.type === 'string') return { message: `最多 ${String(issue.maximum)} 个字符` };
      if (issue.type === 'array') return { message: `最多 ${String(issue.maximum)} 项` };
      return { message: `不能大于 ${String(issue.maximum)}` };
    case z.ZodIssueCode.unrecognized_keys:
      return { message: '含有不认识的内容' };
    default:
      return { message: '格式不正确' };
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
 * The Chinese name of the field at this path: its schema's label, else the label of the key
 * (KEY_LABELS), else of the nearest labelled field above it, else UNLABELLED. Never the Latin path.
 */
export function fieldName(schema: ZodTypeAny, path: (string | number)[]): string {
  const keys = path.filter((k): k is string => typeof k === 'string');
  const own = path.length > 0 ? nodeAt(schema, path)?.description : undefined;
  const byKey = keys.length > 0 ? KEY_LABELS[keys[keys.length - 1]] : undefined;
  return own ?? byKey ?? labelAt(schema, path) ?? UNLABELLED;
}

function nodeAt(schema: ZodTypeAny, path: (string | number)[]): ZodTypeAny | undefined {
  let node: ZodTypeAny | undefined = schema;
  for (const key of path) node = node && child(node, key);
  return node;
}

/** What a person reads for one problem: "组织名称：最多 30 个字符". */
export function issueMessage(schema: ZodTypeAny, issue: z.ZodIssue): string {
  return `${fieldName(schema, issue.path)}：${issue.message}`;
}

/**
 * Parses a payload against its schema; the first problem becomes INVALID_ARGUMENT naming the field by
 * its Chinese label, with the path in `field` for the app to place the message (never to show it).
 */
export function parsePayload<P>(schema: ZodType<P, ZodTypeDef, unknown>, input: unknown): P {
  const result = schema.safeParse(input, { errorMap: zhErrorMap });
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const field = issue.path.join('.') || undefined;
  const where = field ?? (issue.code === z.ZodIssueCode.unrecognized_keys ? issue.keys[0] : undefined);
  throw new AppError('INVALID_ARGUMENT', issueMessage(schema as ZodTypeAny, issue), where);
}

/** Every problem of a payload as a person reads it (tests check that none carries a Latin path). */
export function payloadMessages(schema: ZodTypeAny, input: unknown): string[] {
  const result = schema.safeParse(input, { errorMap: zhErrorMap });
  return result.success ? [] : result.error.issues.map((issue) => issueMessage(schema, issue));
}

/** Payload of an action that takes nothing: extra keys are refused, not ignored. */
export const empty = z.object({}).strict() as unknown as ZodType<Record<string, never>, ZodTypeDef, unknown>;
