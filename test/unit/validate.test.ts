import { z } from 'zod';
import { CONTROL_REFUSED, hasControl, idOf, keyOf, text } from '../../cloudfunctions/shared/fields';
import { empty, labelAt, parsePayload } from '../../cloudfunctions/shared/validate';
import { refusal } from '../support/refusal';

const schema = z.object({ name: z.string().min(2).max(10), count: z.number().int().min(1) }).strict();

describe('payload validation', () => {
  it('passes a valid payload through', () => {
    expect(parsePayload(schema, { name: '张三', count: 2 })).toEqual({ name: '张三', count: 2 });
  });

  it('names the missing field, in Chinese', () => {
    const err = refusal(() => parsePayload(schema, { count: 2 }));
    expect(err.code).toBe('INVALID_ARGUMENT');
    expect(err.field).toBe('name');
    expect(err.message).toBe('名称：必填');
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

describe('the shared text schema', () => {
  const payload = z
    .object({
      keyword: text('关键词', { min: 0, max: 8 }).optional(),
      summary: text('会议纪要', { max: 50, multiline: true }),
      orgIds: z.array(idOf('组织')).max(3).describe('联系点'),
    })
    .strict();
  const ok = { summary: '纪要', orgIds: ['org-cs'] };

  it('refuses control characters in any free-text field, naming the field by its Chinese label', () => {
    for (const bad of ['\u0000', '\u0007', '\u001b[31m', '\u007f', '\u0085']) {
      const err = refusal(() => parsePayload(payload, { ...ok, keyword: `张${bad}` }));
      expect([err.code, err.field, err.message]).toEqual(['INVALID_ARGUMENT', 'keyword', `关键词：${CONTROL_REFUSED}`]);
    }
  });

  it('keeps tab and line breaks in multi-line text only', () => {
    expect(parsePayload(payload, { ...ok, summary: '一、\r\n二、\t完' }).summary).toBe('一、\r\n二、\t完');
    expect(refusal(() => parsePayload(payload, { ...ok, keyword: 'a\nb' })).field).toBe('keyword');
  });

  it('trims, then bounds, and labels nested and array fields too', () => {
    expect(parsePayload(payload, { ...ok, keyword: '  张三  ' }).keyword).toBe('张三');
    expect(parsePayload(payload, { ...ok, orgIds: [' org-cs '] }).orgIds).toEqual(['org-cs']);
    expect(refusal(() => parsePayload(payload, { ...ok, summary: '   ' })).message).toBe('会议纪要：至少 1 个字符');
    expect(refusal(() => parsePayload(payload, { ...ok, orgIds: ['a\u0000'] }))).toMatchObject({
      field: 'orgIds.0',
      message: `组织：${CONTROL_REFUSED}`,
    });
    expect(refusal(() => parsePayload(payload, { ...ok, orgIds: ['a', 'b', 'c', 'd'] })).message).toBe('联系点：最多 3 项');
  });

  it('finds the label through optional, nullable and refined wrappers', () => {
    const schema = z.object({ post: text('职务', { max: 10 }).nullable(), key: keyOf('承诺轮次') }).strict();
    expect(labelAt(schema, ['post'])).toBe('职务');
    expect(refusal(() => parsePayload(schema, { post: null, key: 'round 1' })).message).toBe('承诺轮次：只能包含字母、数字和连字符');
  });

  it('says exactly which characters count as control characters', () => {
    expect(hasControl('团员青年 2023 😀 全角１')).toBe(false);
    expect(hasControl('a\tb')).toBe(true);
    expect(hasControl('a\tb\r\n', true)).toBe(false);
    expect(hasControl('\u0000', true)).toBe(true);
  });
});
