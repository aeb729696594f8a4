import type { FourGood, FourLead } from './models';
import type { FileLink } from './roster';

/**
 * The fulfilment domain (践诺 · 评诺): activities with photos posted by secretaries, members' check-ins
 * against their own 四带头 items, reviews up the tree, and the 承诺–践诺 report.
 */

/** A photo's content check: WeChat's verdict (mediaCheckAsync) arrives later as an event. */
export type PhotoCheck = 'pending' | 'pass' | 'review' | 'rejected';

export const PHOTO_CHECK_NAMES: Record<PhotoCheck, string> = {
  pending: '审核中',
  pass: '已通过',
  review: '人工审核中',
  rejected: '未通过审核',
};

/** WeChat's content labels, for telling an author why a photo was removed. */
export const MEDIA_LABEL_NAMES: Record<number, string> = {
  20001: '涉及时政',
  20002: '涉及色情',
  20003: '涉及辱骂',
  20006: '涉及违法犯罪',
  20008: '涉及欺诈',
  20012: '内容低俗',
  20013: '涉及版权',
  21000: '其他违规',
};

export interface StoredPhoto {
  fileID: string;
  /** mediaCheckAsync's trace id: the event names the photo by it. Never sent to the app. */
  traceId: string;
  check: PhotoCheck;
  /** WeChat's label of a rejected photo (the file is deleted). */
  label?: number;
  /**
   * The small copy the phone made for lists (activities): checked on its own, since a client could upload
   * another picture as it. The photo shows only when both passed; a rejected one removes both.
   */
  thumb?: { fileID: string; traceId: string; check: PhotoCheck };
}

/** A verdict of WeChat's image check parked by its trace id until the post holding the photo is saved. */
export interface MediaVerdict {
  _id: string; // the trace id
  check: Exclude<PhotoCheck, 'pending'>;
  label: number | null;
  at: Date;
}

/** What a secretary writes about an activity: posted, stored and shown alike (the photos differ on each side). */
export interface ActivityContent {
  title: string;
  /** Shanghai day 'YYYY-MM-DD'. */
  date: string;
  place: string;
  body: string;
  /** The 四好 items it fulfils. */
  goods: FourGood[];
  /** The 四带头 items it counts for, for each attendee. */
  leads: FourLead[];
}

export interface Attendee {
  id: string;
  name: string;
}

/** An activity of an org (团支部 or 团总支), the evidence for 四好 items and, for attendees, 四带头 items. */
export interface Activity extends ActivityContent {
  _id: string;
  campaignId: string;
  roundKey: string;
  orgId: string;
  /** The org's lineage (ancestors and itself): a feed of any org on it finds the activity with one query. */
  orgPath: string[];
  orgName: string;
  attendees: Attendee[];
  photos: StoredPhoto[];
  archived: boolean;
  postedBy: string;
  postedByName: string;
  postedAt: Date;
  /** The key of its 签到码 (attendance QR code), once the secretary showed one; its image in storage. */
  attendKey?: string;
  attendQrFileID?: string;
}

/** What a member writes in a check-in: sent, stored and shown alike. */
export interface CheckInContent {
  lead: FourLead;
  text: string;
  date: string;
  /** The activity of their own orgs it took place at, if any. */
  activityId: string | null;
}

/** A member's record of what they did under one of their own 四带头 items. */
export interface CheckIn extends CheckInContent {
  _id: string;
  campaignId: string;
  roundKey: string;
  memberId: string;
  branchId: string;
  orgPath: string[];
  photos: StoredPhoto[];
  activityTitle: string | null;
  postedBy: string;
  at: Date;
}

export const GRADES = ['excellent', 'good', 'fair', 'poor'] as const;
export type Grade = (typeof GRADES)[number];
export const GRADE_NAMES: Record<Grade, string> = { excellent: '优秀', good: '良好', fair: '一般', poor: '较差' };

/** 评诺: one per subject (a member or an org) and round; an edit keeps the earlier versions. */
export interface Review {
  _id: string; // `${campaignId}:${roundKey}:${subjectId}`
  campaignId: string;
  roundKey: string;
  subject: 'member' | 'org';
  subjectId: string;
  /** The branch of a reviewed member, or the parent of a reviewed org: one query reads a level's reviews. */
  scopeId: string;
  grade: Grade;
  comment: string;
  version: number;
  history: { grade: Grade; comment: string; by: string; byName: string; at: Date }[];
  by: string;
  byName: string;
  at: Date;
}

/** 点评总结: an org's stage summary for a round, submitted to its parent, which comments on it. */
export interface Summary {
  _id: string; // `${campaignId}:${roundKey}:${orgId}`
  campaignId: string;
  roundKey: string;
  orgId: string;
  orgName: string;
  orgPath: string[];
  parentId: string;
  text: string;
  photos: StoredPhoto[];
  version: number;
  history: { text: string; byName: string; at: Date }[];
  by: string;
  byName: string;
  at: Date;
  comment: { text: string; byName: string; at: Date } | null;
}

