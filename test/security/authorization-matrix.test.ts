/**
 * The authorisation matrix: every action of every cloud function × every persona × a target inside and
 * outside the persona's scope, through the real router, SDK and emulator. The policy below is written
 * out by hand — it is the rule, not a copy of the code — and the test fails when an action exists
 * without an entry, or when an action's declared access differs from its entry.
 */
import { createHash } from 'node:crypto';
import type { Role } from '../../types/models';
import { describeActions, type Access, type ActionTable } from '../../cloudfunctions/shared/router';
import { actions as system } from '../../cloudfunctions/system';
import { actions as org } from '../../cloudfunctions/org';
import { actions as roster } from '../../cloudfunctions/roster';
import { actions as account } from '../../cloudfunctions/account';
import { actions as campaign } from '../../cloudfunctions/campaign';
import { actions as pledge } from '../../cloudfunctions/pledge';
import { actions as fulfil } from '../../cloudfunctions/fulfil';
import { actions as notify } from '../../cloudfunctions/notify';
import { actions as supervise } from '../../cloudfunctions/supervise';
import { actions as dashboard } from '../../cloudfunctions/dashboard';
import { actions as evaluate } from '../../cloudfunctions/evaluate';
import { actions as commend } from '../../cloudfunctions/commend';
import type { CampaignInput } from '../../types/campaign';
import { demoData } from '../../scripts/demo-data';
import type { Domain } from '../../types/api';
import { startTestEmulator, type TestEmulator } from '../support/emulator';
import { fixtures, type Fixtures } from './fixtures';

const TABLES: { [D in Domain]: ActionTable<D> } = {
  system,
  org,
  roster,
  account,
  campaign,
  pledge,
  fulfil,
  notify,
  supervise,
  dashboard,
  evaluate,
  commend,
};

/**
 * Targets: a branch (计科2301班) and a college (计算机学院) inside every persona's reach, and their
 * counterparts in the 外国语学院, outside everyone's but the admin's.
 */
type Scope = 'inside' | 'outside';
type Level = 'branch' | 'college';
const TARGET: Record<Level, Record<Scope, string>> = {
  branch: { inside: 'org-cs-1', outside: 'org-fl-1' },
  college: { inside: 'org-cs', outside: 'org-fl' },
};

interface Persona {
  openid: string;
  /** Roles this persona holds over each target org, as the demo data defines them. */
  covers: Record<Level, Record<Scope, Role[]>>;
}

const none = { inside: [], outside: [] };
// Least privileged first: an allowed call may create things, never what a later persona relies on.
const PERSONAS: Record<string, Persona> = {
  anonymous: { openid: '', covers: { branch: none, college: none } },
  visitor: { openid: 'demo-visitor', covers: { branch: none, college: none } },
  member: {
    openid: 'demo-2023010104',
    covers: { branch: { inside: ['member'], outside: [] }, college: { inside: ['member'], outside: [] } },
  },
  leader: { openid: 'demo-leader-1', covers: { branch: { inside: ['leader'], outside: [] }, college: none } },
  secretary: {
    openid: 'demo-2023010101',
    covers: { branch: { inside: ['secretary', 'member'], outside: [] }, college: { inside: ['member'], outside: [] } },
  },
  generalSecretary: {
    openid: 'demo-general-cs',
    covers: { branch: { inside: ['generalSecretary'], outside: [] }, college: { inside: ['generalSecretary'], outside: [] } },
  },
  admin: {
    openid: 'demo-admin',
    covers: { branch: { inside: ['admin'], outside: ['admin'] }, college: { inside: ['admin'], outside: ['admin'] } },
  },
};

interface Entry {
  access: Access;
  /** The kind of org the action acts on (then inside/outside matter), or none: the caller only. */
  target: Level | 'none';
  /**
   * For 'user' actions whose handler admits only members of the org the payload leads to (the QR
   * sign page tells a dead code, an unbound visitor and a stranger apart itself).
   */
  membersOfTarget?: boolean;
  /** A payload acting on (something in) the given org; fresh fixtures so no case disturbs another. */
  payload: (orgId: string, fx: Fixtures) => Promise<Record<string, unknown>> | Record<string, unknown>;
}

const ALL_STAFF: Role[] = ['admin', 'generalSecretary', 'secretary', 'leader'];
const MANAGERS: Role[] = ['admin', 'generalSecretary', 'secretary'];

