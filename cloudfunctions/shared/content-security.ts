import { sdk } from './cloud';
import { AppError } from './errors';
import { log } from './log';

/** WeChat's msgSecCheck takes at most 2,500 characters a call. */
const MAX_CHARS = 2500;

interface MsgSecCheckResult {
  errCode?: number;
  result?: { suggest?: string; label?: number };
}

/**
 * Text a person wrote is checked by WeChat content security (v2, scene 2) before anyone else sees
 * it: anything short of 'pass' is refused with CONTENT_REJECTED naming the field. A function using this
 * must declare `security.msgSecCheck` in its config.json openapi permissions.
 */
export async function assertTextSafe(texts: string[], openid: string, field?: string): Promise<void> {
  const content = texts
    .map((t) => t.trim())
    .filter(Boolean)
    .join('\n');
  if (!content) return;
  const chars = [...content];
  for (let i = 0; i < chars.length; i += MAX_CHARS) {
    const piece = chars.slice(i, i + MAX_CHARS).join('');
    const res = (await sdk().openapi.security.msgSecCheck({ content: piece, version: 2, scene: 2, openid })) as MsgSecCheckResult;
    const suggest = res.result?.suggest;
    if (suggest !== 'pass') {
      log('info', 'content.rejected', { openid, field, suggest, label: res.result?.label });
      throw new AppError('CONTENT_REJECTED', '内容未通过安全检测，请修改后重试', field);
    }
  }
}

/**
 * Asks WeChat to check an image (mediaCheckAsync v2, scene 2) at a URL it can fetch; answers the trace id
 * its verdict will carry. The verdict arrives later as a `wxa_media_check` event routed to a function by
 * the environment's message-push settings (cloudfunctions/message-push.json). A function using this
 * must declare `security.mediaCheckAsync` in its config.json.
 */
export async function checkImageLater(mediaUrl: string, openid: string): Promise<string> {
  const res = (await sdk().openapi.security.mediaCheckAsync({ mediaUrl, mediaType: 2, version: 2, scene: 2, openid })) as {
    traceId?: string;
  };
  if (!res.traceId) throw new Error('mediaCheckAsync answered no trace id');
  return res.traceId;
}