// ---- views (what the app receives) ----

/** A photo as the caller may see it: hidden ones (pending, review) reach only the author and the org's secretaries. */
export interface PhotoView {
  fileID: string;
  /** Full size, for previewImage. */
  url: string;
  /** For lists: the thumbnail, or the full photo when it has none (older posts). */
  thumbUrl: string;
  check: Exclude<PhotoCheck, 'rejected'>;
}

export interface Removed {
  count: number;
  /** Why, in words a person reads. */
  reasons: string[];
}

export interface ActivityView extends ActivityContent {
  id: string;
  orgId: string;
  orgName: string;
  roundKey: string;
  attendees: Attendee[];
  photos: PhotoView[];
  /** Photos removed by the content check: told to the author and the org's secretaries only. */
  removed: Removed | null;
  archived: boolean;
  postedByName: string;
  postedAt: string;
  /** The caller may archive it and sees its hidden photos. */
  manageable: boolean;
}

export interface FeedView {
  items: ActivityView[];
  /** Pass back to get the next page; null at the end. */
  cursor: string | null;
}

export interface CheckInView extends CheckInContent {
  id: string;
  photos: PhotoView[];
  removed: Removed | null;
  activityTitle: string | null;
  at: string;
}

export interface ReviewView {
  grade: Grade;
  comment: string;
  byName: string;
  at: string;
  version: number;
  history: { grade: Grade; comment: string; byName: string; at: string }[];
}

/** Evidence an activity gives: its title and day. */
export interface ActivityRef {
  id: string;
  title: string;
  date: string;
  photoCount: number;
}

/** 承诺–践诺 of one member: each 四带头 item beside its evidence, and the review. */
export interface MemberReport {
  member: { id: string; name: string; studentNo: string; isCadre: boolean; post: string | null };
  branchId: string;
  branchName: string;
  roundKey: string;
  theme: string;
  signedAt: string | null;
  leads: { lead: FourLead; commitments: string[]; checkIns: CheckInView[]; activities: ActivityRef[] }[];
  review: ReviewView | null;
  /** The caller may review this member (the member's branch secretary). */
  canReview: boolean;
}

export interface MemberRow {
  id: string;
  name: string;
  studentNo: string;
  isCadre: boolean;
  signed: boolean;
  /** Evidence per 四带头 item: check-ins plus activities attended that serve it. */
  evidence: Record<FourLead, number>;
  grade: Grade | null;
}

/** 承诺–践诺 of a branch: each 四好 item beside the activities that fulfil it, every member's row, the branch's review. */
export interface OrgReport {
  org: { id: string; name: string; level: 'branch' | 'general' };
  roundKey: string;
  theme: string;
  goods: { good: FourGood; pledge: string | null; activities: ActivityRef[] }[];
  members: MemberRow[];
  review: ReviewView | null;
  /** The caller may review this org (its parent's secretary, or the committee for a general branch). */
  canReview: boolean;
}

export interface SummaryView {
  orgId: string;
  orgName: string;
  text: string;
  photos: PhotoView[];
  removed: Removed | null;
  version: number;
  byName: string;
  at: string;
  comment: { text: string; byName: string; at: string } | null;
}

/** An org's own summary and its children's (the committee's view compiles every general branch's). */
export interface SummariesView {
  orgId: string;
  orgName: string;
  roundKey: string;
  theme: string;
  /** The first day summaries are accepted: the start of the 点评总结 stage. */
  opensOn: string;
  /** Summaries are accepted now (the server's day is in or after the review stage). */
  open: boolean;
  own: SummaryView | null;
  /** The caller writes this org's summary (its own secretary); the committee writes none. */
  canSubmit: boolean;
  children: SummaryView[];
  /** The caller comments on the children's summaries. */
  canComment: boolean;
}

/** One org's entry in the compiled report of stage summaries: its summary (null: not submitted) and its parent's comment. */
export interface CompiledEntry {
  orgId: string;
  orgName: string;
  level: 'general' | 'branch';
  parentName: string;
  summary: { text: string; byName: string; at: string; version: number; photoCount: number } | null;
  comment: { text: string; byName: string; at: string } | null;
}

/** 点评总结汇编: every summary of the subtree in tree order (a general branch, then its branches), printable. */
export interface CompiledSummaries {
  orgId: string;
  orgName: string;
  roundKey: string;
  theme: string;
  /** Every round of the campaign, to switch between (each round has its own summaries). */
  rounds: { key: string; theme: string }[];
  /** When it was compiled (ISO); the page shows it in Shanghai time. */
  compiledAt: string;
  submitted: number;
  total: number;
  entries: CompiledEntry[];
}