const POLICY: Record<string, Entry> = {
  'system.ping': { access: 'public', target: 'none', payload: () => ({}) },
  'system.whoami': { access: 'user', target: 'none', payload: () => ({}) },

  'org.detail': { access: [...ALL_STAFF, 'member'], target: 'branch', payload: (orgId) => ({ orgId }) },
  'org.roots': { access: [...ALL_STAFF, 'member'], target: 'none', payload: () => ({}) },
  'org.createOrg': { access: MANAGERS, target: 'branch', payload: (orgId) => ({ parentId: orgId, name: '矩阵测试小组' }) },
  'org.renameOrg': {
    access: MANAGERS,
    target: 'branch',
    payload: async (orgId, fx) => ({ orgId: await fx.group(orgId), name: '改名小组' }),
  },
  'org.moveOrg': {
    access: ['admin'],
    target: 'branch',
    payload: async (orgId, fx) => ({ orgId: await fx.group(orgId), newParentId: orgId }),
  },
  'org.archiveOrg': {
    access: ['admin', 'generalSecretary'],
    target: 'branch',
    payload: async (orgId, fx) => ({ orgId: await fx.group(orgId) }),
  },
  'org.restoreOrg': {
    access: ['admin', 'generalSecretary'],
    target: 'branch',
    payload: async (orgId, fx) => ({ orgId: await fx.group(orgId) }),
  },
  'org.assignRole': {
    access: ['admin', 'generalSecretary'],
    target: 'branch',
    // A secretary handover on a new branch of the same college: nobody's real grant changes.
    payload: async (orgId, fx) => ({ orgId: await fx.siblingBranch(orgId), role: 'secretary', holderId: await fx.member(orgId) }),
  },
  'org.revokeRole': {
    access: ['admin', 'generalSecretary'],
    target: 'branch',
    payload: async (orgId, fx) => ({ grantId: await fx.secretaryGrant(orgId) }),
  },
  'org.createStaff': { access: ['admin'], target: 'none', payload: () => ({ name: '矩阵老师', title: '辅导员' }) },
  'org.listStaff': { access: ['admin'], target: 'none', payload: () => ({}) },
  'org.setContactPoints': {
    access: ['admin'],
    target: 'none',
    payload: async (orgId, fx) => ({ holderId: await fx.staff(), orgIds: [orgId] }),
  },
  'org.leadingGroup': { access: ['admin'], target: 'none', payload: () => ({}) },
  'org.auditLog': { access: ALL_STAFF, target: 'branch', payload: (orgId) => ({ orgId }) },

  'roster.listMembers': { access: ALL_STAFF, target: 'branch', payload: (orgId) => ({ orgId }) },
  'roster.previewImport': {
    access: MANAGERS,
    target: 'branch',
    payload: async (orgId, fx) => ({ orgId, fileID: await fx.rosterFile(orgId), fileName: '名单.csv' }),
  },
  'roster.commitImport': { access: MANAGERS, target: 'branch', payload: async (orgId, fx) => ({ jobId: await fx.importJob(orgId) }) },
  'roster.importStatus': { access: MANAGERS, target: 'branch', payload: async (orgId, fx) => ({ jobId: await fx.importJob(orgId) }) },
  'roster.template': { access: 'user', target: 'none', payload: () => ({}) },
  'roster.exportRoster': { access: MANAGERS, target: 'branch', payload: (orgId) => ({ orgId }) },
  'roster.setCadre': {
    access: MANAGERS,
    target: 'branch',
    payload: async (orgId, fx) => ({ memberId: await fx.member(orgId), isCadre: true, post: '组织委员' }),
  },

  'account.bind': { access: 'user', target: 'none', payload: () => ({ studentNo: '2099999999', name: '无此人' }) },
  'account.redeemInvite': { access: 'user', target: 'none', payload: () => ({ code: 'NOSUCHCD' }) },
  'account.requestRelease': { access: 'user', target: 'none', payload: () => ({ studentNo: '2099999999', name: '无此人' }) },
  'account.release': { access: MANAGERS, target: 'branch', payload: async (orgId, fx) => ({ memberId: await fx.member(orgId, true) }) },
  'account.releaseRequests': { access: MANAGERS, target: 'branch', payload: (orgId) => ({ orgId }) },
};

const EVERYONE: Role[] = [...ALL_STAFF, 'member'];
const demoCampaign = demoData().campaigns[0];
const campaignInput: CampaignInput = {
  title: demoCampaign.title,
  phases: demoCampaign.phases,
  stages: demoCampaign.stages,
  rounds: demoCampaign.rounds,
  rules: demoCampaign.rules,
};
const fourGoods = {
  organisation: '每月召开一次支部大会',
  education: '每周组织一次理论学习',
  activities: '每学期开展两次志愿服务',
  feedback: '每学期开展一次团员评议',
};
const fourLeads = {
  conviction: ['按时参加组织生活'],
  study: ['本学期不挂科'],
  results: ['参加一项学科竞赛'],
  morals: ['参加志愿服务十小时'],
};

