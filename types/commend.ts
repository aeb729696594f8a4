/**
 * 评比表彰 and 先进典型: the committee opens a commendation (awards, quotas per level, timeline), nominations
 * move up the tree (branch → general branch → committee), approved names are published (公示) and may be
 * objected to, awards are issued with a verification code, and model stories are published to the tree.
 * Pure: declarations and rules both sides read; no I/O.
 */
import type { FourLead } from './models';
import type { PhotoView, Removed, StoredPhoto } from './fulfil';
import type { TextLimit } from './fields';
import { addDays, isDay } from './time';

/** Who an award is for: a member (优秀共青团员) or a branch (五四红旗团组织). */
export type AwardSubject = 'member' | 'org';

/**
 * How many nominations each level may send up: `perBranch` (members a branch nominates; member awards
 * only), `perGeneral` (what a general branch forwards or nominates), `total` (what the committee approves).
 */
export interface Quota {
  perBranch: number;
  perGeneral: number;
  total: number;
}

export interface AwardDef {
  /** Letters, digits and hyphens, e.g. 'red-flag-org'. */
  key: string;
  name: string;
  subject: AwardSubject;
  quota: Quota;
}

/** The two awards of the seed; the committee may add more when it opens a commendation. */
export const DEFAULT_AWARDS: readonly Omit<AwardDef, 'quota'>[] = [
  { key: 'red-flag-org', name: '五四红旗团组织', subject: 'org' },
  { key: 'outstanding-member', name: '优秀共青团员', subject: 'member' },
];

export const MAX_AWARDS = 8;

/** The fields people type in this domain, with their Chinese labels and limits (types/fields.ts TextLimit). */
export const COMMEND_FIELDS = {
  commendTitle: { label: '表彰名称', max: 60 },
  awardName: { label: '奖项名称', max: 20 },
  reason: { label: '推荐理由', min: 5, max: 500, multiline: true },
  decisionReason: { label: '理由', min: 2, max: 200, multiline: true },
  objection: { label: '异议内容', min: 5, max: 500, multiline: true },
  storyTitle: { label: '标题', max: 40 },
  storyBody: { label: '事迹', min: 10, max: 3000, multiline: true },
} as const satisfies Record<string, TextLimit>;
export const MAX_QUOTA = 500;
export const MAX_NOTICE_DAYS = 30;

/** A window of Shanghai days, both ends inclusive. */
export interface DayWindow {
  start: string;
  end: string;
}

/**
 * The commendation's timeline: branches (and general branches, for branches) nominate in `nominate`;
 * general branches forward or decline in `forward`; the committee approves or declines in `approve`;
 * 公示 lasts `noticeDays` from the day it is published.
 */
export interface CommendTimeline {
  nominate: DayWindow;
  forward: DayWindow;
  approve: DayWindow;
  noticeDays: number;
}

export const WINDOW_NAMES: Record<'nominate' | 'forward' | 'approve', string> = {
  nominate: '推荐时间',
  forward: '团总支审核时间',
  approve: '校团委审定时间',
};

/** Problems of a timeline (field path and reason), empty when valid: real days, start ≤ end, windows in order. */
export function commendTimelineProblems(t: CommendTimeline): { field: string; reason: string }[] {
  const out: { field: string; reason: string }[] = [];
  const keys = ['nominate', 'forward', 'approve'] as const;
  for (const k of keys) {
    const w = t[k];
    if (!isDay(w.start)) out.push({ field: `timeline.${k}.start`, reason: `${WINDOW_NAMES[k]}的开始日期无效` });
    if (!isDay(w.end)) out.push({ field: `timeline.${k}.end`, reason: `${WINDOW_NAMES[k]}的结束日期无效` });
    if (isDay(w.start) && isDay(w.end) && w.end < w.start)
      out.push({ field: `timeline.${k}`, reason: `${WINDOW_NAMES[k]}的结束日期早于开始日期` });
  }
  for (let i = 1; i < keys.length; i++) {
    const prev = t[keys[i - 1]];
    const cur = t[keys[i]];
    if (cur.start < prev.start || cur.end < prev.end) {
      out.push({ field: `timeline.${keys[i]}`, reason: `${WINDOW_NAMES[keys[i]]}不能早于${WINDOW_NAMES[keys[i - 1]]}` });
    }
  }
  return out;
}