export interface PostActivityInput extends ActivityContent {
  orgId: string;
  roundKey: string;
  attendeeIds: string[];
  /** fileIDs already in the org's upload folder. */
  photos: string[];
  /** The photos' thumbnails, in the same order, from the org's thumbnail folder (absent from older apps). */
  thumbs?: string[];
}

export interface CheckInInput extends CheckInContent {
  roundKey: string;
  photos: string[];
}

export interface FulfilApi {
  /** Secretary: an activity of the org with photos already in storage (under the org's upload folder). */
  postActivity: { payload: PostActivityInput; result: ActivityView };
  /** The org's activities and its subtree's, newest first, 10 a page. */
  feed: { payload: { orgId: string; cursor?: string }; result: FeedView };
  /** Secretary: hides an activity from the feed (activities are archived, never deleted: they are evidence). */
  archiveActivity: { payload: { activityId: string }; result: { archived: true } };
  /** Member: a check-in against one of their own 四带头 items. */
  checkIn: { payload: CheckInInput; result: CheckInView };
  /** Branch secretary: 评诺 of a member of the branch. */
  reviewMember: { payload: { memberId: string; roundKey: string; grade: Grade; comment: string }; result: ReviewView };
  /** General branch reviews a branch; the committee a general branch. */
  reviewOrg: { payload: { orgId: string; roundKey: string; grade: Grade; comment: string }; result: ReviewView };
  /** A member's report; without memberId, the caller's own. */
  memberReport: { payload: { memberId?: string; roundKey: string }; result: MemberReport };
  orgReport: { payload: { orgId: string; roundKey: string }; result: OrgReport };
  /** 点评总结: a branch's or general branch's stage summary (from the start of the review stage; an edit keeps history). */
  submitSummary: { payload: { orgId: string; roundKey: string; text: string; photos: string[] }; result: SummaryView };
  /** The parent comments on a child org's summary. */
  commentSummary: { payload: { orgId: string; roundKey: string; comment: string }; result: SummaryView };
  summaries: { payload: { orgId: string; roundKey: string }; result: SummariesView };
  /** 点评总结汇编: the committee (or a general branch) compiles every stage summary of its subtree with the comments. */
  compiledSummaries: { payload: { orgId: string; roundKey: string }; result: CompiledSummaries };
  /** Secretary: the activity's 签到码 (made once, then reused) for members to scan. */
  attendanceCode: { payload: { activityId: string }; result: AttendanceCode };
  /** Member: records the caller as an attendee of the activity whose 签到码 they scanned. */
  attend: { payload: { scene: string }; result: AttendResult };
  /** The 承诺–践诺 report as an .xlsx in private storage, with a temporary URL. */
  exportOrgReport: { payload: { orgId: string; roundKey: string }; result: FileLink };
}

/** Cloud folder of an org's activity photos; the server accepts photos only from here. */
export function activityFolder(orgId: string): string {
  return `fulfil/${orgId}/activities/`;
}

/** Cloud folder of an org's activity thumbnails (long edge ≈ 360 px, made on the phone). */
export function activityThumbFolder(orgId: string): string {
  return `${activityFolder(orgId)}thumbs/`;
}

/** Cloud folder of a member's check-in photos. */
export function checkInFolder(branchId: string, memberId: string): string {
  return `fulfil/${branchId}/checkins/${memberId}/`;
}

/** Cloud folder of an org's stage-summary attachments (photos of its work). */
export function summaryFolder(orgId: string): string {
  return `fulfil/${orgId}/summaries/`;
}

/** The page an activity's 签到码 opens (members scan it to be recorded as attendees). */
export const ATTEND_PAGE = 'package-fulfil/attend/index';
/** The 签到码's scene: `a=` and the activity's 12-character key (WeChat allows 32). */
export function attendSceneOf(key: string): string {
  return `a=${key}`;
}
/** The key in a scanned scene, or null when it is not an attendance code. */
export function attendKeyOfScene(scene: string): string | null {
  const m = /^a=([A-Za-z0-9_-]{12})$/.exec(scene);
  return m ? m[1] : null;
}

/** An activity's 签到码 as its secretary shows it. */
export interface AttendanceCode {
  activityId: string;
  title: string;
  orgName: string;
  date: string;
  scene: string;
  page: string;
  qr: { fileID: string; url: string };
  attendees: number;
}

/** What a member who scanned a 签到码 is told. */
export interface AttendResult {
  activityId: string;
  title: string;
  orgName: string;
  date: string;
  /** They were already on the list (a second scan changes nothing). */
  already: boolean;
}

export const MAX_ACTIVITY_PHOTOS = 9;
export const MAX_CHECKIN_PHOTOS = 3;
/** The server refuses larger photos; the app compresses to about 1 MB first. */
export const MAX_PHOTO_BYTES = 10 * 1024 * 1024;
/** A thumbnail's limit: the app makes it at about 360 px (tens of KB). */
export const MAX_THUMB_BYTES = 300 * 1024;
export const FEED_PAGE = 10;
