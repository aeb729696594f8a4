import { randomUUID } from 'crypto';
import { findBlockedWord } from './blocked-words';
import type { WxResult } from './wx-result';

/** msgSecCheck v2 checks at most this many characters a call (文本字数的上限为2500字). */
export const MAX_CHECK_CHARS = 2500;

/** WeChat's labels: 100 normal, 20006 违法犯罪, 21000 其他. */
const LABEL = { pass: 100, risky: 20006, review: 21000 } as const;

/**
 * v2's refusals, from the msgSecCheck errcode table: 40003 invalid openid, 40129 scene outside 1–4 (1 资料,
 * 2 评论, 3 论坛, 4 社交日志), 47001 malformed parameters. Text over 2,500 characters: the table names no
 * code; 45002 is WeChat's general "content size out of limit".
 */
function refuseV2(params: Record<string, unknown>, content: unknown): WxResult | null {
  if (typeof params.openid !== 'string' || params.openid.trim() === '')
    return { json: { errcode: 40003, errmsg: 'invalid openid rid: local' } };
  const scene = Number(params.scene);
  if (!Number.isInteger(scene) || scene < 1 || scene > 4) return { json: { errcode: 40129, errmsg: 'invalid scene rid: local' } };
  if (typeof content !== 'string') return { json: { errcode: 47001, errmsg: 'data format error rid: local' } };
  if ([...content].length > MAX_CHECK_CHARS) return { json: { errcode: 45002, errmsg: 'content size out of limit rid: local' } };
  return null;
}

/**
 * security.msgSecCheck: v1 answers 87014 for risky text; v2 answers 0 with result.suggest — 'risky' for a
 * blocked word, 'review' for a review word, else 'pass' — after refusing what WeChat refuses.
 */
export function msgSecCheck(params: Record<string, unknown>, words: string[], reviewWords: string[]): WxResult {
  if (params.version === 2 || params.version === '2') {
    const refused = refuseV2(params, params.content);
    if (refused) return refused;
    const content = params.content as string;
    const blocked = findBlockedWord(content, words);
    const review = blocked ? null : findBlockedWord(content, reviewWords);
    const suggest = blocked ? 'risky' : review ? 'review' : 'pass';
    const label = LABEL[suggest];
    const keyword = blocked ?? review ?? undefined;
    return {
      json: {
        errcode: 0,
        errmsg: 'ok',
        result: { suggest, label },
        detail: [{ strategy: 'content_model', errcode: 0, suggest, label, keyword, prob: keyword ? 90 : 0 }],
        trace_id: randomUUID(),
      },
    };
  }
  const content = typeof params.content === 'string' ? params.content : '';
  if (findBlockedWord(content, words)) return { json: { errcode: 87014, errmsg: 'risky content' } };
  return { json: { errcode: 0, errmsg: 'ok' } };
}

/** security.mediaCheckAsync: accepted; the verdict would arrive later as an event (never, locally). */
export function mediaCheckAsync(): WxResult {
  return { json: { errcode: 0, errmsg: 'ok', trace_id: randomUUID() } };
}
