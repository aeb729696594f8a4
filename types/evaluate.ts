import type { FourGood } from './models';
import type { FileLink } from './roster';

/**
 * 群众评议: an upper org (the committee or a general branch) runs a secret evaluation of some of its child
 * orgs. The stored ballot says nothing about who cast it; a marker whose id is a keyed hash of the
 * evaluation and the voter makes a second ballot impossible (cloudfunctions/evaluate/vote.ts). Pure: no I/O.
 */

export const CHOICES = ['satisfied', 'fair', 'dissatisfied'] as const;
export type Choice = (typeof CHOICES)[number];
export const CHOICE_NAMES: Record<Choice, string> = { satisfied: '满意', fair: '基本满意', dissatisfied: '不满意' };

/** The ballot's form: one of three per target, or a 1–5 score per 四好 item per target. */
export const FORMS = ['choice', 'score'] as const;
export type EvaluationForm = (typeof FORMS)[number];
export const FORM_NAMES: Record<EvaluationForm, string> = {
  choice: '满意度（满意 / 基本满意 / 不满意）',
  score: '“四好”逐项打分（1–5 分）',
};

/** Who votes: each bound member on the target they belong to, or every bound member of the organiser's subtree on every target. */
export const ELECTORATES = ['own', 'all'] as const;
export type Electorate = (typeof ELECTORATES)[number];
export const ELECTORATE_NAMES: Record<Electorate, string> = {
  own: '各评议对象的团员评议本组织',
  all: '发起组织的全体团员评议全部对象',
};

export const MIN_SCORE = 1;
export const MAX_SCORE = 5;
/** Fewer ballots than this and a target's figures stay hidden (参评人数不足), so a small group stays secret. */
export const MIN_BALLOTS = 5;
export const MAX_TARGETS = 40;
/**
 * The tally waits this long after the window's end: a ballot that passed the window check finishes within the
 * function's timeout (60 s, config.json), so every ballot that will ever be stored is stored by then, and a
 * receipt found after the close was counted.
 */
export const TALLY_GRACE_MS = 2 * 60_000;
/** Comments listed per target in the results. */
export const MAX_COMMENTS_LISTED = 50;
export const TOO_FEW = '参评人数不足';

export type Scores = Record<FourGood, number>;

/** One target's part of a ballot as sent: a choice or the four scores, and an optional anonymous comment. */
export interface Answer {
  targetId: string;
  choice?: Choice;
  scores?: Scores;
  comment?: string;
}

/** Where an evaluation stands, read from the clock and its stored state. */
export type EvaluationStatus = 'scheduled' | 'open' | 'counting' | 'closed';
export const STATUS_NAMES: Record<EvaluationStatus, string> = {
  scheduled: '未开始',
  open: '进行中',
  counting: '计票中',
  closed: '已结束',
};

export interface EvaluationTarget {
  id: string;
  name: string;
}

/** An evaluation as stored (collection `evaluations`). */
export interface Evaluation {
  _id: string;
  title: string;
  organiserId: string;
  organiserName: string;
  /** The organiser's lineage (ancestors and itself). */
  organiserPath: string[];
  targets: EvaluationTarget[];
  targetIds: string[];
  form: EvaluationForm;
  electorate: Electorate;
  /** Orgs whose members vote: the targets (own) or the organiser (all); a member's list is one query on it. */
  electorateOrgs: string[];
  /** Lineages of the organiser and the targets: which staff see it in their list, one query. */
  scope: string[];
  /** Shanghai days; the window is [start 00:00, end 24:00) Shanghai time. */
  start: string;
  end: string;
  opensAt: Date;
  closesAt: Date;
  /** 'pending' until tallied; the timer tallies (TALLY_GRACE_MS after closesAt) and sets 'closed'. */
  state: 'pending' | 'closed';
  closedEarly: { reason: string; byName: string } | null;
  /** Reminders fired: evaluationOpen, evaluationClosing (each once). */
  reminded: string[];
  createdBy: string;
  createdAt: Date;
  updatedAt: Date;
  /** Ballots counted at the close. */
  ballots: number;
}

/** A stored ballot (collection `ballots`): no voter, no time; a random id and a random receipt code. */
export interface Ballot {
  _id: string;
  evaluationId: string;
  marks: { targetId: string; choice: Choice | null; scores: Scores | null; comment: string }[];
  receipt: string;
}

/**
 * That someone voted (collection `ballotMarkers`): `_id` = HMAC(secret, evaluation + member). No member id, no
 * time: only who holds the secret can tell whose it is; `unitId` is the target the voter counts under in turnout.
 */
export interface BallotMarker {
  _id: string;
  evaluationId: string;
  unitId: string;
}

export interface TargetResult {
  id: string;
  name: string;
  ballots: number;
  /** Fewer than MIN_BALLOTS: every figure below is null and no comment is listed. */
  tooFew: boolean;
  counts: Record<Choice, number> | null;
  /** (满意 + 基本满意) / ballots, 0–1. */
  satisfaction: number | null;
  /** Mean per 四好 item (score form). */
  means: Scores | null;
  /** Mean of the four means (score form), the ranking key. */
  overall: number | null;
  rank: number | null;
  comments: string[];
}

