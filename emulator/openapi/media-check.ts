/**
 * security.mediaCheckAsync (v2) as WeChat runs it: the call answers a trace_id at once; the verdict
 * arrives later as a `wxa_media_check` event, pushed to the cloud function the environment's
 * message-push settings name (云开发 → 设置 → 消息推送; here cloudfunctions/message-push.json).
 *
 * Locally the verdict comes from a rule on the image's bytes: its SHA-256 listed as risky or review
 * (openapi/media-rules.txt, STRIVE_MEDIA_RULES, or rules added at run time), anything else passes. The
 * event is due `delayMs` after the call on the emulator clock: it is delivered when that much real time
 * has passed, or at once when the clock is moved past it (tests advance the clock instead of sleeping).
 * A rule can also make the verdict early: delivered before the call answers its trace id, the worst case
 * of the race between WeChat's push and the function still saving the post the photo belongs to.
 */
import { createHash, randomBytes } from 'crypto';
import fs from 'fs';
import path from 'path';
import type { EmulatorClock } from '../clock';
import { isRecord } from '../http/body';
import { diskPath, isSafeCloudPath } from '../storage/file-id';
import type { WxResult } from './wx-result';

export type MediaSuggest = 'pass' | 'risky' | 'review';

/** WeChat's labels: 100 normal, 20002 色情, 21000 其他. */
const LABEL: Record<MediaSuggest, number> = { pass: 100, risky: 20002, review: 21000 };

export const DEFAULT_MEDIA_RULES_FILE = path.join(__dirname, 'media-rules.txt');
export const DEFAULT_MESSAGE_PUSH_FILE = path.resolve(__dirname, '../../cloudfunctions/message-push.json');
/** WeChat pushes within 30 minutes, usually seconds; a few seconds keeps local mode honest about "later". */
export const DEFAULT_MEDIA_CHECK_DELAY_MS = 5_000;

/** `<sha256> risky|review` per line; `#` starts a comment. */
export function readMediaRules(file: string): Map<string, MediaSuggest> {
  const rules = new Map<string, MediaSuggest>();
  let text = '';
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    return rules;
  }
  for (const line of text.split(/\r?\n/)) {
    const [hash, suggest] = line.replace(/#.*$/, '').trim().split(/\s+/);
    if (hash && /^[0-9a-f]{64}$/i.test(hash) && (suggest === 'risky' || suggest === 'review')) rules.set(hash.toLowerCase(), suggest);
  }
  return rules;
}

/** The function each pushed event type goes to: `{ "wxa_media_check": "fulfil" }`. */
export function readMessagePush(file = DEFAULT_MESSAGE_PUSH_FILE): Record<string, string> {
  try {
    const raw: unknown = JSON.parse(fs.readFileSync(file, 'utf8'));
    if (!isRecord(raw)) return {};
    return Object.fromEntries(Object.entries(raw).filter((e): e is [string, string] => typeof e[1] === 'string'));
  } catch {
    return {};
  }
}

export interface MediaCheckEvent {
  ToUserName: string;
  FromUserName: string;
  CreateTime: number;
  MsgType: 'event';
  Event: 'wxa_media_check';
  appid: string;
  trace_id: string;
  version: 2;
  result: { suggest: MediaSuggest; label: number };
  detail: { strategy: string; errcode: number; suggest: MediaSuggest; label: number; prob: number }[];
}

export interface MediaCheckDeps {
  clock: EmulatorClock;
  /** `<dataDir>/storage`, and the base URL its files are served at. */
  storageRoot: string;
  baseUrl(): string;
  appid: string;
  /** Runs the configured function with the event; never rejects. */
  deliver(functionName: string, event: MediaCheckEvent): Promise<void>;
  rules?: Map<string, MediaSuggest>;
  delayMs?: number;
  messagePush?: Record<string, string>;
}

interface Pending {
  due: number;
  event: MediaCheckEvent;
}