Object.assign(POLICY, {
  'campaign.timeline': { access: EVERYONE, target: 'none', payload: () => ({}) },
  'campaign.saveCampaign': { access: ['admin'], target: 'none', payload: () => ({ campaign: campaignInput }) },
  'campaign.publishPlan': {
    access: ['admin', 'generalSecretary'],
    target: 'college',
    payload: (orgId) => ({ orgId, title: '实施方案', body: '按计划开展活动', attachments: [] }),
  },
  'campaign.plans': { access: EVERYONE, target: 'branch', payload: (orgId) => ({ orgId }) },
  'campaign.recordMeeting': {
    access: MANAGERS,
    target: 'branch',
    payload: (orgId) => ({ orgId, date: '2026-11-20', place: '教学楼 101', attendance: 30, summary: '动员大会', photos: [] }),
  },
  'campaign.meetings': { access: ALL_STAFF, target: 'branch', payload: (orgId) => ({ orgId }) },
  'campaign.submitOrgPledge': {
    access: MANAGERS,
    target: 'college',
    payload: (orgId) => ({ orgId, roundKey: 'round-1', items: fourGoods }),
  },
  'campaign.orgPledges': { access: EVERYONE, target: 'branch', payload: (orgId) => ({ orgId, roundKey: 'round-1' }) },
  'campaign.orgPledgeHistory': { access: EVERYONE, target: 'branch', payload: (orgId) => ({ orgId, roundKey: 'round-1' }) },
  'campaign.orgOverview': { access: ALL_STAFF, target: 'branch', payload: (orgId) => ({ orgId, roundKey: 'round-1' }) },

  'pledge.openSession': { access: MANAGERS, target: 'branch', payload: (orgId) => ({ branchId: orgId, roundKey: 'round-1' }) },
  'pledge.rotateSession': {
    access: MANAGERS,
    target: 'branch',
    payload: async (orgId, fx) => ({ sessionId: (await fx.session(orgId)).id }),
  },
  'pledge.closeSession': {
    access: MANAGERS,
    target: 'branch',
    payload: async (orgId, fx) => ({ sessionId: (await fx.session(orgId)).id }),
  },
  'pledge.setAutoRotate': {
    access: MANAGERS,
    target: 'branch',
    payload: async (orgId, fx) => ({ sessionId: (await fx.session(orgId)).id, auto: false }),
  },
  'pledge.tickSession': {
    access: MANAGERS,
    target: 'branch',
    payload: async (orgId, fx) => ({ sessionId: (await fx.session(orgId)).id }),
  },
  'pledge.scan': {
    access: 'user',
    target: 'branch',
    membersOfTarget: true,
    payload: async (orgId, fx) => ({ scene: (await fx.session(orgId)).scene }),
  },
  // Names that do not match the roster: refused by the handler after the access checks, so nothing is signed.
  'pledge.sign': {
    access: 'user',
    target: 'branch',
    membersOfTarget: true,
    payload: async (orgId, fx) => ({
      scene: (await fx.session(orgId)).scene,
      items: fourLeads,
      signature: { kind: 'name', name: '不是本人' },
    }),
  },
  'pledge.sheet': { access: EVERYONE, target: 'branch', payload: (orgId) => ({ branchId: orgId, roundKey: 'round-1' }) },
} satisfies Record<string, Entry>);

/** An activity of the org, written straight through the SDK, for the actions that name one. */
async function activityIn(orgId: string): Promise<string> {
  const cloud = require('wx-server-sdk') as typeof import('wx-server-sdk');
  const college = orgId === 'org-cs-1' ? 'org-cs' : 'org-fl';
  const res = (await cloud
    .database()
    .collection('activities')
    .add({
      data: {
        campaignId: 'campaign-demo',
        roundKey: 'round-1',
        orgId,
        orgPath: ['org-committee', college, orgId],
        orgName: '矩阵团支部',
        title: '矩阵活动',
        date: '2026-11-01',
        place: '教室',
        body: '矩阵',
        goods: [],
        leads: [],
        attendees: [],
        photos: [],
        archived: false,
        postedBy: 'demo-2023010101',
        postedByName: '书记',
        postedAt: new Date(),
      },
    })) as { _id: string };
  return res._id;
}
/** A member's report is for the member themself: the persona's own entry inside, a stranger's outside. */
const REPORTED_MEMBER: Record<string, string> = { 'org-cs-1': 'm-2023010104', 'org-fl-1': 'm-2023030104' };

