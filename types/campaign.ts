import type { Campaign, FourGood, Phase, OrgLevel, PledgeRound, PledgeRules, StageKey, StageWindow } from './models';
import { STAGES, STAGE_NAMES } from './models';
import { RULE_LIMITS } from './fields';
import { addDays, isDay } from './time';

/** The campaign domain: configuration, the timeline, 动员部署 plans and meetings, 四好 org pledges. */

/** The pledge stage ends this many days after mobilisation starts unless the admin says otherwise. */
export const PLEDGE_DAYS_AFTER_MOBILIZE = 14;

export interface TimelineProblem {
  field: string;
  reason: string;
}

/**
 * Checks a campaign's timeline: every date real, every window start ≤ end, the five stages present
 * once each, in order and without overlaps, rounds and phases well formed. Empty when valid.
 */
export function timelineProblems(c: Pick<Campaign, 'phases' | 'stages' | 'rounds' | 'rules'>): TimelineProblem[] {
  const problems: TimelineProblem[] = [];
  const window = (field: string, start: string, end: string, endName = '结束日期') => {
    if (!isDay(start)) problems.push({ field: `${field}.start`, reason: '开始日期无效' });
    if (!isDay(end)) problems.push({ field: `${field}.${endName === '截止日期' ? 'deadline' : 'end'}`, reason: `${endName}无效` });
    if (isDay(start) && isDay(end) && end < start) problems.push({ field, reason: `${endName}早于开始日期` });
  };

  if (c.stages.length !== STAGES.length || c.stages.some((s, i) => s.key !== STAGES[i])) {
    problems.push({ field: 'stages', reason: `五个阶段须依次为：${STAGES.map((k) => STAGE_NAMES[k]).join('、')}` });
  }
  c.stages.forEach((s, i) => window(`stages.${i}`, s.start, s.end));
  for (let i = 1; i < c.stages.length; i++) {
    const prev = c.stages[i - 1];
    const cur = c.stages[i];
    if (isDay(prev.end) && isDay(cur.start) && cur.start <= prev.end) {
      problems.push({
        field: `stages.${i}.start`,
        reason: `${STAGE_NAMES[cur.key] ?? cur.key}与${STAGE_NAMES[prev.key] ?? prev.key}时间重叠`,
      });
    }
  }

  const roundKeys = new Set<string>();
  c.rounds.forEach((r, i) => {
    if (!r.theme.trim()) problems.push({ field: `rounds.${i}.theme`, reason: '请填写承诺主题' });
    if (roundKeys.has(r.key)) problems.push({ field: `rounds.${i}.key`, reason: '承诺轮次重复' });
    roundKeys.add(r.key);
    window(`rounds.${i}`, r.start, r.deadline, '截止日期');
  });
  for (let i = 1; i < c.rounds.length; i++) {
    if (c.rounds[i].start <= c.rounds[i - 1].deadline) problems.push({ field: `rounds.${i}.start`, reason: '两轮承诺时间重叠' });
  }
  if (c.rounds.length === 0) problems.push({ field: 'rounds', reason: '至少需要一轮承诺' });

  c.phases.forEach((p, i) => window(`phases.${i}`, p.start, p.end));
  for (let i = 1; i < c.phases.length; i++) {
    if (c.phases[i].start <= c.phases[i - 1].end) problems.push({ field: `phases.${i}.start`, reason: '两个阶段时间重叠' });
  }

  const { member, cadre } = c.rules;
  for (const who of ['member', 'cadre'] as const) {
    for (const key of ['itemsPerLead', 'minLength'] as const) {
      const { label, min, max } = RULE_LIMITS[key];
      const n = c.rules[who][key];
      if (!Number.isInteger(n) || n < min || n > max)
        problems.push({ field: `rules.${who}.${key}`, reason: `${label}应为 ${min}–${max} 的整数` });
    }
  }
  if (cadre.itemsPerLead < member.itemsPerLead || cadre.minLength < member.minLength) {
    problems.push({ field: 'rules.cadre', reason: '团干部的承诺标准不能低于普通团员' });
  }
  return problems;
}

/** The stage whose window holds the day, or null between/outside stages. */
export function stageOn(stages: StageWindow[], day: string): StageKey | null {
  return stages.find((s) => s.start <= day && day <= s.end)?.key ?? null;
}