/** The tally, stored once at the close (collection `evaluationResults`, `_id` = evaluation id). */
export interface EvaluationResults {
  _id: string;
  evaluationId: string;
  ballots: number;
  targets: TargetResult[];
  talliedAt: Date;
}

// ---- views ----

export interface EvaluationView {
  id: string;
  title: string;
  organiserId: string;
  organiserName: string;
  targets: EvaluationTarget[];
  form: EvaluationForm;
  electorate: Electorate;
  start: string;
  end: string;
  opensAt: string;
  closesAt: string;
  status: EvaluationStatus;
  closedEarly: { reason: string; byName: string } | null;
  /** For an elector: whether they voted; null when the caller is not in the electorate. */
  voted: boolean | null;
  /** The targets the caller's ballot covers (empty when not an elector). */
  myTargets: EvaluationTarget[];
  /** The caller may edit (before it opens) or close it early. */
  manageable: boolean;
}

export interface TurnoutRow {
  id: string;
  name: string;
  voted: number;
  electors: number;
  /** voted / electors, 0–1 (0 with no electors). */
  rate: number;
}

export interface TurnoutView {
  evaluationId: string;
  title: string;
  status: EvaluationStatus;
  rows: TurnoutRow[];
  total: { voted: number; electors: number; rate: number };
  /** For a branch: its bound electors who have not voted (whether someone voted is not secret; what they chose is). */
  notVoted: { name: string; studentNo: string }[] | null;
}

export interface ResultsView {
  evaluation: EvaluationView;
  ballots: number;
  targets: TargetResult[];
  talliedAt: string;
}

export interface VoteReceipt {
  receipt: string;
}

export const RECEIPT_STATES = ['counted', 'received', 'unknown'] as const;
export interface ReceiptCheck {
  state: (typeof RECEIPT_STATES)[number];
}
export const RECEIPT_STATE_NAMES: Record<ReceiptCheck['state'], string> = {
  counted: '已计入：这张选票已计入评议结果',
  received: '已收到：评议结束后计票',
  unknown: '未找到这张回执对应的选票',
};

export interface EvaluationInput {
  title: string;
  targetIds: string[];
  form: EvaluationForm;
  electorate: Electorate;
  start: string;
  end: string;
}

export interface EvaluateApi {
  /** Opens an evaluation of some child orgs of the organiser (committee or general branch). */
  createEvaluation: { payload: EvaluationInput & { organiserId: string }; result: EvaluationView };
  /** Edits it until it opens. */
  updateEvaluation: { payload: EvaluationInput & { evaluationId: string }; result: EvaluationView };
  /** Ends the window now, with a reason; the timer tallies it (计票中 until then). */
  closeEarly: { payload: { evaluationId: string; reason: string }; result: EvaluationView };
  /** The caller's evaluations: those they vote in (with voted or not) and those their roles oversee. */
  myEvaluations: { payload: Record<string, never>; result: EvaluationView[] };
  evaluation: { payload: { evaluationId: string }; result: EvaluationView };
  /** Casts the caller's ballot, once; answers a receipt code. */
  vote: { payload: { evaluationId: string; answers: Answer[] }; result: VoteReceipt };
  /** Whether the ballot with this receipt was counted; says nothing of what it holds. */
  checkReceipt: { payload: { evaluationId: string; receipt: string }; result: ReceiptCheck };
  /** Live turnout per target seen from an org (the organiser, or one in a target); its non-voters for a branch. */
  turnout: { payload: { evaluationId: string; orgId: string }; result: TurnoutView };
  /** The published results, within the organiser's tree. */
  results: { payload: { evaluationId: string }; result: ResultsView };
  /** The results as xlsx, for the organiser's managers. */
  exportResults: { payload: { evaluationId: string }; result: FileLink };
}

/** The Shanghai window of an evaluation: from its first day's 00:00 to its last day's 24:00. */
export function windowOf(start: string, end: string): { opensAt: Date; closesAt: Date } {
  return { opensAt: new Date(`${start}T00:00:00+08:00`), closesAt: new Date(Date.parse(`${end}T00:00:00+08:00`) + 86_400_000) };
}

export function statusOf(e: Pick<Evaluation, 'opensAt' | 'closesAt' | 'state'>, now: Date): EvaluationStatus {
  if (e.state === 'closed') return 'closed';
  const t = now.getTime();
  if (t < new Date(e.opensAt).getTime()) return 'scheduled';
  if (t < new Date(e.closesAt).getTime()) return 'open';
  return 'counting';
}

/** Ranks targets with enough ballots by their key, best first; ties share a rank. */
export function rankTargets<T extends { tooFew: boolean; key: number }>(rows: T[]): Map<T, number> {
  const ranked = rows.filter((r) => !r.tooFew).sort((a, b) => b.key - a.key);
  const out = new Map<T, number>();
  ranked.forEach((r, i) => out.set(r, i > 0 && ranked[i - 1].key === r.key ? (out.get(ranked[i - 1]) ?? i + 1) : i + 1));
  return out;
}