/** Where `day` stands against a window: before it, in it, after it. */
export function windowState(w: DayWindow, day: string): 'before' | 'open' | 'after' {
  return day < w.start ? 'before' : day > w.end ? 'after' : 'open';
}

/** The last day of a 公示 published on `startDay` for `days` days. */
export const noticeEnd = (startDay: string, days: number): string => addDays(startDay, days - 1);

/** 公示: published once by the committee; objections are taken until `end` (inclusive). */
export interface Notice {
  start: string;
  end: string;
  publishedBy: string;
  publishedAt: Date;
}

/** A commendation of the campaign, opened by the committee. */
export interface Commendation {
  _id: string;
  campaignId: string;
  /** The pledge round whose records are the evidence. */
  roundKey: string;
  /** The committee org that opened it: everyone in its tree sees the 公示 and the awards. */
  orgId: string;
  orgName: string;
  title: string;
  awards: AwardDef[];
  timeline: CommendTimeline;
  notice: Notice | null;
  /** Set once the awards are issued; nothing changes after. */
  issuedAt: Date | null;
  openedBy: string;
  openedAt: Date;
}

export const NOMINATION_STATUSES = ['nominated', 'forwarded', 'approved', 'declined', 'revoked', 'awarded'] as const;
export type NominationStatus = (typeof NOMINATION_STATUSES)[number];
export const NOMINATION_STATUS_NAMES: Record<NominationStatus, string> = {
  nominated: '待团总支审核',
  forwarded: '待校团委审定',
  approved: '已审定',
  declined: '未通过',
  revoked: '公示后撤销',
  awarded: '已授予',
};

export type StepAction = 'nominate' | 'forward' | 'decline' | 'approve' | 'revoke' | 'award';
export const STEP_NAMES: Record<StepAction, string> = {
  nominate: '推荐',
  forward: '团总支同意上报',
  decline: '未通过',
  approve: '校团委审定通过',
  revoke: '异议成立，撤销',
  award: '授予',
};

/** One step of a nomination: who, when, why (the audit log keeps the same with before/after). */
export interface NominationStep {
  action: StepAction;
  by: string;
  byName: string;
  /** The org in whose name the step was taken. */
  orgName: string;
  reason: string;
  at: Date;
}

/**
 * One nomination of a subject for an award: `_id` is `${commendationId}:${awardKey}:${subjectId}`, so a
 * subject is nominated once per award whoever tries. The quota slots it holds are released when it is
 * declined or revoked.
 */
export interface Nomination {
  _id: string;
  commendationId: string;
  campaignId: string;
  roundKey: string;
  awardKey: string;
  awardName: string;
  subject: AwardSubject;
  subjectId: string;
  subjectName: string;
  /** The member's branch, or the nominated branch itself. */
  branchId: string;
  branchName: string;
  generalId: string;
  generalName: string;
  /** The subject's org lineage (the member's orgPath, or the branch's lineage): scope queries. */
  orgPath: string[];
  status: NominationStatus;
  reason: string;
  steps: NominationStep[];
  /** Ids of the quota slots (commendSlots) it holds. */
  slots: string[];
  updatedAt: Date;
}

/** A quota slot: `${commendationId}:${awardKey}:${level}:${orgId}:${n}`; a unique id turns a quota race into a duplicate key. */
export interface CommendSlot {
  _id: string;
  commendationId: string;
  nominationId: string;
}

export type ObjectionStatus = 'open' | 'upheld' | 'dismissed';
export const OBJECTION_STATUS_NAMES: Record<ObjectionStatus, string> = { open: '待处理', upheld: '异议成立', dismissed: '异议不成立' };

/** An objection to a published name: `_id` is `${nominationId}|${openid}`, one per person and name. Seen by the committee only. */
export interface Objection {
  _id: string;
  commendationId: string;
  /** The commendation's org (the committee): the resolving action targets it. */
  orgId: string;
  nominationId: string;
  subjectName: string;
  awardName: string;
  text: string;
  by: string;
  byName: string;
  at: Date;
  status: ObjectionStatus;
  resolution: { reason: string; by: string; byName: string; at: Date } | null;
}

/** An issued award; `code` is the short verification code printed on the certificate and carried by its QR. */
export interface Award {
  _id: string; // `award:${nominationId}`
  code: string;
  commendationId: string;
  commendationTitle: string;
  nominationId: string;
  awardKey: string;
  awardName: string;
  subject: AwardSubject;
  subjectId: string;
  subjectName: string;
  branchName: string;
  orgPath: string[];
  /** The subject's org (the member's branch or the branch): certificates are read there. */
  orgId: string;
  /** The org that issued it (the committee's name), printed on the certificate. */
  issuer: string;
  issuedOn: string;
  issuedAt: Date;
  qrFileID: string | null;
}

