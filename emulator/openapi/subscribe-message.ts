/**
 * subscribeMessage.send as WeChat answers it, and the one-time consents it spends.
 * https://developers.weixin.qq.com/miniprogram/dev/OpenApiDoc/mp-message-management/subscribe-message/sendMessage.html
 *
 * - 40003 touser empty or not an openid; 40037 a template id the account has not picked; 41030 a page that is not
 *   in the released app (app.json); 47003 data that breaks a keyword's rule ("argument invalid! data.thing1.value
 *   invalid"); 43101 the person has no consent left for the template ("user refuse to accept the msg").
 * - One-time subscriptions: each accept in wx.requestSubscribeMessage allows one send of that template to that
 *   person, accepts accumulate, and a successful send spends one. A refused send spends nothing.
 * - In local mode the H5 app has no WeChat popup: POST /api/_emulator/subscribe (the signed-in identity, a list of
 *   template ids and the person's answers) stands in for it and answers like requestSubscribeMessage.
 */
import fs from 'fs';
import type { IncomingMessage, ServerResponse } from 'http';
import path from 'path';
import { keywordTypeOf, keywordValueValid, TEMPLATES, type KeywordType } from '../../types/notify';
import { MB, isRecord, parseJsonObject, readBody } from '../http/body';
import { sendJson } from '../http/respond';
import { openidOf } from '../local/session-routes';
import type { AppPages } from './app-pages';
import type { Inbox } from './inbox';
import type { WxResult } from './wx-result';

/** Template id → its keywords and their types: the templates picked in the mini-program console. */
export type TemplateLibrary = Map<string, Record<string, KeywordType>>;

/** The app's templates as its contract declares them (types/notify.ts), under their local ids. */
export function defaultTemplateLibrary(): TemplateLibrary {
  return new Map(Object.values(TEMPLATES).map((t) => [t.localId, t.keywords]));
}

/** Consents left per person and template, kept in `<dataDir>/subscriptions.json`. */
export class SubscriptionCredits {
  private counts = new Map<string, number>();
  private timer: NodeJS.Timeout | null = null;

  constructor(private readonly file?: string) {
    if (!file || !fs.existsSync(file)) return;
    try {
      const raw: unknown = JSON.parse(fs.readFileSync(file, 'utf8'));
      if (!isRecord(raw)) throw new Error('not a JSON object');
      for (const [k, v] of Object.entries(raw)) if (typeof v === 'number' && v > 0) this.counts.set(k, v);
    } catch (err) {
      throw new Error(`订阅消息授权文件已损坏 (subscriptions file is corrupt): ${file}: ${(err as Error).message}`);
    }
  }

  private static key(openid: string, templateId: string): string {
    return `${openid}\n${templateId}`;
  }

  count(openid: string, templateId: string): number {
    return this.counts.get(SubscriptionCredits.key(openid, templateId)) ?? 0;
  }

  /** One accept: one more send allowed. */
  grant(openid: string, templateId: string): number {
    const key = SubscriptionCredits.key(openid, templateId);
    const next = (this.counts.get(key) ?? 0) + 1;
    this.counts.set(key, next);
    this.schedule();
    return next;
  }

  /** Spends one consent; false when none is left. */
  spend(openid: string, templateId: string): boolean {
    const key = SubscriptionCredits.key(openid, templateId);
    const left = this.counts.get(key) ?? 0;
    if (left <= 0) return false;
    if (left === 1) this.counts.delete(key);
    else this.counts.set(key, left - 1);
    this.schedule();
    return true;
  }

  /** Writes now (the emulator calls it on close). */
  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (!this.file) return;
    fs.mkdirSync(path.dirname(this.file), { recursive: true });
    const tmp = `${this.file}.tmp`;
    fs.writeFileSync(tmp, JSON.stringify(Object.fromEntries(this.counts)));
    fs.renameSync(tmp, this.file);
  }

  // A fan-out spends thousands of consents a minute: write once per burst, not once per send.
  private schedule(): void {
    if (this.timer || !this.file) return;
    this.timer = setTimeout(() => this.flush(), 1000);
    this.timer.unref();
  }
}

export interface SubscribeDeps {
  inbox: Inbox;
  credits: SubscriptionCredits;
  templates: TemplateLibrary;
  appPages: AppPages;
}

const wxError = (errcode: number, errmsg: string): WxResult => ({ json: { errcode, errmsg } });

