/** What the commendation actions share: the commendation a payload names, its windows on the server's clock, views. */
import {
  WINDOW_NAMES,
  windowState,
  type AwardDef,
  type Commendation,
  type CommendationView,
  type DayWindow,
  type Nomination,
  type NominationView,
} from '../../types/commend';
import { formatDate } from '../../types/notify';
import { AppError } from '../shared/errors';
import { commendations } from '../shared/repositories/commendations';
import { iso, today } from '../shared/time';

export const SECRETARIES = ['secretary', 'generalSecretary', 'admin'] as const;
export const EVERYONE = ['admin', 'generalSecretary', 'secretary', 'leader', 'member'] as const;
export const STAFF = ['admin', 'generalSecretary', 'secretary', 'leader'] as const;

export const mustCommendation = (id: string): Promise<Commendation> => commendations.mustById(id, '表彰');

export function mustAward(c: Commendation, awardKey: string, subject: AwardDef['subject']): AwardDef {
  const award = c.awards.find((a) => a.key === awardKey);
  if (!award) throw new AppError('INVALID_ARGUMENT', '奖项：本次表彰没有这个奖项', 'awardKey');
  if (award.subject !== subject) {
    throw new AppError('INVALID_ARGUMENT', `奖项：${award.name}${award.subject === 'org' ? '授予团组织' : '授予团员'}`, 'awardKey');
  }
  return award;
}

/**
 * Refuses an action outside its window on the server's clock: CONFLICT before it opens, DEADLINE_PASSED
 * after it closes. `name` is the window's name as the person reads it.
 */
export function mustBeOpen(w: DayWindow, name: string, day = today()): void {
  const state = windowState(w, day);
  if (state === 'before') throw new AppError('CONFLICT', `${name}尚未开始（${formatDate(w.start)}开始）`);
  if (state === 'after') throw new AppError('DEADLINE_PASSED', `${name}已截止（${formatDate(w.end)}截止）`);
}

export const mustWindow = (c: Commendation, key: keyof typeof WINDOW_NAMES): void => mustBeOpen(c.timeline[key], WINDOW_NAMES[key]);

/** Nothing moves once the 公示 is out: its names are what people may object to. */
export function mustNotBePublished(c: Commendation): void {
  if (c.notice) throw new AppError('CONFLICT', '表彰名单已公示，推荐和审核已结束');
}

export function commendationView(c: Commendation): CommendationView {
  return {
    id: c._id,
    title: c.title,
    roundKey: c.roundKey,
    orgId: c.orgId,
    awards: c.awards,
    timeline: c.timeline,
    today: today(),
    notice: c.notice ? { start: c.notice.start, end: c.notice.end } : null,
    issued: c.issuedAt !== null,
  };
}

export function nominationView(n: Nomination): NominationView {
  return {
    id: n._id,
    awardKey: n.awardKey,
    awardName: n.awardName,
    subject: n.subject,
    subjectId: n.subjectId,
    subjectName: n.subjectName,
    branchId: n.branchId,
    branchName: n.branchName,
    status: n.status,
    reason: n.reason,
    steps: n.steps.map((s) => ({ action: s.action, byName: s.byName, orgName: s.orgName, reason: s.reason, at: iso(s.at) })),
  };
}
