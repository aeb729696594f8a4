/**
 * No message a person reads carries a Latin field path or an English word: every action's schema of every
 * domain is driven with bad input of several kinds (wrong types, too long, too small, control characters,
 * unknown keys, missing fields), and every problem zod finds, not only the first, is turned into the
 * message parsePayload would send. The label part (before "：") must be Chinese.
 */
import type { ZodTypeAny } from 'zod';
import type { z } from 'zod';
import { parsePayload, payloadMessages } from '../../cloudfunctions/shared/validate';
import { AppError } from '../../cloudfunctions/shared/errors';

type Table = Record<string, { schema: unknown }>;

const DOMAINS = [
  'account',
  'org',
  'roster',
  'campaign',
  'pledge',
  'system',
  'notify',
  'fulfil',
  'supervise',
  'dashboard',
  'evaluate',
  'commend',
] as const;
// eslint-disable-next-line @typescript-eslint/no-require-imports
const tables: [string, Table][] = DOMAINS.map((d) => [d, (require(`../../cloudfunctions/${d}`) as { actions: Table }).actions]);

type Strategy = 'type' | 'big' | 'small' | 'control' | 'extra';

/** A payload shaped like the schema with every leaf broken the strategy's way. */
function broken(schema: ZodTypeAny, how: Strategy): unknown {
  const def = schema._def as { typeName: string };
  switch (def.typeName) {
    case 'ZodOptional':
    case 'ZodNullable':
      return broken((schema as z.ZodOptional<ZodTypeAny>).unwrap(), how);
    case 'ZodEffects':
      return broken((schema as z.ZodEffects<ZodTypeAny>).innerType(), how);
    case 'ZodDefault':
      return broken((schema as z.ZodDefault<ZodTypeAny>).removeDefault(), how);
    case 'ZodObject': {
      const shape = (schema as z.AnyZodObject).shape as Record<string, ZodTypeAny>;
      const out: Record<string, unknown> = Object.fromEntries(Object.entries(shape).map(([k, v]) => [k, broken(v, how)]));
      if (how === 'extra') out.openid = 'someone-else';
      return out;
    }
    case 'ZodArray': {
      const element = broken((schema as z.ZodArray<ZodTypeAny>).element, how);
      return how === 'big' ? Array.from({ length: 2000 }, () => element) : [element, element];
    }
    case 'ZodRecord':
      return { k: broken((schema as z.ZodRecord).valueSchema as ZodTypeAny, how) };
    case 'ZodDiscriminatedUnion':
    case 'ZodUnion':
      return broken([...((schema as z.ZodUnion<[ZodTypeAny, ...ZodTypeAny[]]>).options as Iterable<ZodTypeAny>)][0], how);
    case 'ZodLiteral':
      return how === 'type' ? 12 : (schema as z.ZodLiteral<unknown>).value;
    case 'ZodEnum':
      return how === 'type' ? 5 : 'not-an-option';
    case 'ZodString':
      return { type: 42, big: '啊'.repeat(6000), small: '', control: 'a\u0000b', extra: '' }[how];
    case 'ZodNumber':
      return { type: '1', big: 1e12, small: -1.5, control: Number.NaN, extra: 0 }[how];
    case 'ZodBoolean':
      return how === 'type' ? 'yes' : true;
    default:
      return how === 'type' ? Symbol.for('x').toString() : undefined;
  }
}

/** A Latin path ("items.organisation", "campaign.rules.0"), or an English word zod would say. */
const LATIN_PATH = /[a-zA-Z]+\.[a-zA-Z0-9]/;
const ENGLISH = /\b(required|expected|invalid|received|string|number|boolean|undefined|object|array|unrecognized)\b/i;

function expectChinese(message: string, where: string): void {
  const label = message.split('：')[0];
  expect({ where, message, path: LATIN_PATH.test(message), english: ENGLISH.test(message), latinLabel: /[A-Za-z]/.test(label) }).toEqual({
    where,
    message,
    path: false,
    english: false,
    latinLabel: false,
  });
}

describe('every refusal of bad input names the field in Chinese, never by its path', () => {
  const cases = tables.flatMap(([domain, table]) =>
    Object.entries(table).map(([name, a]) => [`${domain}.${name}`, a.schema as ZodTypeAny] as const),
  );

  it('covers every action of every domain', () => {
    expect(cases.length).toBeGreaterThan(40);
  });

  it.each(cases)('%s', (where, schema) => {
    const inputs: unknown[] = [undefined, null, 'x', [], {}, { openid: 'x' }];
    for (const how of ['type', 'big', 'small', 'control', 'extra'] as const) inputs.push(broken(schema, how));
    let seen = 0;
    for (const input of inputs) {
      for (const message of payloadMessages(schema, input)) {
        seen++;
        expectChinese(message, where);
      }
      // The first problem is what the router sends.
      try {
        parsePayload(schema, input);
      } catch (err) {
        if (!(err instanceof AppError)) throw err;
        expectChinese(err.message, where);
      }
    }
    expect(seen).toBeGreaterThan(0);
  });
});