/** The first keyword whose value breaks its rule, or a missing/unknown one; null when the data is valid. */
function badKeyword(keywords: Record<string, KeywordType>, data: Record<string, unknown>): string | null {
  for (const [keyword, field] of Object.entries(data)) {
    if (!(keyword in keywords)) return `data.${keyword} invalid`;
    const value = isRecord(field) ? field.value : undefined;
    if (typeof value !== 'string' && typeof value !== 'number') return `data.${keyword}.value is empty`;
    const type = keywords[keyword] ?? keywordTypeOf(keyword);
    if (!type || !keywordValueValid(type, String(value))) return `data.${keyword}.value invalid`;
  }
  return null;
}

/** subscribeMessage.send: checks what WeChat checks, spends one consent, delivers into the inbox. */
export function sendSubscribeMessage(params: Record<string, unknown>, deps: SubscribeDeps): WxResult {
  const touser = typeof params.touser === 'string' ? params.touser : '';
  const templateId = typeof params.template_id === 'string' ? params.template_id : '';
  if (!touser) return wxError(40003, 'invalid openid');
  const keywords = deps.templates.get(templateId);
  if (!keywords) return wxError(40037, 'invalid template id');
  const page = typeof params.page === 'string' && params.page !== '' ? params.page : null;
  if (page !== null && !deps.appPages.pages.includes(page.replace(/^\//, '').split('?')[0])) {
    return wxError(41030, 'invalid page rid: page is not in the released mini program');
  }
  if (!isRecord(params.data) || Object.keys(params.data).length === 0) return wxError(47003, 'argument invalid! data is empty');
  const bad = badKeyword(keywords, params.data);
  if (bad) return wxError(47003, `argument invalid! ${bad}`);
  if (!deps.credits.spend(touser, templateId)) return wxError(43101, 'user refuse to accept the msg');
  const message = deps.inbox.add({
    touser,
    templateId,
    page,
    data: params.data,
    miniprogramState: typeof params.miniprogram_state === 'string' ? params.miniprogram_state : null,
    lang: typeof params.lang === 'string' ? params.lang : null,
  });
  return { json: { errcode: 0, errmsg: 'ok', msgid: message.msgid } };
}

/** requestSubscribeMessage's per-template answers. */
export type SubscribeAnswer = 'accept' | 'reject' | 'ban' | 'filter';

/**
 * `POST /api/_emulator/subscribe` `{ tmplIds, answers? }` (local mode): the consent popup's stand-in for the
 * signed-in identity. Each template is accepted unless `answers` says otherwise; an unknown id is 'filter' (as
 * WeChat answers for a template the account does not have). Answers `{ errMsg, [tmplId]: answer }` like
 * wx.requestSubscribeMessage. `GET /api/_emulator/subscribe?touser=` lists the consents left (for tests).
 */
export async function handleSubscribeRoute(
  credits: SubscriptionCredits,
  templates: TemplateLibrary,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
): Promise<boolean> {
  if (url.pathname !== '/api/_emulator/subscribe') return false;
  if (req.method === 'GET') {
    const touser = url.searchParams.get('touser') ?? '';
    sendJson(res, 200, { credits: Object.fromEntries([...templates.keys()].map((id) => [id, credits.count(touser, id)])) });
    return true;
  }
  if (req.method !== 'POST') return false;
  const openid = openidOf(req);
  const body = parseJsonObject(await readBody(req, MB));
  const ids = Array.isArray(body?.tmplIds) ? body.tmplIds.filter((x): x is string => typeof x === 'string') : [];
  if (!openid) {
    sendJson(res, 401, { errCode: -501000, errMsg: 'requestSubscribeMessage:fail 请先登录', code: 'UNAUTHENTICATED' });
    return true;
  }
  // WeChat: 1 to 3 template ids per popup for one-time templates.
  if (ids.length === 0 || ids.length > 3) {
    sendJson(res, 400, {
      errCode: 20003,
      errMsg: 'requestSubscribeMessage:fail TmplIds can not be empty or more than 3',
      code: 'INVALID_PARAM',
    });
    return true;
  }
  const answers = isRecord(body?.answers) ? body.answers : {};
  const reply: Record<string, string> = { errMsg: 'requestSubscribeMessage:ok' };
  for (const id of ids) {
    const wanted = answers[id];
    const answer: SubscribeAnswer = !templates.has(id) ? 'filter' : wanted === 'reject' || wanted === 'ban' ? wanted : 'accept';
    if (answer === 'accept') credits.grant(openid, id);
    reply[id] = answer;
  }
  sendJson(res, 200, reply);
  return true;
}