/** Verification codes: 10 characters without look-alikes (0/O, 1/I/L), 31^10 ≈ 8×10^14. */
export const CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
export const CODE_LENGTH = 10;
export const isAwardCode = (s: string): boolean => s.length === CODE_LENGTH && [...s].every((c) => CODE_ALPHABET.includes(c));

/** The page a certificate's 小程序码 opens; the scene is `c=<code>` (12 characters, under the 32 allowed). */
export const VERIFY_PAGE = 'package-commend/verify/index';
export const verifySceneOf = (code: string): string => `c=${code}`;
/** The code a scanned scene (`c=<code>`, possibly URI-encoded) carries, or null. */
export function codeOfScene(scene: string): string | null {
  let s = scene;
  try {
    s = decodeURIComponent(scene);
  } catch {
    // not encoded
  }
  const m = /^c=([A-Z0-9]+)$/.exec(s.trim());
  return m && isAwardCode(m[1]) ? m[1] : null;
}

/** A 先进典型 story, from an award or an activity (or neither), with photos checked like activity photos. */
export interface Story {
  _id: string;
  /** The publishing org: its secretaries see its photos before the check passed. */
  orgId: string;
  orgPath: string[];
  orgName: string;
  title: string;
  body: string;
  photos: StoredPhoto[];
  source: StorySource | null;
  archived: boolean;
  postedBy: string;
  postedByName: string;
  postedAt: Date;
}

export interface StorySource {
  kind: 'award' | 'activity';
  id: string;
  /** The award's winner and award name, or the activity's title. */
  label: string;
}

/** Cloud folder of an org's story photos; the server accepts photos only from here. */
export const storyFolder = (orgId: string): string => `commend/${orgId}/stories/`;
export const MAX_STORY_PHOTOS = 9;
export const STORY_PAGE = 10;

// ---- views (what the app receives) ----

export interface CommendationView {
  id: string;
  title: string;
  roundKey: string;
  orgId: string;
  awards: AwardDef[];
  timeline: CommendTimeline;
  today: string;
  notice: { start: string; end: string } | null;
  issued: boolean;
}

/** The commendation of the running campaign (null when none is open), and the caller's own awards. */
export interface CommendOverview {
  commendation: CommendationView | null;
  myAwards: AwardView[];
}

export interface StepView {
  action: StepAction;
  byName: string;
  orgName: string;
  reason: string;
  at: string;
}

export interface NominationView {
  id: string;
  awardKey: string;
  awardName: string;
  subject: AwardSubject;
  subjectId: string;
  subjectName: string;
  branchId: string;
  branchName: string;
  status: NominationStatus;
  reason: string;
  steps: StepView[];
}

/** 四带头 evidence of a member: the pledge, check-ins per item, activities attended, the secretary's review. */
export interface MemberEvidence {
  kind: 'member';
  signedAt: string | null;
  leads: { lead: FourLead; commitments: string[]; checkIns: number }[];
  activities: { id: string; title: string; date: string }[];
  review: { grade: string; comment: string; byName: string } | null;
}

/** 四好 evidence of a branch: its pledge, activities, its review by the general branch, the mass-evaluation result. */
export interface OrgEvidence {
  kind: 'org';
  pledged: boolean;
  activities: { id: string; title: string; date: string }[];
  review: { grade: string; comment: string; byName: string } | null;
  /** The mass evaluation's result for the branch (群众评议); null until that domain provides it. */
  evaluation: EvaluationResult | null;
}

/** What the mass-evaluation domain reports for an org (the hook `evaluationResultOf` answers it). */
export interface EvaluationResult {
  summary: string;
  satisfiedRate: number | null;
}

export interface NominationDetail extends NominationView {
  evidence: MemberEvidence | OrgEvidence;
}

export interface NominationList {
  items: NominationView[];
  /** Per award: how many this org has sent up (active, not declined) and its quota at this level. */
  quotas: { awardKey: string; used: number; quota: number; level: 'branch' | 'general' | 'committee' }[];
}

export interface NoticeView {
  commendationId: string;
  title: string;
  notice: { start: string; end: string } | null;
  today: string;
  /** Open for objections today. */
  open: boolean;
  items: NominationView[];
  issued: boolean;
  /** Committee only: objections still open. */
  openObjections: number | null;
}

