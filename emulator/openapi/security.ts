import { randomUUID } from 'crypto';
import { findBlockedWord } from './blocked-words';
import type { WxResult } from './wx-result';

/** security.msgSecCheck: v1 answers 87014 for risky text; v2 answers 0 with result.suggest. */
export function msgSecCheck(params: Record<string, unknown>, words: string[]): WxResult {
  const content = typeof params.content === 'string' ? params.content : '';
  const hit = findBlockedWord(content, words);
  if (params.version === 2 || params.version === '2') {
    const traceId = randomUUID();
    const suggest = hit ? 'risky' : 'pass';
    const label = hit ? 20006 : 100;
    return {
      json: {
        errcode: 0,
        errmsg: 'ok',
        result: { suggest, label },
        detail: [{ strategy: 'content_model', errcode: 0, suggest, label, keyword: hit ?? undefined, prob: hit ? 90 : 0 }],
        trace_id: traceId,
      },
    };
  }
  if (hit) return { json: { errcode: 87014, errmsg: 'risky content' } };
  return { json: { errcode: 0, errmsg: 'ok' } };
}

/** security.mediaCheckAsync: accepted; the verdict would arrive later as an event (never, locally). */
export function mediaCheckAsync(): WxResult {
  return { json: { errcode: 0, errmsg: 'ok', trace_id: randomUUID() } };
}
