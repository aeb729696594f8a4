import type { TextLimit } from './fields';
import type { FourGood, OrgLevel } from './models';
import type { Grade, PhotoView, StoredPhoto } from './fulfil';

/**
 * 督促检查 (supervision): a leader's contact points with their progress, inspections with findings, random
 * spot checks anyone can re-check, and rectifications within a deadline (限期整改) that escalate when overdue.
 */

export const INSPECTION_KINDS = ['symposium', 'regular', 'spotCheck'] as const;
export type InspectionKind = (typeof INSPECTION_KINDS)[number];
export const INSPECTION_KIND_NAMES: Record<InspectionKind, string> = {
  symposium: '座谈会',
  regular: '常规督查',
  spotCheck: '随机抽查',
};

/** What a spot check draws from: the branches (团支部) or the members (团员) of a scope. */
export const POPULATIONS = ['orgs', 'members'] as const;
export type Population = (typeof POPULATIONS)[number];
export const POPULATION_NAMES: Record<Population, string> = { orgs: '团支部', members: '团员' };

export const RECTIFICATION_STATUSES = ['open', 'answered', 'returned', 'accepted'] as const;
export type RectificationStatus = (typeof RECTIFICATION_STATUSES)[number];
export const RECTIFICATION_STATUS_NAMES: Record<RectificationStatus, string> = {
  open: '待整改',
  answered: '待验收',
  returned: '已退回',
  accepted: '已通过',
};

/** Text people type in this domain, with the server's limits (the app's inputs take the same). */
export const SUPERVISE_FIELDS = {
  inspectionPlace: { label: '地点', min: 0, max: 50 },
  inspectionSummary: { label: '检查情况', max: 2000, multiline: true },
  finding: { label: '发现的问题', max: 300, multiline: true },
  drawTitle: { label: '抽查名称', max: 40 },
  seed: { label: '随机种子', max: 64 },
  answer: { label: '整改情况', max: 2000, multiline: true },
  reviewComment: { label: '验收意见', min: 0, max: 500, multiline: true },
} as const satisfies Record<string, TextLimit>;

export const MAX_FINDINGS = 20;
export const MAX_RECTIFICATION_PHOTOS = 9;
/** The largest sample one draw takes. */
export const MAX_SAMPLE = 200;
/** Candidates listed on the verification page (the whole list is the published file). */
export const LIST_PREVIEW = 50;

/**
 * A seed people can read aloud and type the same way: digits, Latin letters, spaces, '-', ',' and '.'
 * (e.g. the dice rolled at the meeting "3 5 1 6 2 4"). No ':' so that `seed:id` is unambiguous.
 */
export const SEED_PATTERN = /^[0-9A-Za-z ,.-]+$/;

/** The folder a rectification's evidence photos are uploaded to (the server accepts them from nowhere else). */
export const rectificationFolder = (orgId: string): string => `supervise/${orgId}/rectifications/`;

// ---- stored documents ----

export interface Finding {
  text: string;
  /** The rectification this finding requires, if any. */
  rectificationId: string | null;
}

export interface Inspection {
  _id: string;
  orgId: string;
  orgName: string;
  /** The org's lineage: a scope's inspections are one query. */
  orgPath: string[];
  kind: InspectionKind;
  date: string;
  place: string;
  summary: string;
  findings: Finding[];
  /** The spot-check draw it follows up (随机抽查). */
  drawId: string | null;
  by: string;
  byName: string;
  at: Date;
}

/** A random spot check: the frozen candidate list (a file in storage), its hash, then the seed and the sample. */
export interface Draw {
  _id: string;
  title: string;
  scopeOrgId: string;
  scopeName: string;
  scopePath: string[];
  population: Population;
  size: number;
  /** Candidates in the frozen list. */
  count: number;
  /** The published list: UTF-8 text, one id per line, each line ending in '\n', ids sorted by byte value. */
  listFileID: string;
  /** SHA-256 of the list file's bytes, lower-case hex. */
  listHash: string;
  status: 'frozen' | 'drawn';
  seed: string | null;
  /** Candidate ids in rank order (smallest SHA-256(seed + ':' + id) first). */
  sample: string[];
  createdBy: string;
  createdByName: string;
  frozenAt: Date;
  drawnBy: string | null;
  drawnAt: Date | null;
}

export interface ResponsiblePerson {
  holderId: string;
  name: string;
  role: 'secretary' | 'generalSecretary';
}

export interface RectificationAnswer {
  text: string;
  photos: StoredPhoto[];
  byName: string;
  at: Date;
}