export interface ObjectionView {
  id: string;
  nominationId: string;
  subjectName: string;
  awardName: string;
  text: string;
  byName: string;
  at: string;
  status: ObjectionStatus;
  resolution: { reason: string; byName: string; at: string } | null;
}

export interface AwardView {
  id: string;
  code: string;
  commendationTitle: string;
  awardName: string;
  subject: AwardSubject;
  subjectName: string;
  branchName: string;
  issuedOn: string;
}

export interface CertificateView extends AwardView {
  scene: string;
  page: string;
  /** The 小程序码 image (temporary URL) that opens the verification page. */
  qrUrl: string;
  /** The issuer printed on the certificate. */
  issuer: string;
}

export type VerifyResult = { valid: true; award: AwardView; issuer: string } | { valid: false };

export interface StoryView {
  id: string;
  orgId: string;
  orgName: string;
  title: string;
  body: string;
  photos: PhotoView[];
  removed: Removed | null;
  source: StorySource | null;
  postedByName: string;
  postedAt: string;
  manageable: boolean;
}

export interface StoryFeed {
  items: StoryView[];
  cursor: string | null;
}

export interface OpenCommendationInput {
  orgId: string;
  title: string;
  roundKey: string;
  awards: AwardDef[];
  timeline: CommendTimeline;
}

export interface PublishStoryInput {
  orgId: string;
  title: string;
  body: string;
  photos: string[];
  source: { kind: 'award' | 'activity'; id: string } | null;
}

export type Decision<A extends string> = { decision: A | 'decline'; reason: string };

export interface CommendApi {
  /** The committee opens a commendation for the running campaign. */
  openCommendation: { payload: OpenCommendationInput; result: CommendationView };
  /** The running campaign's commendation and the caller's own awards. */
  overview: { payload: Record<string, never>; result: CommendOverview };
  /** A branch secretary nominates a member of the branch. */
  nominateMember: { payload: { commendationId: string; awardKey: string; memberId: string; reason: string }; result: NominationView };
  /** A general secretary nominates a branch of the college. */
  nominateOrg: { payload: { commendationId: string; awardKey: string; orgId: string; reason: string }; result: NominationView };
  /** A general secretary forwards a branch's member nomination up, or declines it, with a reason. */
  forward: { payload: { nominationId: string } & Decision<'forward'>; result: NominationView };
  /** The committee approves or declines a nomination that reached it. */
  decide: { payload: { nominationId: string } & Decision<'approve'>; result: NominationView };
  /** Nominations in an org's subtree, with the org's quota use. */
  nominations: { payload: { commendationId: string; orgId: string }; result: NominationList };
  /** One nomination with its evidence. */
  nomination: { payload: { nominationId: string }; result: NominationDetail };
  /** The committee publishes the approved names (公示) for the timeline's number of days. */
  publishNotice: { payload: { commendationId: string }; result: NoticeView };
  /** The 公示 as anyone in the tree sees it. */
  notice: { payload: { commendationId: string }; result: NoticeView };
  /** Anyone in the tree objects to a published name (content-checked; the committee alone reads it). */
  raiseObjection: { payload: { nominationId: string; text: string }; result: { received: true } };
  objections: { payload: { commendationId: string }; result: ObjectionView[] };
  /** The committee resolves an objection: upheld revokes the nomination, dismissed keeps it. */
  resolveObjection: { payload: { objectionId: string; outcome: 'upheld' | 'dismissed'; reason: string }; result: ObjectionView };
  /** After the 公示 ends with no open objection, the committee issues the awards (announced by reminder). */
  issueAwards: { payload: { commendationId: string }; result: { issued: number } };
  /** A certificate: the winner, their secretaries or the committee. */
  certificate: { payload: { awardId: string }; result: CertificateView };
  /** Anyone: is this code a real award? */
  verify: { payload: { code: string }; result: VerifyResult };
  /** Secretaries and the committee publish a 先进典型 story. */
  publishStory: { payload: PublishStoryInput; result: StoryView };
  /** The 先进典型 feed: every story of the tree, newest first. */
  stories: { payload: { cursor?: string }; result: StoryFeed };
  /** Secretaries over the publishing org take a story off the feed (it stays, archived, with its audit). */
  archiveStory: { payload: { storyId: string }; result: { archived: true } };
}