Object.assign(POLICY, {
  'fulfil.postActivity': {
    access: MANAGERS,
    target: 'branch',
    payload: (orgId) => ({
      orgId,
      roundKey: 'round-1',
      title: '矩阵活动',
      date: '2026-11-01',
      place: '教学楼 101',
      body: '矩阵测试活动',
      goods: ['activities'],
      leads: [],
      attendeeIds: [],
      photos: [],
    }),
  },
  'fulfil.feed': { access: EVERYONE, target: 'branch', payload: (orgId) => ({ orgId }) },
  'fulfil.archiveActivity': { access: MANAGERS, target: 'branch', payload: async (orgId) => ({ activityId: await activityIn(orgId) }) },
  // A member checks in for themself: no org in the payload (refused later for want of a signed pledge).
  'fulfil.checkIn': {
    access: ['member'],
    target: 'none',
    payload: () => ({ roundKey: 'round-1', lead: 'morals', text: '矩阵打卡', date: '2026-11-01', photos: [], activityId: null }),
  },
  'fulfil.reviewMember': {
    access: ['secretary'],
    target: 'branch',
    payload: async (orgId, fx) => ({ memberId: await fx.member(orgId), roundKey: 'round-1', grade: 'good', comment: '矩阵点评' }),
  },
  'fulfil.reviewOrg': {
    access: ['generalSecretary', 'admin'],
    target: 'branch',
    payload: (orgId) => ({ orgId, roundKey: 'round-1', grade: 'good', comment: '矩阵点评' }),
  },
  'fulfil.memberReport': {
    access: EVERYONE,
    target: 'branch',
    payload: (orgId) => ({ memberId: REPORTED_MEMBER[orgId], roundKey: 'round-1' }),
  },
  'fulfil.orgReport': { access: ALL_STAFF, target: 'branch', payload: (orgId) => ({ orgId, roundKey: 'round-1' }) },
  // A college's own summary: its general secretary writes it (before the review stage the handler answers CONFLICT).
  'fulfil.submitSummary': {
    access: MANAGERS,
    target: 'college',
    payload: (orgId) => ({ orgId, roundKey: 'round-1', text: '矩阵总结', photos: [] }),
  },
  'fulfil.commentSummary': {
    access: ['generalSecretary', 'admin'],
    target: 'branch',
    payload: (orgId) => ({ orgId, roundKey: 'round-1', comment: '矩阵点评' }),
  },
  'fulfil.summaries': { access: ALL_STAFF, target: 'branch', payload: (orgId) => ({ orgId, roundKey: 'round-1' }) },
  'fulfil.compiledSummaries': {
    access: ['admin', 'generalSecretary'],
    target: 'college',
    payload: (orgId) => ({ orgId, roundKey: 'round-1' }),
  },
  'fulfil.exportOrgReport': { access: ALL_STAFF, target: 'branch', payload: (orgId) => ({ orgId, roundKey: 'round-1' }) },
  'fulfil.attendanceCode': { access: MANAGERS, target: 'branch', payload: async (orgId) => ({ activityId: await activityIn(orgId) }) },
  // A member records themself from a scanned code: no org in the payload (a made-up code is NOT_FOUND).
  'fulfil.attend': { access: ['member'], target: 'none', payload: () => ({ scene: 'a=matrixmatrix' }) },
} satisfies Record<string, Entry>);

/** A reminder event for everyone (it concerns every org), written straight through the SDK. */
async function notifyEvent(): Promise<string> {
  const cloud = require('wx-server-sdk') as typeof import('wx-server-sdk');
  const event = { kind: 'stageStart', title: '矩阵提醒', values: {}, page: 'pages/home/index', urgent: false, audience: { orgId: null } };
  await cloud
    .database()
    .collection('notifyEvents')
    .doc('stageStart:matrix')
    .set({ data: { ...event, scope: [], status: 'ready', cursor: null, pages: 0, createdAt: new Date() } });
  return 'stageStart:matrix';
}

Object.assign(POLICY, {
  'notify.myReminders': { access: 'user', target: 'none', payload: () => ({}) },
  'notify.recordConsent': { access: 'user', target: 'none', payload: () => ({ accepted: ['stage'] }) },
  'notify.events': { access: MANAGERS, target: 'branch', payload: (orgId) => ({ orgId }) },
  'notify.unreachable': { access: MANAGERS, target: 'branch', payload: async (orgId) => ({ orgId, eventId: await notifyEvent() }) },
} satisfies Record<string, Entry>);

/** A frozen spot-check draw over the org's members, written straight through the SDK with its list file. */
async function drawIn(orgId: string): Promise<string> {
  const cloud = require('wx-server-sdk') as typeof import('wx-server-sdk');
  const college = orgId === 'org-cs-1' ? 'org-cs' : 'org-fl';
  const list = Buffer.from('m-a\nm-b\nm-c\n', 'utf8');
  const id = `dmatrix${Math.random().toString(36).slice(2, 10)}`;
  const { fileID } = (await cloud.uploadFile({ cloudPath: `supervise/draws/${id}.txt`, fileContent: list })) as { fileID: string };
  const hash = createHash('sha256').update(list).digest('hex');
  await cloud
    .database()
    .collection('draws')
    .doc(id)
    .set({
      data: {
        title: '矩阵抽查',
        scopeOrgId: orgId,
        scopeName: '矩阵团支部',
        scopePath: ['org-committee', college, orgId],
        population: 'members',
        size: 1,
        count: 3,
        listFileID: fileID,
        listHash: hash,
        status: 'frozen',
        seed: null,
        sample: [],
        createdBy: 'demo-admin',
        createdByName: '管理员',
        frozenAt: new Date(),
        drawnBy: null,
        drawnAt: null,
      },
    });
  return id;
}

