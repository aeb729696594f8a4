/**
 * Reminders (订阅消息): the templates the app asks consent for, the events that send them, and the one
 * formatter that turns an event's values into what each keyword type accepts. Pure: no I/O.
 *
 * WeChat's rules this follows (https://developers.weixin.qq.com/miniprogram/dev/OpenApiDoc/mp-message-management/subscribe-message/sendMessage.html):
 * ordinary mini-programs get one-time templates only: each accept in wx.requestSubscribeMessage allows one send of
 * that template to that person, accepts accumulate, and no API tells how many are left, so the product keeps its own
 * ledger (collection `consents`). Keyword values: thing ≤ 20 characters, phrase ≤ 5 Han characters, name ≤ 10 Han
 * characters (or 20 letters), character_string ≤ 32 letters/digits/symbols, time/date a formatted date.
 */

/** A template's keyword types (the part of a keyword name before its number: thing1 → thing). */
export const KEYWORD_TYPES = ['thing', 'phrase', 'name', 'character_string', 'time', 'date', 'number'] as const;
export type KeywordType = (typeof KEYWORD_TYPES)[number];

/** The templates this app picked in the mini-program console, by the name the code uses for each. */
export const TEMPLATE_KEYS = ['stage', 'deadline', 'task', 'result'] as const;
export type TemplateKey = (typeof TEMPLATE_KEYS)[number];

export interface TemplateDef {
  /** The template's title in the console's library (what the person sees in the consent popup). */
  title: string;
  /** What it reminds about, shown on 消息提醒. */
  description: string;
  /** Keyword name → its type, as the console lists them for the picked template. */
  keywords: Record<string, KeywordType>;
  /**
   * The template id in the local emulator. On WeChat the id comes from the console; the notify function reads
   * it from its environment variable NOTIFY_TEMPLATE_<KEY> (README, 订阅消息提醒).
   */
  localId: string;
}

export const TEMPLATES: Record<TemplateKey, TemplateDef> = {
  stage: {
    title: '活动阶段提醒',
    description: '活动进入新阶段时提醒我',
    keywords: { thing1: 'thing', phrase2: 'phrase', date3: 'date', thing4: 'thing' },
    localId: 'local-tmpl-stage',
  },
  deadline: {
    title: '截止时间提醒',
    description: '承诺、评议、整改快到截止时间时提醒我',
    keywords: { thing1: 'thing', time2: 'time', thing3: 'thing' },
    localId: 'local-tmpl-deadline',
  },
  task: {
    title: '待办事项通知',
    description: '本支部发起签名、评议开始时提醒我',
    keywords: { thing1: 'thing', thing2: 'thing', name3: 'name', time4: 'time' },
    localId: 'local-tmpl-task',
  },
  result: {
    title: '结果公布通知',
    description: '评议结果、表彰名单公布时提醒我',
    keywords: { thing1: 'thing', phrase2: 'phrase', character_string3: 'character_string', thing4: 'thing' },
    localId: 'local-tmpl-result',
  },
};

/** Every event that sends a reminder. `live`: fired today; the others are declared for the features that will fire them. */
export const NOTIFY_EVENTS = {
  stageStart: { name: '阶段开始', template: 'stage', page: 'pages/home/index', urgent: false, live: true },
  pledgeDue3d: { name: '承诺截止前 3 天', template: 'deadline', page: 'pages/pledge/index', urgent: false, live: true },
  pledgeDue1d: { name: '承诺截止前 1 天', template: 'deadline', page: 'pages/pledge/index', urgent: false, live: true },
  orgPledgeDue3d: { name: '四好承诺截止前 3 天', template: 'deadline', page: 'pages/pledge/index', urgent: false, live: true },
  orgPledgeDue1d: { name: '四好承诺截止前 1 天', template: 'deadline', page: 'pages/pledge/index', urgent: false, live: true },
  // A secretary opens a session in a class meeting, at any hour: the people in the room need it now.
  signingOpen: { name: '本支部发起签名', template: 'task', page: 'pages/pledge/index', urgent: true, live: true },
  evaluationOpen: { name: '群众评议开始', template: 'task', page: 'pages/evaluate/index', urgent: false, live: true },
  evaluationClosing: { name: '评议明天截止', template: 'deadline', page: 'pages/evaluate/index', urgent: false, live: true },
  reviewDue: { name: '点评总结到期', template: 'deadline', page: 'pages/home/index', urgent: false, live: true },
  rectificationDue: { name: '整改即将到期', template: 'deadline', page: 'pages/home/index', urgent: false, live: true },
  rectificationOverdue: { name: '整改已逾期', template: 'deadline', page: 'pages/home/index', urgent: false, live: true },
  resultsPublished: { name: '评议结果公布', template: 'result', page: 'pages/evaluate/index', urgent: false, live: true },
  awardAnnounced: { name: '表彰结果公布', template: 'result', page: 'pages/home/index', urgent: false, live: true },
} as const satisfies Record<string, { name: string; template: TemplateKey; page: string; urgent: boolean; live: boolean }>;