/** Trace ids look like WeChat's: 8-8-8 hex. */
function traceId(): string {
  const hex = randomBytes(12).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 16)}-${hex.slice(16, 24)}`;
}

export class MediaCheckQueue {
  private pending: Pending[] = [];
  private handle: NodeJS.Timeout | null = null;
  private stopped = false;
  private readonly rules: Map<string, MediaSuggest>;
  /** Images whose verdict is pushed before mediaCheckAsync answers. */
  private readonly early = new Set<string>();

  constructor(private readonly deps: MediaCheckDeps) {
    this.rules = deps.rules ?? readMediaRules(process.env.STRIVE_MEDIA_RULES || DEFAULT_MEDIA_RULES_FILE);
  }

  /** Adds (or replaces) the verdict for an image's SHA-256; `early` pushes it before the call answers. */
  setRule(sha256: string, suggest: MediaSuggest, early = false): void {
    this.rules.set(sha256.toLowerCase(), suggest);
    if (early) this.early.add(sha256.toLowerCase());
    else this.early.delete(sha256.toLowerCase());
  }

  /** How many verdicts wait for delivery. */
  size(): number {
    return this.pending.length;
  }

  /**
   * The openapi call: refuses what v2 refuses (40003 no openid, 40129 scene outside 1–4, 47001 bad
   * url or media type), else queues the verdict and answers the trace id.
   */
  async accept(params: Record<string, unknown>): Promise<WxResult> {
    if (Number(params.version) !== 2) return { json: { errcode: 47001, errmsg: 'only version 2 is emulated rid: local' } };
    if (typeof params.openid !== 'string' || !params.openid.trim())
      return { json: { errcode: 40003, errmsg: 'invalid openid rid: local' } };
    const scene = Number(params.scene);
    if (!Number.isInteger(scene) || scene < 1 || scene > 4) return { json: { errcode: 40129, errmsg: 'invalid scene rid: local' } };
    const mediaType = Number(params.media_type);
    const url = params.media_url;
    if ((mediaType !== 1 && mediaType !== 2) || typeof url !== 'string' || !/^https?:\/\//.test(url)) {
      return { json: { errcode: 47001, errmsg: 'data format error rid: local' } };
    }
    const { suggest, sha256 } = this.verdict(url);
    const id = traceId();
    const event: MediaCheckEvent = {
      ToUserName: 'gh_local',
      FromUserName: params.openid,
      CreateTime: 0,
      MsgType: 'event',
      Event: 'wxa_media_check',
      appid: this.deps.appid,
      trace_id: id,
      version: 2,
      result: { suggest, label: LABEL[suggest] },
      detail: [{ strategy: 'content_model', errcode: 0, suggest, label: LABEL[suggest], prob: suggest === 'pass' ? 0 : 90 }],
    };
    if (sha256 && this.early.has(sha256)) {
      event.CreateTime = Math.floor(this.deps.clock.nowMs() / 1000);
      await this.push(event);
      return { json: { errcode: 0, errmsg: 'ok', trace_id: id } };
    }
    this.pending.push({ due: this.deps.clock.nowMs() + (this.deps.delayMs ?? DEFAULT_MEDIA_CHECK_DELAY_MS), event });
    this.arm();
    return { json: { errcode: 0, errmsg: 'ok', trace_id: id } };
  }

  /** Delivers every verdict whose time has come (after a clock move); resolves when they have run. */
  async catchUp(): Promise<number> {
    if (this.stopped) return 0;
    const now = this.deps.clock.nowMs();
    const due = this.pending.filter((p) => p.due <= now).sort((a, b) => a.due - b.due);
    this.pending = this.pending.filter((p) => p.due > now);
    for (const p of due) {
      p.event.CreateTime = Math.floor(now / 1000);
      await this.push(p.event);
    }
    this.arm();
    return due.length;
  }

  /** Runs the function message-push.json names with the event. */
  private async push(event: MediaCheckEvent): Promise<void> {
    const target = (this.deps.messagePush ?? readMessagePush()).wxa_media_check;
    if (target) await this.deps.deliver(target, event);
    else console.error(`[emulator] wxa_media_check ${event.trace_id}: no function configured in message-push.json; dropped`);
  }

  stop(): void {
    this.stopped = true;
    if (this.handle) clearTimeout(this.handle);
    this.handle = null;
  }

  /** The image's SHA-256 against the rules; a URL the emulator cannot read goes to review. */
  private verdict(url: string): { suggest: MediaSuggest; sha256: string | null } {
    const unreadable = { suggest: 'review' as const, sha256: null };
    const base = `${this.deps.baseUrl()}/storage/`;
    if (!url.startsWith(base)) return unreadable;
    let cloudPath: string;
    try {
      cloudPath = decodeURIComponent(url.slice(base.length).split('?')[0]);
    } catch {
      return unreadable;
    }
    if (!isSafeCloudPath(cloudPath)) return unreadable;
    let bytes: Buffer;
    try {
      bytes = fs.readFileSync(diskPath(this.deps.storageRoot, cloudPath));
    } catch {
      return unreadable;
    }
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    return { suggest: this.rules.get(sha256) ?? 'pass', sha256 };
  }

  /** A real-time wake-up for the earliest verdict. */
  private arm(): void {
    if (this.handle) clearTimeout(this.handle);
    this.handle = null;
    if (this.stopped || this.pending.length === 0) return;
    const next = Math.min(...this.pending.map((p) => p.due));
    this.handle = setTimeout(() => void this.catchUp(), Math.max(0, next - this.deps.clock.nowMs()));
    this.handle.unref();
  }
}
