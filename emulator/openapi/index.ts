import { type AppPages, readAppPages } from './app-pages';
import { defaultReviewWords } from './blocked-words';
import type { Inbox } from './inbox';
import type { MediaCheckQueue } from './media-check';
import { decodeCommApiData, encodeCommOpenApiResp } from './protobuf';
import { mediaCheckAsync, msgSecCheck } from './security';
import { defaultTemplateLibrary, sendSubscribeMessage, type SubscriptionCredits, type TemplateLibrary } from './subscribe-message';
import { getUnlimited } from './wxacode';
import type { WxResult } from './wx-result';

export interface OpenApiContext {
  baseUrl(): string;
  inbox: Inbox;
  blockedWords: string[];
  /** Words msgSecCheck v2 answers 'review' for; default STRIVE_REVIEW_WORDS or openapi/review-words.txt. */
  reviewWords?: string[];
  /** The app's pages (getUnlimited's check_path and home page); default read from src/app.config.ts. */
  appPages?: AppPages;
  /** One-time subscription consents left per person and template (subscribeMessage.send spends them). */
  credits: SubscriptionCredits;
  /** Templates picked in the console; default the app's own (types/notify.ts). */
  templates?: TemplateLibrary;
  /** mediaCheckAsync's delayed verdicts (the wxa_media_check event); without it the call only answers a trace id. */
  mediaChecks?: MediaCheckQueue;
}

/** wx-server-sdk's codes for a call the platform refuses before reaching WeChat. */
const API_NOT_FOUND = -604100;
const NO_PERMISSION = -604101;

/**
 * Answers the `wx.openApi` admin action: `requestData` is a protobuf CommApiData whose pairs hold
 * JSON parameters; the answer is a protobuf CommOpenApiResp (what cloud.openapi.* decodes).
 * `allowed` is the caller's declared openapi permissions (config.json), or null when unknown.
 */
export async function handleOpenApi(ctx: OpenApiContext, apiName: string, requestData: Buffer, allowed: string[] | null): Promise<Buffer> {
  if (allowed && !allowed.includes(apiName)) return errorResp(NO_PERMISSION);
  const request = decodeCommApiData(requestData);
  const params: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(request.params)) {
    try {
      params[key] = JSON.parse(value.toString('utf8'));
    } catch {
      params[key] = value.toString('utf8');
    }
  }
  const result = await dispatch(ctx, apiName, params);
  if (!result) return errorResp(API_NOT_FOUND);
  if ('binary' in result) return encodeCommOpenApiResp({ respData: result.binary, contentType: result.contentType });
  return encodeCommOpenApiResp({
    respData: Buffer.from(JSON.stringify(result.json)),
    contentType: 'application/json; charset=utf-8',
  });
}

async function dispatch(ctx: OpenApiContext, apiName: string, params: Record<string, unknown>): Promise<WxResult | null> {
  switch (apiName) {
    case 'wxacode.getUnlimited':
      return getUnlimited(ctx.baseUrl(), params, ctx.appPages ?? readAppPages());
    case 'subscribeMessage.send':
      return sendSubscribeMessage(params, {
        inbox: ctx.inbox,
        credits: ctx.credits,
        templates: ctx.templates ?? defaultTemplateLibrary(),
        appPages: ctx.appPages ?? readAppPages(),
      });
    case 'security.msgSecCheck':
      return msgSecCheck(params, ctx.blockedWords, ctx.reviewWords ?? defaultReviewWords());
    case 'security.mediaCheckAsync':
      return ctx.mediaChecks ? ctx.mediaChecks.accept(params) : mediaCheckAsync();
    default:
      return null;
  }
}

function errorResp(errorCode: number): Buffer {
  return encodeCommOpenApiResp({ respData: Buffer.alloc(0), contentType: '', errorCode, httpCode: 200 });
}