export type NotifyKind = keyof typeof NOTIFY_EVENTS;

/** The templates each kind of event needs consent for, e.g. for a 提醒我 button. */
export function templatesOf(kinds: readonly NotifyKind[]): TemplateKey[] {
  return [...new Set(kinds.map((k) => NOTIFY_EVENTS[k].template))];
}

/** WeChat shows at most 3 templates in one consent popup. */
export const MAX_TEMPLATES_PER_REQUEST = 3;
/** A person's credits per template stop growing here (WeChat's own count is unknown; this keeps the ledger sane). */
export const MAX_CREDITS = 99;

/** Quiet hours in Shanghai: non-urgent reminders wait until 07:00. */
export const QUIET_FROM_HOUR = 22;
export const QUIET_UNTIL_HOUR = 7;
const SHANGHAI_OFFSET_MS = 8 * 3600 * 1000;

export function shanghaiHour(at: Date): number {
  return new Date(at.getTime() + SHANGHAI_OFFSET_MS).getUTCHours();
}

export function isQuietHour(at: Date): boolean {
  const h = shanghaiHour(at);
  return h >= QUIET_FROM_HOUR || h < QUIET_UNTIL_HOUR;
}

// ---------------------------------------------------------------------------------------------------------------
// Keyword formatting: one function per type; each returns a value WeChat accepts for that type, or throws.

const HAN = /\p{Script=Han}/u;
const chars = (s: string): string[] => [...s];

/** At most `max` characters; a cut value ends with '…' (which counts as one). */
function cut(value: string, max: number): string {
  const c = chars(value);
  return c.length <= max ? value : `${c.slice(0, max - 1).join('')}…`;
}

/** thing: ≤ 20 characters of any kind; line breaks become spaces. */
export function formatThing(value: string): string {
  const clean = value.replace(/\s+/g, ' ').trim();
  if (!clean) throw new Error('thing value is empty');
  return cut(clean, 20);
}

/** phrase: ≤ 5 Han characters only (others are dropped). */
export function formatPhrase(value: string): string {
  const han = chars(value).filter((c) => HAN.test(c));
  if (han.length === 0) throw new Error(`phrase value "${value}" has no Han characters`);
  return han.slice(0, 5).join('');
}

/** name: ≤ 10 characters when it holds any Han character, else ≤ 20 letters; digits and spaces are dropped. */
export function formatName(value: string): string {
  const c = chars(value.replace(/[\s\d]/g, ''));
  if (c.length === 0) throw new Error('name value is empty');
  return c.slice(0, c.some((x) => HAN.test(x)) ? 10 : 20).join('');
}

/** character_string: ≤ 32 ASCII letters, digits or symbols. */
export function formatCharacterString(value: string): string {
  const kept = value.replace(/[^\x21-\x7e]/g, '');
  if (!kept) throw new Error('character_string value is empty');
  return kept.slice(0, 32);
}

const pad = (n: number): string => String(n).padStart(2, '0');

function shanghaiParts(at: Date): { y: number; m: number; d: number; hh: string; mm: string } {
  const s = new Date(at.getTime() + SHANGHAI_OFFSET_MS);
  return { y: s.getUTCFullYear(), m: s.getUTCMonth() + 1, d: s.getUTCDate(), hh: pad(s.getUTCHours()), mm: pad(s.getUTCMinutes()) };
}

/** A 'YYYY-MM-DD' day or an instant (ISO string or Date). */
function instant(value: string | Date): { at: Date; dayOnly: boolean } {
  if (value instanceof Date) return { at: value, dayOnly: false };
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return { at: new Date(`${value}T00:00:00+08:00`), dayOnly: true };
  const at = new Date(value);
  if (Number.isNaN(at.getTime())) throw new Error(`"${value}" is not a date`);
  return { at, dayOnly: false };
}

/** time: '2026年12月7日 08:00' in Shanghai (a day alone: '2026年12月7日 23:59', its last minute). */
export function formatTime(value: string | Date): string {
  const { at, dayOnly } = instant(value);
  const p = shanghaiParts(at);
  return `${p.y}年${p.m}月${p.d}日 ${dayOnly ? '23:59' : `${p.hh}:${p.mm}`}`;
}

/** date: '2026年12月7日' in Shanghai. */
export function formatDate(value: string | Date): string {
  const p = shanghaiParts(instant(value).at);
  return `${p.y}年${p.m}月${p.d}日`;
}