/** A rectification of the org (a branch's answered by its secretary, a college's by its general secretary). */
async function rectificationIn(orgId: string, status: 'open' | 'answered'): Promise<string> {
  const cloud = require('wx-server-sdk') as typeof import('wx-server-sdk');
  const branch = orgId.endsWith('-1');
  const college = branch ? orgId.slice(0, -2) : orgId;
  const res = (await cloud
    .database()
    .collection('rectifications')
    .add({
      data: {
        inspectionId: 'i-matrix',
        findingIndex: 0,
        finding: '矩阵问题',
        orgId,
        orgName: '矩阵组织',
        orgPath: branch ? ['org-committee', college, orgId] : ['org-committee', orgId],
        deadline: '2099-01-01',
        responsible: { holderId: 'h', name: '书记', role: branch ? 'secretary' : 'generalSecretary' },
        status,
        answer: status === 'answered' ? { text: '已整改', photos: [], byName: '书记', at: new Date() } : null,
        history: [],
        inspector: 'demo-leader-1',
        inspectorName: '赵书记',
        escalatedTo: null,
        escalatedAt: null,
        createdAt: new Date(),
        closedAt: null,
      },
    })) as { _id: string };
  return res._id;
}
const INSPECTORS: Role[] = ['admin', 'generalSecretary', 'leader'];

Object.assign(POLICY, {
  'supervise.contactPoints': { access: ['leader'], target: 'none', payload: () => ({}) },
  'supervise.recordInspection': {
    access: INSPECTORS,
    target: 'branch',
    payload: (orgId) => ({ orgId, kind: 'regular', date: '2026-11-01', place: '', summary: '矩阵检查', findings: [], drawId: null }),
  },
  'supervise.inspections': { access: ALL_STAFF, target: 'branch', payload: (orgId) => ({ orgId }) },
  'supervise.createDraw': {
    access: INSPECTORS,
    target: 'branch',
    payload: (orgId) => ({ scopeOrgId: orgId, population: 'members', size: 1, title: '矩阵抽查' }),
  },
  'supervise.draw': { access: INSPECTORS, target: 'branch', payload: async (orgId) => ({ drawId: await drawIn(orgId), seed: '1 2 3' }) },
  'supervise.verifyDraw': { access: EVERYONE, target: 'branch', payload: async (orgId) => ({ drawId: await drawIn(orgId) }) },
  'supervise.draws': { access: INSPECTORS, target: 'branch', payload: (orgId) => ({ orgId }) },
  'supervise.rectifications': { access: ALL_STAFF, target: 'branch', payload: (orgId) => ({ orgId, filter: 'all' }) },
  'supervise.rectification': {
    access: ALL_STAFF,
    target: 'branch',
    payload: async (orgId) => ({ rectificationId: await rectificationIn(orgId, 'open') }),
  },
  // A college's rectification: its general secretary is the responsible person.
  'supervise.answerRectification': {
    access: ['secretary', 'generalSecretary'],
    target: 'college',
    payload: async (orgId) => ({ rectificationId: await rectificationIn(orgId, 'open'), text: '已完成整改', photos: [] }),
  },
  // Recorded by the leader; the college above and the committee may also accept.
  'supervise.reviewRectification': {
    access: INSPECTORS,
    target: 'branch',
    payload: async (orgId) => ({ rectificationId: await rectificationIn(orgId, 'answered'), decision: 'accept', comment: '' }),
  },
} satisfies Record<string, Entry>);

Object.assign(POLICY, {
  'dashboard.home': { access: ALL_STAFF, target: 'none', payload: () => ({}) },
  'dashboard.view': { access: ALL_STAFF, target: 'branch', payload: (orgId) => ({ orgId }) },
  'dashboard.refresh': { access: ['admin'], target: 'none', payload: () => ({}) },
  'dashboard.exportList': { access: ALL_STAFF, target: 'branch', payload: (orgId) => ({ orgId, list: 'activities' }) },
} satisfies Record<string, Entry>);

/** An evaluation organised by a college over its first branch, written straight through the SDK: open now, or opening next week. */
let evaluations = 0;
async function evaluationBy(collegeId: string, open: boolean): Promise<string> {
  const cloud = require('wx-server-sdk') as typeof import('wx-server-sdk');
  const day = 86_400_000;
  const id = `ev-matrix-${++evaluations}`;
  const branch = `${collegeId}-1`;
  await cloud
    .database()
    .collection('evaluations')
    .doc(id)
    .set({
      data: {
        title: '矩阵评议',
        organiserId: collegeId,
        organiserName: '矩阵团总支',
        organiserPath: ['org-committee', collegeId],
        targets: [{ id: branch, name: '矩阵团支部' }],
        targetIds: [branch],
        form: 'choice',
        electorate: 'own',
        electorateOrgs: [branch],
        scope: ['org-committee', collegeId, branch],
        start: '2026-01-01',
        end: '2026-01-02',
        opensAt: new Date(Date.now() + (open ? -day : 7 * day)),
        closesAt: new Date(Date.now() + (open ? 7 : 9) * day),
        state: 'pending',
        closedEarly: null,
        reminded: [],
        createdBy: 'demo-admin',
        createdAt: new Date(),
        updatedAt: new Date(),
        ballots: 0,
      },
    });
  return id;
}
const shanghaiDayIn = (days: number) => new Date(Date.now() + 8 * 3600_000 + days * 86_400_000).toISOString().slice(0, 10);
const evaluationInput = (collegeId: string) => ({
  title: '矩阵评议',
  targetIds: [`${collegeId}-1`],
  form: 'choice',
  electorate: 'own',
  start: shanghaiDayIn(1),
  end: shanghaiDayIn(3),
});

