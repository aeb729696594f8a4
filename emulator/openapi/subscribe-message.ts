import type { Inbox } from './inbox';
import type { WxResult } from './wx-result';

/** subscribeMessage.send: delivered into the emulator's inbox. */
export function sendSubscribeMessage(params: Record<string, unknown>, inbox: Inbox): WxResult {
  const touser = typeof params.touser === 'string' ? params.touser : '';
  const templateId = typeof params.template_id === 'string' ? params.template_id : '';
  if (!touser) return { json: { errcode: 40003, errmsg: 'invalid openid' } };
  if (!templateId) return { json: { errcode: 40037, errmsg: 'invalid template_id' } };
  if (params.data === undefined || params.data === null || typeof params.data !== 'object') {
    return { json: { errcode: 47003, errmsg: 'argument invalid! data is empty' } };
  }
  const message = inbox.add({
    touser,
    templateId,
    page: typeof params.page === 'string' ? params.page : null,
    data: params.data,
    miniprogramState: typeof params.miniprogram_state === 'string' ? params.miniprogram_state : null,
    lang: typeof params.lang === 'string' ? params.lang : null,
  });
  return { json: { errcode: 0, errmsg: 'ok', msgid: message.msgid } };
}