/** number: ≤ 32 digits, may carry a decimal point. */
export function formatNumber(value: string | number): string {
  const s = String(value);
  if (!/^-?\d+(\.\d+)?$/.test(s) || s.replace(/\D/g, '').length > 32) throw new Error(`"${s}" is not a number keyword`);
  return s;
}

/** One keyword's value, formatted to its type. */
export function formatKeyword(type: KeywordType, value: string | Date | number): string {
  switch (type) {
    case 'thing':
      return formatThing(String(value));
    case 'phrase':
      return formatPhrase(String(value));
    case 'name':
      return formatName(String(value));
    case 'character_string':
      return formatCharacterString(String(value));
    case 'time':
      return formatTime(typeof value === 'number' ? new Date(value) : value);
    case 'date':
      return formatDate(typeof value === 'number' ? new Date(value) : value);
    case 'number':
      return formatNumber(typeof value === 'number' ? value : String(value));
  }
}

export type MessageData = Record<string, { value: string }>;

/** The `data` of subscribeMessage.send: every keyword of the template, formatted; a missing one throws. */
export function formatMessage(template: TemplateKey, values: Record<string, string>): MessageData {
  const out: MessageData = {};
  for (const [keyword, type] of Object.entries(TEMPLATES[template].keywords)) {
    const value = values[keyword];
    if (value === undefined) throw new Error(`template ${template} needs ${keyword}`);
    out[keyword] = { value: formatKeyword(type, value) };
  }
  return out;
}