Object.assign(POLICY, {
  'evaluate.createEvaluation': {
    access: ['admin', 'generalSecretary'],
    target: 'college',
    payload: (orgId) => ({ organiserId: orgId, ...evaluationInput(orgId) }),
  },
  'evaluate.updateEvaluation': {
    access: ['admin', 'generalSecretary'],
    target: 'college',
    payload: async (orgId) => ({ evaluationId: await evaluationBy(orgId, false), ...evaluationInput(orgId) }),
  },
  'evaluate.closeEarly': {
    access: ['admin', 'generalSecretary'],
    target: 'college',
    payload: async (orgId) => ({ evaluationId: await evaluationBy(orgId, true), reason: '矩阵提前结束' }),
  },
  'evaluate.myEvaluations': { access: 'user', target: 'none', payload: () => ({}) },
  'evaluate.evaluation': {
    access: EVERYONE,
    target: 'college',
    payload: async (orgId) => ({ evaluationId: await evaluationBy(orgId, true) }),
  },
  // The caller's own ballot, no org in the payload: an open evaluation of 计科2301班 whose every elector's ballot names a
  // target outside it, so the handler refuses it (INVALID_ARGUMENT) after the access checks and nothing is stored.
  'evaluate.vote': {
    access: ['member'],
    target: 'none',
    payload: async () => ({ evaluationId: await evaluationBy('org-cs', true), answers: [{ targetId: 'org-fl-1', choice: 'satisfied' }] }),
  },
  'evaluate.checkReceipt': { access: 'user', target: 'none', payload: () => ({ evaluationId: 'ev-none', receipt: 'AAAA-BBBB-CCCC' }) },
  'evaluate.turnout': {
    access: MANAGERS,
    target: 'branch',
    payload: async (orgId) => ({ evaluationId: await evaluationBy(orgId === 'org-cs-1' ? 'org-cs' : 'org-fl', true), orgId }),
  },
  // Not closed yet: an allowed caller is told so (CONFLICT), a refused one is refused first.
  'evaluate.results': {
    access: EVERYONE,
    target: 'college',
    payload: async (orgId) => ({ evaluationId: await evaluationBy(orgId, true) }),
  },
  // Not closed yet either: an allowed caller gets CONFLICT, nothing is exported.
  'evaluate.exportResults': {
    access: ['admin', 'generalSecretary'],
    target: 'college',
    payload: async (orgId) => ({ evaluationId: await evaluationBy(orgId, true) }),
  },
} satisfies Record<string, Entry>);

/** 评比表彰 fixtures, written straight through the SDK: a commendation, a nomination, an objection, an award of the org. */
let commendSeq = 0;
async function commendDoc(collection: string, doc: Record<string, unknown>): Promise<string> {
  const cloud = require('wx-server-sdk') as typeof import('wx-server-sdk');
  const { _id, ...rest } = doc;
  await cloud.database().collection(collection).doc(String(_id)).set({ data: rest });
  return String(_id);
}
const commendPath = (orgId: string) =>
  orgId.startsWith('org-cs') ? ['org-committee', 'org-cs', orgId] : ['org-committee', 'org-fl', orgId];
/** A commendation whose org is the target (the committee in real life): its actions target that org. */
const commendationIn = (orgId: string) =>
  commendDoc('commendations', {
    _id: `commend-matrix-${++commendSeq}`,
    campaignId: 'campaign-demo',
    roundKey: 'round-1',
    orgId,
    orgName: '矩阵组织',
    title: '矩阵表彰',
    awards: [{ key: 'outstanding-member', name: '优秀共青团员', subject: 'member', quota: { perBranch: 2, perGeneral: 2, total: 2 } }],
    timeline: {
      nominate: { start: '2020-01-01', end: '2099-12-31' },
      forward: { start: '2020-01-01', end: '2099-12-31' },
      approve: { start: '2020-01-01', end: '2099-12-31' },
      noticeDays: 5,
    },
    notice: null,
    issuedAt: null,
    openedBy: 'fixture',
    openedAt: new Date(),
  });