/** The round a signature or org pledge on this day belongs to: the one open now, else the next. */
export function roundOn(rounds: PledgeRound[], day: string): PledgeRound | null {
  return rounds.find((r) => r.start <= day && day <= r.deadline) ?? rounds.find((r) => day < r.start) ?? null;
}

/** Default pledge stage for a mobilisation start: two weeks. */
export function defaultPledgeStage(mobilizeStart: string): Pick<StageWindow, 'start' | 'end'> {
  return { start: mobilizeStart, end: addDays(mobilizeStart, PLEDGE_DAYS_AFTER_MOBILIZE) };
}

export const DEFAULT_RULES: PledgeRules = {
  member: { itemsPerLead: 1, minLength: 4 },
  cadre: { itemsPerLead: 2, minLength: 10 },
};

export interface CampaignView {
  id: string;
  title: string;
  phases: Phase[];
  stages: StageWindow[];
  rounds: PledgeRound[];
  rules: PledgeRules;
}

/** Something the caller should do now, shown on 首页. */
export interface Todo {
  key: string;
  text: string;
  /** Last day, if any. */
  due: string | null;
  overdue: boolean;
  /** Page to open, with its query. */
  page: string | null;
}

export interface Timeline {
  campaign: CampaignView;
  today: string;
  currentStage: StageKey | null;
  currentRound: PledgeRound | null;
  todos: Todo[];
}

export interface PlanView {
  id: string;
  orgId: string;
  orgName: string;
  title: string;
  body: string;
  attachments: { fileID: string; url: string }[];
  publishedAt: string;
}

export interface MeetingView {
  id: string;
  orgId: string;
  date: string;
  place: string;
  attendance: number;
  summary: string;
  photos: { fileID: string; url: string }[];
  recordedAt: string;
}

export interface OrgPledgeView {
  id: string;
  orgId: string;
  orgName: string;
  roundKey: string;
  items: Record<FourGood, string>;
  late: boolean;
  version: number;
  submittedAt: string;
}

/** One org's key facts for a round: its 四好 pledge, its people and their 四带头 signatures. */
export interface OrgFacts {
  orgId: string;
  name: string;
  level: OrgLevel;
  /** The org's own 四好 pledge this round (groups and the committee make none: null). */
  pledge: { version: number; late: boolean; submittedAt: string } | null;
  /** Members on the roster of the org's subtree. */
  memberCount: number;
  /** Of them, who signed the round's 四带头 pledge (summed over the subtree's branches). */
  signedCount: number;
  /** Active general branches and branches directly below that owe a 四好 pledge, and how many made it. */
  children: number;
  childrenPledged: number;
}

/** An org and the orgs directly below it (drill down by asking again with a child's id). */
export interface OrgOverview {
  roundKey: string;
  org: OrgFacts;
  /** Active general branches and branches directly below, in the tree's order (groups are not listed). */
  children: OrgFacts[];
}

export type CampaignInput = Omit<CampaignView, 'id'>;

export interface CampaignApi {
  /** The active campaign as the caller sees it: current stage, round, and what they must do now. */
  timeline: { payload: Record<string, never>; result: Timeline };
  /** Create or update the active campaign (admin); invalid timelines are refused with the reason. */
  saveCampaign: { payload: { campaign: CampaignInput }; result: CampaignView };
  publishPlan: { payload: { orgId: string; title: string; body: string; attachments: string[] }; result: PlanView };
  /** The org's plan and those of its ancestors, committee first. */
  plans: { payload: { orgId: string }; result: PlanView[] };
  recordMeeting: {
    payload: { orgId: string; date: string; place: string; attendance: number; summary: string; photos: string[] };
    result: MeetingView;
  };
  meetings: { payload: { orgId: string }; result: MeetingView[] };
  submitOrgPledge: { payload: { orgId: string; roundKey: string; items: Record<FourGood, string> }; result: OrgPledgeView };
  /** The pledges of an org and its ancestors for a round (public to the subtree). */
  orgPledges: { payload: { orgId: string; roundKey: string }; result: OrgPledgeView[] };
  orgPledgeHistory: { payload: { orgId: string; roundKey: string }; result: { items: Record<FourGood, string>; at: string }[] };
  /** 承诺概况 (admins, secretaries, leaders on their contact points): the org and its children's facts. */
  orgOverview: { payload: { orgId: string; roundKey: string }; result: OrgOverview };
}