export interface Rectification {
  _id: string;
  inspectionId: string;
  findingIndex: number;
  finding: string;
  orgId: string;
  orgName: string;
  orgPath: string[];
  /** The last day to answer (Shanghai calendar day). */
  deadline: string;
  responsible: ResponsiblePerson;
  status: RectificationStatus;
  answer: RectificationAnswer | null;
  /** Earlier answers and the inspector's verdicts, oldest first. */
  history: { kind: 'answer' | 'return' | 'accept'; text: string; byName: string; at: Date }[];
  /** Who recorded the finding (the one who accepts or returns). */
  inspector: string;
  inspectorName: string;
  /** Set by the timer once the deadline passed: the org one level up that now sees it. */
  escalatedTo: string | null;
  escalatedAt: Date | null;
  createdAt: Date;
  closedAt: Date | null;
}

// ---- views ----

/** One contact point's progress in the current round. */
export interface ContactProgress {
  orgId: string;
  name: string;
  level: OrgLevel;
  /** 四好: the org's pledge for the round. */
  pledge: { submittedAt: string; late: boolean; goods: FourGood[] } | null;
  memberCount: number;
  /** 四带头: members who signed the round. */
  signedCount: number;
  /** Activities of the org and below in the round. */
  activityCount: number;
  /** 评诺: members of the org reviewed in the round, and the org's own review. */
  reviewedCount: number;
  review: { grade: Grade } | null;
  /** 群众评议: null until the evaluation domain publishes results (see supervise/progress.ts evaluationResults). */
  evaluation: { label: string } | null;
  lastInspection: { kind: InspectionKind; date: string } | null;
  openRectifications: number;
  overdue: RectificationView[];
}

export interface ContactPointsView {
  roundKey: string | null;
  roundTheme: string | null;
  points: ContactProgress[];
}

export interface InspectionView {
  id: string;
  orgId: string;
  orgName: string;
  kind: InspectionKind;
  date: string;
  place: string;
  summary: string;
  findings: Finding[];
  drawId: string | null;
  byName: string;
  at: string;
}

export interface RectificationView {
  id: string;
  inspectionId: string;
  finding: string;
  orgId: string;
  orgName: string;
  deadline: string;
  responsibleName: string;
  status: RectificationStatus;
  overdue: boolean;
  escalated: boolean;
  answer: { text: string; photos: PhotoView[]; byName: string; at: string } | null;
  history: { kind: 'answer' | 'return' | 'accept'; text: string; byName: string; at: string }[];
  inspectorName: string;
  /** The caller is the responsible person and may answer now. */
  canAnswer: boolean;
  /** The caller recorded it (or is the committee) and may accept or send back now. */
  canReview: boolean;
}

export interface DrawView {
  id: string;
  title: string;
  scopeOrgId: string;
  scopeName: string;
  population: Population;
  size: number;
  count: number;
  listHash: string;
  /** A temporary link to the published list file. */
  listUrl: string;
  /** The first LIST_PREVIEW ids of the list. */
  listPreview: string[];
  status: 'frozen' | 'drawn';
  seed: string | null;
  sample: { id: string; label: string; score: string }[];
  createdByName: string;
  frozenAt: string;
  drawnAt: string | null;
}

export interface DrawSummary {
  id: string;
  title: string;
  population: Population;
  size: number;
  count: number;
  status: 'frozen' | 'drawn';
  frozenAt: string;
}

export interface FindingInput {
  text: string;
  /** A rectification within this deadline (a Shanghai day), or none. */
  deadline: string | null;
}

export interface RecordInspectionInput {
  orgId: string;
  kind: InspectionKind;
  date: string;
  place: string;
  summary: string;
  findings: FindingInput[];
  drawId: string | null;
}

export type RectificationFilter = 'open' | 'overdue' | 'all';

export interface SuperviseApi {
  /** The caller's contact points (a leader's grants), each with its progress: one call. */
  contactPoints: { payload: Record<string, never>; result: ContactPointsView };
  recordInspection: { payload: RecordInspectionInput; result: InspectionView };
  inspections: { payload: { orgId: string }; result: InspectionView[] };
  /** Freezes the candidate list of a spot check and publishes its hash; the seed comes later. */
  createDraw: { payload: { scopeOrgId: string; population: Population; size: number; title: string }; result: DrawView };
  /** Enters the public seed and draws the sample, once. */
  draw: { payload: { drawId: string; seed: string }; result: DrawView };
  /** The public verification page: the list, its hash, the seed and the sample. */
  verifyDraw: { payload: { drawId: string }; result: DrawView };
  draws: { payload: { orgId: string }; result: DrawSummary[] };
  rectifications: { payload: { orgId: string; filter: RectificationFilter }; result: RectificationView[] };
  rectification: { payload: { rectificationId: string }; result: RectificationView };
  answerRectification: { payload: { rectificationId: string; text: string; photos: string[] }; result: RectificationView };
  reviewRectification: {
    payload: { rectificationId: string; decision: 'accept' | 'return'; comment: string };
    result: RectificationView;
  };
}