/** A nomination of a member of the branch. */
async function nominationIn(orgId: string, status: string): Promise<string> {
  const commendationId = await commendationIn('org-committee');
  const n = ++commendSeq;
  return commendDoc('nominations', {
    _id: `${commendationId}:outstanding-member:m-matrix-${n}`,
    commendationId,
    campaignId: 'campaign-demo',
    roundKey: 'round-1',
    awardKey: 'outstanding-member',
    awardName: '优秀共青团员',
    subject: 'member',
    subjectId: `m-matrix-${n}`,
    subjectName: '矩阵团员',
    branchId: orgId,
    branchName: '矩阵团支部',
    generalId: commendPath(orgId)[1],
    generalName: '矩阵团总支',
    orgPath: commendPath(orgId),
    status,
    reason: '矩阵推荐理由',
    steps: [],
    slots: [],
    updatedAt: new Date(),
  });
}
const objectionIn = async (orgId: string) =>
  commendDoc('objections', {
    _id: `objection-matrix-${++commendSeq}`,
    commendationId: await commendationIn(orgId),
    orgId,
    nominationId: 'none',
    subjectName: '矩阵团员',
    awardName: '优秀共青团员',
    text: '矩阵异议',
    by: 'fixture',
    byName: '矩阵',
    at: new Date(),
    status: 'open',
    resolution: null,
  });
/** An award of the persona's own entry inside (a member may read their own certificate), a stranger's outside. */
const awardIn = (orgId: string) =>
  commendDoc('awards', {
    _id: `award-matrix-${++commendSeq}`,
    code: `MATRX${String(commendSeq).padStart(5, '2')}`.slice(0, 10),
    commendationId: 'none',
    commendationTitle: '矩阵表彰',
    nominationId: 'none',
    awardKey: 'outstanding-member',
    awardName: '优秀共青团员',
    subject: 'member',
    subjectId: REPORTED_MEMBER[orgId],
    subjectName: '矩阵团员',
    branchName: '矩阵团支部',
    orgPath: commendPath(orgId),
    orgId,
    issuer: '校团委',
    issuedOn: '2026-11-30',
    issuedAt: new Date(),
    qrFileID: null,
  });
const decisionPayload = (decision: string) => async (orgId: string) => ({
  nominationId: await nominationIn(orgId, decision === 'forward' ? 'nominated' : 'forwarded'),
  decision,
  reason: '矩阵理由',
});

Object.assign(POLICY, {
  // The committee opens it on its own org; a branch as the target is refused by the handler (INVALID_ARGUMENT), not the router.
  'commend.openCommendation': {
    access: ['admin'],
    target: 'branch',
    payload: (orgId) => ({
      orgId,
      title: '矩阵表彰',
      roundKey: 'round-1',
      awards: [{ key: 'm', name: '优秀共青团员', subject: 'member', quota: { perBranch: 1, perGeneral: 1, total: 1 } }],
      timeline: {
        nominate: { start: '2026-01-01', end: '2026-01-02' },
        forward: { start: '2026-01-03', end: '2026-01-04' },
        approve: { start: '2026-01-05', end: '2026-01-06' },
        noticeDays: 5,
      },
    }),
  },
  'commend.overview': { access: EVERYONE, target: 'none', payload: () => ({}) },
  'commend.nominateMember': {
    access: ['secretary'],
    target: 'branch',
    payload: async (orgId, fx) => ({
      commendationId: await commendationIn('org-committee'),
      awardKey: 'outstanding-member',
      memberId: await fx.member(orgId),
      reason: '矩阵推荐理由',
    }),
  },
  'commend.nominateOrg': {
    access: ['generalSecretary'],
    target: 'branch',
    payload: async (orgId) => ({
      commendationId: await commendationIn('org-committee'),
      awardKey: 'red-flag-org',
      orgId,
      reason: '矩阵推荐理由',
    }),
  },
  'commend.forward': { access: ['generalSecretary'], target: 'branch', payload: decisionPayload('forward') },
  'commend.decide': { access: ['admin'], target: 'branch', payload: decisionPayload('approve') },
  'commend.nominations': {
    access: ALL_STAFF,
    target: 'branch',
    payload: async (orgId) => ({ commendationId: await commendationIn('org-committee'), orgId }),
  },
  'commend.nomination': {
    access: ALL_STAFF,
    target: 'branch',
    payload: async (orgId) => ({ nominationId: await nominationIn(orgId, 'nominated') }),
  },
  'commend.publishNotice': {
    access: ['admin'],
    target: 'branch',
    payload: async (orgId) => ({ commendationId: await commendationIn(orgId) }),
  },
  // The 公示 is the whole tree's: anyone bound reads it and may object (no target org).
  'commend.notice': { access: EVERYONE, target: 'none', payload: async () => ({ commendationId: await commendationIn('org-committee') }) },
  'commend.raiseObjection': {
    access: EVERYONE,
    target: 'none',
    payload: async (orgId) => ({ nominationId: await nominationIn(orgId, 'approved'), text: '矩阵异议内容' }),
  },
  'commend.objections': {
    access: ['admin'],
    target: 'branch',
    payload: async (orgId) => ({ commendationId: await commendationIn(orgId) }),
  },
  'commend.resolveObjection': {
    access: ['admin'],
    target: 'branch',
    payload: async (orgId) => ({ objectionId: await objectionIn(orgId), outcome: 'dismissed', reason: '矩阵理由' }),
  },
  'commend.issueAwards': {
    access: ['admin'],
    target: 'branch',
    payload: async (orgId) => ({ commendationId: await commendationIn(orgId) }),
  },
  'commend.certificate': { access: EVERYONE, target: 'branch', payload: async (orgId) => ({ awardId: await awardIn(orgId) }) },
  'commend.verify': { access: 'public', target: 'none', payload: () => ({ code: 'ABCDEFGHJK' }) },
  'commend.publishStory': {
    access: MANAGERS,
    target: 'branch',
    payload: (orgId) => ({ orgId, title: '矩阵典型', body: '矩阵先进典型事迹内容', photos: [], source: null }),
  },
  'commend.stories': { access: EVERYONE, target: 'none', payload: () => ({}) },
  'commend.archiveStory': {
    access: MANAGERS,
    target: 'branch',
    payload: async (orgId) => ({
      storyId: await commendDoc('stories', {
        _id: `story-matrix-${++commendSeq}`,
        orgId,
        orgPath: commendPath(orgId),
        orgName: '矩阵团支部',
        title: '矩阵典型',
        body: '矩阵',
        photos: [],
        source: null,
        archived: false,
        postedBy: 'fixture',
        postedByName: '矩阵',
        postedAt: new Date(),
      }),
    }),
  },
} satisfies Record<string, Entry>);