/** Whether a value is one WeChat accepts for the type (the emulator's 47003 check uses the same rules). */
export function keywordValueValid(type: KeywordType, value: string): boolean {
  const c = chars(value);
  if (c.length === 0) return false;
  switch (type) {
    case 'thing':
      return c.length <= 20;
    case 'phrase':
      return c.length <= 5 && c.every((x) => HAN.test(x));
    case 'name':
      return c.some((x) => HAN.test(x)) ? c.length <= 10 : c.length <= 20 && /^[A-Za-z\s.·'-]+$/.test(value);
    case 'character_string':
      return c.length <= 32 && /^[\x21-\x7e]+$/.test(value);
    case 'time':
      return /^(\d{4}年\d{1,2}月\d{1,2}日 )?\d{1,2}:\d{2}(~.+)?$/.test(value) || /^\d{4}-\d{2}-\d{2}( \d{2}:\d{2}(:\d{2})?)?$/.test(value);
    case 'date':
      return /^\d{4}年\d{1,2}月\d{1,2}日( \d{1,2}:\d{2})?(~.+)?$/.test(value) || /^\d{4}-\d{2}-\d{2}( \d{2}:\d{2}(:\d{2})?)?$/.test(value);
    case 'number':
      return /^-?\d+(\.\d+)?$/.test(value) && value.replace(/\D/g, '').length <= 32;
  }
}

/** The type of a keyword name: thing12 → thing, character_string3 → character_string; null when unknown. */
export function keywordTypeOf(keyword: string): KeywordType | null {
  const base = keyword.replace(/\d+$/, '');
  return (KEYWORD_TYPES as readonly string[]).includes(base) ? (base as KeywordType) : null;
}

// ---------------------------------------------------------------------------------------------------------------
// The notify domain's contract.

/** Why a person was not reached. */
export const UNREACHABLE_REASONS = {
  unbound: '未绑定微信',
  noCredit: '未订阅提醒',
  refused: '已拒收或退订',
  badOpenid: '微信身份无效',
  config: '模板配置错误',
  failed: '多次发送失败',
  interrupted: '发送中断',
} as const;
export type UnreachableReason = keyof typeof UNREACHABLE_REASONS;

export interface ReminderTemplateView {
  key: TemplateKey;
  title: string;
  description: string;
  /** The id to pass to wx.requestSubscribeMessage. */
  templateId: string;
  /** Messages of this template the person can still receive. */
  remaining: number;
  /** The events that use it. */
  events: string[];
}

export interface MyReminders {
  templates: ReminderTemplateView[];
}

export interface NotifyEventView {
  id: string;
  kind: NotifyKind;
  name: string;
  title: string;
  createdAt: string;
  /** In the caller's org: messages sent, people not reached, still waiting. */
  sent: number;
  unreachable: number;
  pending: number;
}

export interface UnreachablePerson {
  memberId: string;
  name: string;
  studentNo: string;
  reason: UnreachableReason;
  reasonText: string;
}

export interface UnreachableList {
  eventId: string;
  eventName: string;
  people: UnreachablePerson[];
  /** More than the list holds (it stops at MAX_UNREACHABLE_LISTED). */
  truncated: boolean;
}

export const MAX_UNREACHABLE_LISTED = 2000;

export interface NotifyApi {
  /** The caller's credits per template and the template ids to ask consent for. */
  myReminders: { payload: Record<string, never>; result: MyReminders };
  /** After wx.requestSubscribeMessage: one credit for each template the person accepted. */
  recordConsent: { payload: { accepted: TemplateKey[] }; result: MyReminders };
  /** Recent reminder events that concern the org, with counts in its subtree. */
  events: { payload: { orgId: string }; result: NotifyEventView[] };
  /** Who in the org's subtree the event could not reach, and why. */
  unreachable: { payload: { orgId: string; eventId: string }; result: UnreachableList };
}

/** The event a timer trigger passes to a function (WeChat: { Type: 'Timer', TriggerName, Time }). */
export interface TimerEvent {
  Type: 'Timer';
  TriggerName: string;
  Time: string;
}

export function isTimerEvent(event: unknown): event is TimerEvent {
  if (typeof event !== 'object' || event === null) return false;
  const e = event as Record<string, unknown>;
  return e.Type === 'Timer' && typeof e.TriggerName === 'string';
}

/** What one sender run did (the timer's answer, for logs and the bench). */
export interface SenderRun {
  planned: number;
  expanded: number;
  sent: number;
  unreachable: number;
  failed: number;
  retried: number;
  deferred: boolean;
  /** Work left for the next run. */
  more: boolean;
  ms: number;
}

// ---------------------------------------------------------------------------------------------------------------
// Stored documents (collections consents, notifyEvents, notifyJobs).

/** The consent ledger: one per person (openid) and template. `_id` is `${template}:${openid}`. */
export interface Consent {
  _id: string;
  openid: string;
  template: TemplateKey;
  /** Sends left: +1 per accept, -1 per send. */
  remaining: number;
  accepted: number;
  spent: number;
  updatedAt: Date;
}

/** The roles an audience can reach by their grants (their holders may be staff accounts, not on the roster). */
export type HolderRole = 'generalSecretary' | 'secretary';

/**
 * Who an event concerns: members of an org's subtree (null: everyone), optionally only those who have not signed a
 * round; or a list of members; or the holders of roles on orgs of the subtree.
 */
export interface Audience {
  orgId: string | null;
  unsigned?: { campaignId: string; roundKey: string };
  /** Exactly these members (features that know their people, e.g. a rectification's responsible person). */
  memberIds?: string[];
  /**
   * The holders of these roles (roster members and staff alike, reached by the openid their grant mirrors); with
   * `unsubmitted`, only on orgs that have not submitted the round's 四好 pledge.
   */
  holders?: {
    roles: HolderRole[];
    unsubmitted?: { campaignId: string; roundKey: string };
    /** Only on branches and general branches that have not submitted the round's stage summary (点评总结). */
    unsummarised?: { campaignId: string; roundKey: string };
  };
}

/** One occurrence of an event; `_id` is `${kind}:${key}`, so firing it twice creates it once. */
export interface NotifyEvent {
  _id: string;
  kind: NotifyKind;
  title: string;
  /** Keyword → raw value, formatted at send time by formatMessage. */
  values: Record<string, string>;
  page: string;
  urgent: boolean;
  audience: Audience;
  /** The audience org and its ancestors ([] for everyone): which admins see the event. */
  scope: string[];
  /** 'expanding' while jobs are being created, page by page from `cursor`. */
  status: 'expanding' | 'ready';
  cursor: string | null;
  pages: number;
  createdAt: Date;
}

export type JobStatus = 'pending' | 'claimed' | 'sent' | 'unreachable';

/**
 * One message to one person for one event: `_id` is `${eventId}|${memberId}`, so a second fan-out cannot add it
 * again. `memberId` is the person's id: a roster member's, or for a role holder the grant's holderId (a member or a
 * staff account), so a person holding two grants gets one job.
 */
export interface NotifyJob {
  _id: string;
  eventId: string;
  kind: NotifyKind;
  template: TemplateKey;
  memberId: string;
  name: string;
  /** '' for a staff account. */
  studentNo: string;
  openid: string | null;
  /** The member's org path, or for a role holder the path of the org the grant is on. */
  orgPath: string[];
  /** Jobs are claimed a batch (≤ 100, one fan-out page) at a time. */
  batch: string;
  /** Which of NOTIFY_LANES lanes the batch is in: overlapping runs start in different lanes and rarely meet. */
  lane: number;
  status: JobStatus;
  reason: UnreachableReason | null;
  attempts: number;
  notBefore: Date;
  urgent: boolean;
  runId: string | null;
  claimedAt: Date | null;
  doneAt: Date | null;
}
