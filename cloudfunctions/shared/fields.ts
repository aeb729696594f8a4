/**
 * Where payload schemas live: the building blocks here, each action's schema in its domain's table,
 * typed against the contract in types/ (`ZodType<PayloadOf<…>>`), so the two cannot disagree. Not in
 * types/: the app never validates with zod, so zod stays out of the mini-program's main package, and
 * types/ stays declarations and pure rules that both sides read.
 *
 * Every schema carries the field's Chinese label (`.describe()`): a refusal names the field as the
 * person knows it ("关键词：不能包含控制字符"), see validate.ts.
 */
import { z, type ZodType, type ZodTypeDef } from 'zod';
import type { TextLimit } from '../../types/fields';
import { isDay } from '../../types/time';

type Text = ZodType<string, ZodTypeDef, unknown>;

/**
 * C0 and C1 control characters (NUL, ESC, DEL, …); multi-line text may keep tab and line breaks. They
 * are refused, not stripped: nobody types them, a NUL breaks the database's regex, and silently
 * storing something other than what was sent hides tampering. The person is told which field to fix.
 */
export function hasControl(text: string, allowLines = false): boolean {
  for (const ch of text) {
    const c = ch.codePointAt(0) ?? 0;
    if (allowLines && (c === 0x09 || c === 0x0a || c === 0x0d)) continue;
    if (c < 0x20 || (c >= 0x7f && c <= 0x9f)) return true;
  }
  return false;
}

export const CONTROL_REFUSED = '不能包含控制字符';

export interface TextOptions {
  /** Most characters (UTF-16 units, as the database counts). */
  max: number;
  /** Fewest characters after trimming; 0 lets an empty string through. Default 1. */
  min?: number;
  /** Keeps tab and line breaks (a plan's body, a meeting summary). */
  multiline?: boolean;
}

/** Free text a person typed: trimmed, bounded, no control characters. The one schema for every text field. */
export function text(label: string, { max, min = 1, multiline = false }: TextOptions): Text {
  return z
    .string()
    .trim()
    .min(min)
    .max(max)
    .refine((s) => !hasControl(s, multiline), CONTROL_REFUSED)
    .describe(label);
}

/** A field people type, from its entry in types/fields.ts (FIELDS): the app's inputs take the same limits. */
export function textOf(field: TextLimit, label: string = field.label): Text {
  return text(label, field);
}

/** A document id in a payload: trimmed, 1–64 characters, no control characters. */
export function idOf(label: string): Text {
  return text(label, { max: 64 });
}

/** A short key an admin chose (a phase, a pledge round): letters, digits and hyphens. */
export function keyOf(label: string): Text {
  return text(label, { max: 32 })
    .refine((s) => /^[A-Za-z0-9-]+$/.test(s), '只能包含字母、数字和连字符')
    .describe(label);
}

export const id = idOf('编号');
export const orgId = idOf('组织');
export const memberId = idOf('团员');
export const jobId = idOf('导入任务');
export const sessionId = idOf('签署二维码');
export const grantId = idOf('任命');
export const holderId = idOf('人员');
export const roundKey = keyOf('承诺轮次');

/** A calendar day 'YYYY-MM-DD' that exists (a meeting, a check-in). */
export function dayOf(label: string): Text {
  return z.string().refine(isDay, '日期格式应为 YYYY-MM-DD').describe(label);
}