const REFUSALS = ['UNAUTHENTICATED', 'NOT_BOUND', 'FORBIDDEN'];

function expectedRefusal(persona: Persona, entry: Entry, scope: Scope): string | null {
  if (entry.access === 'public') return null;
  if (!persona.openid) return 'UNAUTHENTICATED';
  const unbound = Object.values(persona.covers).every((c) => c.inside.length === 0 && c.outside.length === 0);
  if (entry.membersOfTarget) {
    if (entry.target === 'none') throw new Error('membersOfTarget needs a target');
    return persona.covers[entry.target][scope].includes('member') ? null : unbound ? 'NOT_BOUND' : 'FORBIDDEN';
  }
  if (entry.access === 'user') return null;
  const allowed = entry.access;
  const held =
    entry.target === 'none'
      ? Object.values(persona.covers).flatMap((c) => [...c.inside, ...c.outside])
      : persona.covers[entry.target][scope];
  if (held.some((r) => allowed.includes(r))) return null;
  return unbound ? 'NOT_BOUND' : 'FORBIDDEN';
}

const declared = (Object.entries(TABLES) as [Domain, ActionTable<Domain>][]).flatMap(([domain, table]) =>
  describeActions(table).map((d) => ({ key: `${domain}.${d.action}`, domain, ...d })),
);

describe('the policy covers every action', () => {
  it('has an entry for each declared action, and no stale entries', () => {
    expect(declared.map((d) => d.key).sort()).toEqual(Object.keys(POLICY).sort());
  });

  it.each(declared.map((d) => [d.key, d] as const))('%s declares the access and target the policy states', (key, d) => {
    const entry = POLICY[key];
    const sorted = (a: Access) => (Array.isArray(a) ? [...a].sort() : a);
    expect(sorted(d.access)).toEqual(sorted(entry.access));
    if (Array.isArray(entry.access)) expect(d.hasTarget).toBe(entry.target !== 'none');
  });
});

describe('every action × persona × scope', () => {
  let emu: TestEmulator;
  let fx: Fixtures;
  beforeAll(async () => {
    emu = await startTestEmulator();
    fx = fixtures();
  });
  afterAll(() => emu?.close());

  const cases = declared.flatMap((d) =>
    Object.entries(PERSONAS).flatMap(([name, persona]) =>
      (['outside', 'inside'] as Scope[]).map((scope) => [d.key, name, scope, persona, d.domain, d.action] as const),
    ),
  );

  it(`${cases.length} cases: allowed calls are not refused, refused calls are refused with the right code`, async () => {
    const wrong: string[] = [];
    for (const [key, name, scope, persona, domain, action] of cases) {
      const entry = POLICY[key];
      if (!entry) continue; // reported by the coverage test above
      const payload = await entry.payload(TARGET[entry.target === 'college' ? 'college' : 'branch'][scope], fx);
      const res = await emu.call(domain, action, payload, persona.openid || undefined);
      // No envelope at all (the function failed to run) is never a pass, whatever was expected.
      const code = !res.result ? `HTTP ${res.status}` : res.result.ok ? null : res.result.code;
      const expected = expectedRefusal(persona, entry, scope);
      const refused = code !== null && REFUSALS.includes(code);
      if (!res.result || (expected === null ? refused || code === 'INTERNAL' : code !== expected)) {
        wrong.push(`${key} as ${name} (${scope}): expected ${expected ?? 'allowed'}, got ${code ?? 'ok'}`);
      }
    }
    console.log(
      `authorisation matrix: ${declared.length} actions × ${Object.keys(PERSONAS).length} personas × 2 scopes = ${cases.length} cases, ${wrong.length} wrong`,
    );
    expect(wrong).toEqual([]);
  });
});
