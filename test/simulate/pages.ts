/**
 * Every page of dist/weapp × every persona, and what that persona must see there with the demo data.
 * A page a later issue adds joins pages.test.ts by getting a row here (the test fails for a page of
 * app.json without one): its query, and per persona either real content (`shows`: texts that all
 * appear once the page has loaded) or the refusal / empty state that persona gets.
 */
import { ERROR_MESSAGES, type ErrorCode } from '../../types/errors';
import { FOUR_LEAD_NAMES, STAGE_NAMES } from '../../types/models';
import { SIGN_PAGE } from '../../types/pledge';
import { fetchBytes } from './cloud-bridge';
import type { Navigation, OpenPage } from './weapp-host';
import { DEMO, PERSONAS, PERSONA_KEYS, type PersonaKey } from './personas';

/** What a page needs from the running emulator that the seed alone does not fix (set up in beforeAll). */
export interface Live {
  /** The scene of the home branch's open 四带头 signing session (what its 小程序码 carries). */
  scene: string;
  /** An open 群众评议 of the college over its branches (opened by its general secretary in beforeAll). */
  evaluationId: string;
}

export interface Expectation {
  /** Texts that must all show once the page has loaded. */
  shows: string[];
  /** The page's onLoad query (values raw; the harness URL-encodes them as a navigateTo URL does). */
  query?: Record<string, string>;
  /** Further checks once it has loaded and its calls have settled. */
  check?: (page: OpenPage, navigations: Navigation[]) => void | Promise<void>;
  /**
   * What `shows` is when not the page's content: the refusal a persona who may not use the page gets, or
   * the notice of a page that exists in the H5 local mode only (counted apart in the summary).
   */
  state?: 'refusal' | 'local-only';
  /** A behaviour worth a second look, kept visible in the test name rather than hidden. */
  note?: string;
}

export type Row = (live: Live) => Record<PersonaKey, Expectation>;

const { branch, college, committee, campaign } = DEMO;
const round = campaign.rounds[0];
const cadres = DEMO.branchMembers.filter((m) => m.isCadre);

/** The refusal state of a page whose data call the server refused with `code`. */
function refused(code: ErrorCode, query?: Record<string, string>): Expectation {
  return { shows: [ERROR_MESSAGES[code]], query, state: 'refusal' };
}

/** The same expectation for every persona (pages that do not depend on who is looking). */
function everyone(expectation: Expectation): Record<PersonaKey, Expectation> {
  return Object.fromEntries(PERSONA_KEYS.map((key) => [key, expectation])) as Record<PersonaKey, Expectation>;
}

const NOT_BOUND = refused('NOT_BOUND');

/** A control's text that must not show (a control the server would refuse). */
function lacks(...texts: string[]): (page: OpenPage) => void {
  return (page) => {
    for (const text of texts) expect(page.text()).not.toContain(text);
  };
}

/** The page's own state for a caller the server would refuse: its reason and the way onward, no form. */
function notAllowed(shows: string[], query?: Record<string, string>, check?: Expectation['check']): Expectation {
  return { shows, query, check, state: 'refusal' };
}

/** NotAllowed's state for an unbound visitor: 请先完成实名绑定 with 去绑定. */
function bindFirst(query?: Record<string, string>): Expectation {
  return notAllowed([ERROR_MESSAGES.NOT_BOUND, '去绑定'], query);
}

/** The org page's management buttons (归档 and 任命 also occur in its read-only note and 显示已归档). */
const ORG_BUTTONS = ['+ 新建', '重命名', '移动', '书记交接', '撤销', '添加管理员'];

/** A page for the committee admin alone: everyone bound is refused, the visitor told to bind. */
function adminOnly(admin: Expectation): Record<PersonaKey, Expectation> {
  const forbidden = refused('FORBIDDEN');
  return { ...everyone(forbidden), admin, visitor: NOT_BOUND };
}

/** The title of the evaluation the simulate run opens (pages.test.ts beforeAll). */
export const EVALUATION_TITLE = '模拟团支部满意度测评';

export const PAGES: Record<string, Row> = {
  'pages/home/index': () => {
    const timeline = [campaign.title, STAGE_NAMES.pledge, round.theme];
    return {
      admin: { shows: [...timeline, `发布${committee.name}“党团共建、创先争优”活动实施方案`] },
      generalSecretary: { shows: [...timeline, `提交${college.name}的“四好”承诺`] },
      secretary: { shows: [...timeline, `提交${branch.name}的“四好”承诺`, `组织${branch.name}团员签署“四带头”承诺`] },
      cadre: { shows: [...timeline, '签署“四带头”承诺'] },
      member: { shows: [...timeline, '签署“四带头”承诺'] },
      visitor: { shows: ['欢迎参加“党团共建、创先争优”活动', '去绑定', STAGE_NAMES.mobilize] },
      leader: { shows: [...timeline, '暂无待办'] },
    };
  },
  'pages/pledge/index': () => ({
    // The committee sees 承诺概况 of the whole tree; the leading group goes on to its contact points.
    admin: { shows: [round.theme, '承诺概况', college.name] },
    generalSecretary: { shows: [round.theme, '本组织“四好”承诺', college.name, '待提交'] },
    secretary: { shows: [round.theme, '发起四带头签名', branch.name, '我的“四带头”承诺', '未签署'] },
    cadre: { shows: [round.theme, '我的“四带头”承诺', '未签署'] },
    member: { shows: [round.theme, '我的“四带头”承诺', '未签署'] },
    visitor: NOT_BOUND,
    leader: { shows: [round.theme, '联系点承诺进展', '我的联系点'] },
  }),
  'pages/evaluate/index': () => {
    const listed = [EVALUATION_TITLE, '进行中'];
    return {
      admin: { shows: ['发起群众评议', ...listed, '投票情况'] },
      generalSecretary: { shows: ['发起群众评议', ...listed, '投票情况'] },
      secretary: { shows: [...listed, '去投票', '投票情况'], check: lacks('发起群众评议') },
      cadre: { shows: [...listed, '去投票'], check: lacks('发起群众评议', '投票情况') },
      member: { shows: [...listed, '去投票'], check: lacks('发起群众评议', '投票情况') },
      visitor: { shows: ['暂无评议'] },
      // The leader's contact point is a target: listed, with nothing to do.
      leader: { shows: listed, check: lacks('发起群众评议', '去投票') },
    };
  },
  'pages/mine/index': () => {
    const path = `${committee.name} / ${college.name} / ${branch.name}`;
    return {
      admin: { shows: [PERSONAS.admin.name ?? '', `管理员 · ${committee.name}`, '组织管理', '领导小组', '工作人员', '活动设置'] },
      generalSecretary: { shows: [PERSONAS.generalSecretary.name ?? '', `团总支书记 · ${college.name}`, '花名册', '动员部署'] },
      secretary: { shows: [PERSONAS.secretary.name ?? '', path, `团支部书记 · ${branch.name}`, '四带头签名'] },
      cadre: { shows: [PERSONAS.cadre.name ?? '', path, '组织委员'] },
      member: { shows: [PERSONAS.member.name ?? '', path] },
      visitor: { shows: ['未绑定', '实名绑定'] },
      leader: { shows: [PERSONAS.leader.name ?? '', `领导小组成员 · ${branch.name}`] },
    };
  },
  // H5 local mode only: the weapp build says so instead of listing demo identities.
  'pages/local-login/index': () => everyone({ shows: ['本地登录不可用'], state: 'local-only' }),
  'pages/bind/index': () => everyone({ shows: ['团员绑定', '工作人员', '请填写与花名册一致的学号和姓名'] }),

  'package-admin/org/index': () => {
    // What 我的 opens: the admin at the roots, secretaries at their org; others by URL only.
    // A member reads their branch here, told who manages it, with no management buttons.
    const ownBranch: Expectation = {
      shows: [branch.name, '团员青年', DEMO.groups[0].name, '由团支部书记、团总支书记和管理员办理'],
      check: lacks(...ORG_BUTTONS, '花名册', '导入花名册'),
    };
    return {
      admin: { shows: [committee.name, college.name, DEMO.otherCollege.name] },
      // A general secretary manages the college's branches; the college's own handover and archive are the admin's.
      generalSecretary: {
        query: { orgId: college._id },
        shows: [college.name, branch.name, '+ 新建团支部', '重命名', '导入花名册'],
        check: lacks('书记交接', '添加管理员', '移动'),
      },
      secretary: { query: { orgId: branch._id }, shows: [branch.name, DEMO.groups[0].name, PERSONAS.secretary.name ?? ''] },
      cadre: ownBranch,
      member: ownBranch,
      visitor: NOT_BOUND,
      leader: { shows: ['我可以管理的组织', branch.name] },
    };
  },
  'package-admin/members/index': () => {
    const roster: Expectation = {
      query: { orgId: branch._id },
      shows: [`共 ${DEMO.branchMembers.length} 人`, DEMO.branchMembers[0].name, DEMO.branchMembers[0].studentNo],
    };
    return {
      admin: roster,
      generalSecretary: {
        query: { orgId: college._id },
        shows: [`共 ${DEMO.data.members.filter((m) => m.orgPath.includes(college._id)).length} 人`, DEMO.branchMembers[0].name],
      },
      secretary: roster,
      cadre: refused('FORBIDDEN', { orgId: branch._id }),
      member: refused('FORBIDDEN', { orgId: branch._id }),
      visitor: refused('NOT_BOUND', { orgId: branch._id }),
      // A leader reads a contact point's roster without the secretaries' edits.
      leader: { ...roster, check: lacks('设为干部', '取消干部', '解绑', '导入', '导出') },
    };
  },
  'package-admin/import/index': () => {
    const form = (orgId: string, name: string): Expectation => ({ query: { orgId }, shows: ['导入到', name, '从微信聊天中选择表格'] });
    const query = { orgId: branch._id };
    const noForm = lacks('从微信聊天中选择表格');
    const notMine = notAllowed(['导入花名册由书记办理', '请联系所在团支部书记更正', '回到我的'], query, noForm);
    return {
      admin: form(branch._id, branch.name),
      generalSecretary: form(college._id, college.name),
      secretary: form(branch._id, branch.name),
      cadre: notMine,
      member: notMine,
      visitor: bindFirst(query),
      leader: notAllowed(['导入花名册由书记办理', '查看花名册'], query, noForm),
    };
  },
  'package-admin/staff/index': () => {
    const invited = DEMO.staff.find((x) => x.inviteCode);
    return adminOnly({ shows: [PERSONAS.generalSecretary.name ?? '', invited?.name ?? '', invited?.inviteCode ?? ''] });
  },
  'package-admin/leaders/index': () => adminOnly({ shows: [...DEMO.leaders.map((l) => l.name), branch.name] }),
  'package-admin/campaign/index': () => {
    const stage = campaign.stages[0];
    const form: Expectation = { shows: ['活动阶段（五个环节）', stage.start, stage.end, round.deadline, '保存设置'] };
    const notMine = notAllowed(['活动设置由校团委管理员维护', '查看活动安排'], undefined, lacks('保存设置'));
    return {
      ...everyone(notMine),
      admin: form,
      visitor: bindFirst(),
    };
  },
  'package-admin/mobilize/index': () => {
    const page = (orgId: string): Expectation => ({ query: { orgId }, shows: ['实施方案（自上而下）', '发布方案', '记录动员会'] });
    // The colleges' members and their contact-point leaders read no meetings (campaign.meetings): refused.
    const forbidden = notAllowed(['动员部署由书记和管理员办理', '回到我的'], { orgId: college._id });
    return {
      admin: page(committee._id),
      generalSecretary: page(college._id),
      // campaign.publishPlan is the committee's and the colleges'; recordMeeting takes a branch secretary too.
      secretary: {
        query: { orgId: branch._id },
        shows: ['实施方案（自上而下）', '实施方案由校团委和团总支发布', '记录动员会'],
        check: lacks('发布方案'),
      },
      cadre: forbidden,
      member: forbidden,
      visitor: bindFirst({ orgId: college._id }),
      leader: forbidden,
    };
  },

  [SIGN_PAGE]: ({ scene }) => {
    const header = [branch.name, round.theme];
    const form: Expectation = { query: { scene }, shows: [...header, '团干部标准', '确认签署'] };
    const stranger: Expectation = { query: { scene }, shows: ['这不是你所在团支部的二维码'], state: 'refusal' };
    return {
      admin: stranger,
      generalSecretary: stranger,
      secretary: form,
      cadre: form,
      member: { query: { scene }, shows: [...header, '请等待团干部先签署', `还有 ${cadres.length} 名团干部未签署`] },
      visitor: {
        query: { scene },
        shows: ['请先完成实名绑定', '去绑定'],
        state: 'refusal',
        check: (_page, navigations) => {
          const redirect = navigations.find((n) => n.api === 'redirectTo');
          expect(redirect?.url).toBe(
            `/pages/bind/index?redirect=${encodeURIComponent(`/${SIGN_PAGE}?scene=${encodeURIComponent(scene)}`)}`,
          );
        },
      },
      leader: stranger,
    };
  },
  'package-pledge/session/index': () => {
    const query = { branchId: branch._id };
    const session: Expectation = {
      query,
      shows: [branch.name, round.theme, `已签 0 / ${DEMO.branchMembers.length} 人`],
      // The 小程序码 the page shows is a temp URL of the emulator's storage that serves a PNG.
      check: async (page) => {
        const url = /http:\/\/127\.0\.0\.1:\d+\/storage\/[^"\\]+/.exec(JSON.stringify(page.component.data))?.[0] ?? '';
        expect(url).not.toBe('');
        const qr = await fetchBytes(url);
        expect([qr.status, qr.type, qr.body.subarray(1, 4).toString()]).toEqual([200, 'image/png', 'PNG']);
      },
    };
    const forbidden = refused('FORBIDDEN', query);
    return {
      admin: session,
      generalSecretary: session,
      secretary: session,
      cadre: forbidden,
      member: forbidden,
      visitor: refused('NOT_BOUND', query),
      leader: forbidden,
    };
  },
  'package-pledge/sheet/index': () => {
    const query = { branchId: branch._id };
    const sheet: Expectation = {
      query,
      shows: [
        `${branch.name}“四带头”集体承诺书`,
        `0 / ${DEMO.branchMembers.length}`,
        `未签署（${DEMO.branchMembers.length} 人）`,
        DEMO.branchMembers[0].name,
      ],
    };
    // Pledges are public within the org (接受监督): the branch's members read the sheet too.
    return {
      ...everyone(sheet),
      visitor: refused('NOT_BOUND', query),
    };
  },
  'package-fulfil/feed/index': () => {
    const feed = (extra: string[]): Expectation => ({ query: { orgId: branch._id }, shows: ['践诺动态', '还没有活动', ...extra] });
    // Staff above the branch read its name too; a general secretary may post to the college's branches.
    return {
      admin: feed([branch.name, '发布活动']),
      generalSecretary: feed([branch.name, '发布活动']),
      secretary: feed([branch.name, '发布活动', '践诺打卡']),
      cadre: feed([branch.name, '践诺打卡']),
      member: feed([branch.name, '践诺打卡']),
      visitor: refused('NOT_BOUND', { orgId: branch._id }),
      leader: { ...feed([branch.name]), check: lacks('发布活动', '践诺打卡') },
    };
  },
  'package-fulfil/post/index': () => {
    const form: Expectation = {
      query: { orgId: branch._id, roundKey: round.key },
      shows: ['活动名称', '践行的“四好”承诺', '参加人员', '发布活动'],
    };
    const noForm = lacks('活动名称');
    const member = notAllowed(['发布活动由书记办理', '去践诺打卡'], form.query, noForm);
    return {
      admin: form,
      generalSecretary: form,
      secretary: form,
      cadre: member,
      member,
      visitor: bindFirst(form.query),
      leader: notAllowed(['发布活动由书记办理', '查看践诺动态'], form.query, noForm),
    };
  },
  'package-fulfil/checkin/index': () => {
    const query = { roundKey: round.key };
    // Nobody has signed in the seed: check-ins wait for the member's own 四带头 pledge.
    const unsigned: Expectation = { query, shows: ['践诺打卡', round.theme, '你还没有签署本轮“四带头”承诺'] };
    // Staff (on no roster) learn the page is members' own and go to the activity feed.
    const staff = notAllowed(['践诺打卡是团员本人的记录', '查看践诺动态'], query, lacks(ERROR_MESSAGES.NOT_BOUND));
    return {
      admin: staff,
      generalSecretary: staff,
      secretary: unsigned,
      cadre: unsigned,
      member: unsigned,
      visitor: refused('NOT_BOUND', query),
      leader: staff,
    };
  },
  'package-fulfil/report/index': () => {
    const member = DEMO.branchMembers.find((m) => m.openid === PERSONAS.member.openid);
    const ofMember = { roundKey: round.key, memberId: member?._id ?? '' };
    const report: Expectation = {
      query: ofMember,
      shows: [`${PERSONAS.member.name ?? ''}的承诺践诺情况`, FOUR_LEAD_NAMES.conviction, '评诺'],
    };
    return {
      admin: report,
      generalSecretary: report,
      secretary: { ...report, shows: [...report.shows, '提交点评'] },
      cadre: { query: ofMember, shows: ['只能查看本人的践诺记录'], state: 'refusal' },
      member: { query: { roundKey: round.key }, shows: report.shows },
      visitor: refused('NOT_BOUND', { roundKey: round.key }),
      leader: report,
    };
  },
  'package-fulfil/org-report/index': () => {
    const query = { orgId: branch._id, roundKey: round.key };
    const report: Expectation = { query, shows: [`${branch.name}承诺践诺报告`, round.theme, PERSONAS.secretary.name ?? ''] };
    return {
      admin: report,
      generalSecretary: report,
      secretary: report,
      cadre: refused('FORBIDDEN', query),
      member: refused('FORBIDDEN', query),
      visitor: refused('NOT_BOUND', query),
      leader: report,
    };
  },
  'package-notify/reminders/index': () => everyone({ shows: ['活动阶段提醒', '截止时间提醒', '订阅提醒'] }),
  'package-notify/unreachable/index': () => {
    const query = { orgId: branch._id };
    // Opening the signing session (beforeAll) fired the branch's 本支部发起签名 reminder.
    const reach: Expectation = { query, shows: ['订阅消息需要本人授权', '本支部发起签名', branch.name, '已送达'] };
    return {
      admin: reach,
      generalSecretary: reach,
      secretary: reach,
      cadre: refused('FORBIDDEN', query),
      member: refused('FORBIDDEN', query),
      visitor: refused('NOT_BOUND', query),
      leader: refused('FORBIDDEN', query),
    };
  },
  'package-evaluate/edit/index': () => {
    const query = { organiserId: college._id };
    const form: Expectation = { query, shows: ['评议名称', '评议对象', branch.name, '发起评议'] };
    const notOrganiser = notAllowed(['群众评议由校团委和团总支发起', '返回评议'], query);
    return {
      admin: form,
      generalSecretary: form,
      secretary: notOrganiser,
      cadre: notOrganiser,
      member: notOrganiser,
      visitor: bindFirst(query),
      leader: refused('FORBIDDEN', query),
    };
  },
  'package-evaluate/ballot/index': ({ evaluationId }) => {
    const query = { id: evaluationId };
    const ballot: Expectation = {
      query,
      shows: [EVALUATION_TITLE, branch.name, '满意', '基本满意', '不满意', '提交选票', '提交后不可修改'],
    };
    const notElector: Expectation = { query, shows: ['你不在本次评议的参评范围内'] };
    return {
      admin: notElector,
      generalSecretary: notElector,
      secretary: ballot,
      cadre: ballot,
      member: ballot,
      visitor: refused('NOT_BOUND', query),
      leader: refused('FORBIDDEN', query),
    };
  },
  'package-evaluate/turnout/index': ({ evaluationId }) => {
    const organiser: Expectation = { query: { id: evaluationId, orgId: college._id }, shows: ['总投票率', branch.name, '提前结束'] };
    const own = { id: evaluationId, orgId: branch._id };
    return {
      admin: organiser,
      generalSecretary: organiser,
      secretary: { query: own, shows: ['总投票率', branch.name, '本支部尚未投票'], check: lacks('提前结束') },
      cadre: refused('FORBIDDEN', own),
      member: refused('FORBIDDEN', own),
      visitor: refused('NOT_BOUND', own),
      leader: refused('FORBIDDEN', own),
    };
  },
  'package-evaluate/results/index': ({ evaluationId }) => {
    const query = { id: evaluationId };
    // Still open: the results are not published yet, for anyone.
    const notYet: Expectation = { query, shows: ['评议尚未结束，结果还未公布'] };
    return {
      admin: notYet,
      generalSecretary: notYet,
      secretary: notYet,
      cadre: notYet,
      member: notYet,
      visitor: refused('NOT_BOUND', query),
      leader: refused('FORBIDDEN', query),
    };
  },
  'package-evaluate/receipt/index': ({ evaluationId }) =>
    everyone({ query: { id: evaluationId }, shows: ['输入投票后得到的回执码', '回执码', '核对'] }),
  'package-supervise/contacts/index': () => {
    const points = DEMO.data.roles.filter((r) => r.role === 'leader' && r.openid === PERSONAS.leader.openid);
    const others = points.filter((r) => r.orgId !== branch._id).map((r) => DEMO.data.orgs.find((o) => o._id === r.orgId)?.name ?? r.orgId);
    // Contact points are a leader's: anyone else gets the empty state.
    const none: Expectation = { shows: ['暂无联系点'], state: 'refusal' };
    return {
      ...everyone(none),
      visitor: NOT_BOUND,
      leader: { shows: [`共 ${points.length} 个联系点`, round.theme, branch.name, ...others] },
    };
  },
  // H5 local mode only, like 本地登录.
  'package-local/inbox/index': () => everyone({ shows: ['本地消息不可用'], state: 'local-only' }),
  'package-local/tools/index': () => everyone({ shows: ['本地工具不可用'], state: 'local-only' }),
  // 督促检查: inspectors (admin, the college, the contact point's leader) get the forms; the branch's secretary reads
  // its rectifications; members are shown the way on.
  'package-supervise/inspect/index': () => {
    const query = { orgId: branch._id };
    const form: Expectation = { query, shows: [branch.name, '检查方式', '保存检查记录', '还没有检查记录'] };
    const no = notAllowed(['检查由上级组织记录', '查看限期整改'], query);
    return { admin: form, generalSecretary: form, leader: form, secretary: no, cadre: no, member: no, visitor: bindFirst(query) };
  },
  'package-supervise/draw/index': () => {
    const query = { orgId: branch._id };
    const form: Expectation = { query, shows: [`抽查范围：${branch.name}`, '冻结候选名单', '还没有随机抽查'] };
    const no = notAllowed(['随机抽查由上级组织发起'], query);
    return { admin: form, generalSecretary: form, leader: form, secretary: no, cadre: no, member: no, visitor: bindFirst(query) };
  },
  // A draw the seed does not have: everyone bound is told it does not exist (the e2e test shows a real one).
  // The router reads the draw to find its scope before it asks who calls: a visitor too is told it does not exist.
  'package-supervise/verify/index': () => everyone({ query: { drawId: 'd-none' }, shows: ['随机抽查不存在'], state: 'refusal' }),
  'package-supervise/rectify/index': () => {
    const query = { orgId: branch._id };
    const list: Expectation = { query, shows: ['待处理', '已逾期', '没有整改事项'] };
    const no = notAllowed(['整改事项由团组织负责人查看'], query);
    return { admin: list, generalSecretary: list, secretary: list, leader: list, cadre: no, member: no, visitor: bindFirst(query) };
  },
  // 进度看板: each cadre's own scope rolled up (the roll-up counted in beforeAll); members are told who sees it.
  'package-dashboard/progress/index': () => {
    const points = DEMO.data.roles.filter((r) => r.role === 'leader' && r.openid === PERSONAS.leader.openid);
    const names = points.map((r) => DEMO.data.orgs.find((o) => o._id === r.orgId)?.name ?? r.orgId);
    const none = notAllowed(['没有可查看的进度', '返回我的']);
    return {
      admin: { shows: [committee.name, '四带头签署率', '需关注的团支部', college.name, '导出为表格', '团员名单'] },
      generalSecretary: { shows: [college.name, '下级组织', branch.name, '四好承诺提交率'] },
      secretary: { shows: [branch.name, '四带头签署率', '评诺完成率', '团员名单'] },
      cadre: none,
      member: none,
      visitor: bindFirst(),
      leader: { shows: points.length > 1 ? ['我的联系点', ...names] : [branch.name, '四带头签署率'] },
    };
  },
  'package-fulfil/compiled/index': () => {
    const query = { orgId: college._id, roundKey: round.key };
    // Before the review stage nothing is submitted: every org of the college is listed as 未提交.
    const compiled: Expectation = { query, shows: [`${college.name}点评总结汇编`, round.theme, branch.name, '未提交阶段总结'] };
    return {
      admin: compiled,
      generalSecretary: compiled,
      secretary: refused('FORBIDDEN', query),
      cadre: refused('FORBIDDEN', query),
      member: refused('FORBIDDEN', query),
      visitor: refused('NOT_BOUND', query),
      leader: refused('FORBIDDEN', query),
    };
  },
  // Opened by scanning a 签到码: a made-up code names no activity (the code itself is fulfil.test.ts's subject).
  'package-fulfil/attend/index': () => {
    const query = { scene: 'a=AAAAAAAAAAAA' };
    return {
      ...everyone(refused('NOT_FOUND', query)),
      admin: refused('FORBIDDEN', query),
      generalSecretary: refused('FORBIDDEN', query),
      leader: refused('FORBIDDEN', query),
      visitor: refused('NOT_BOUND', query),
    };
  },
  // 评比表彰 · 先进典型 (package-commend): the seed opens no commendation, so its pages show their empty states.
  'package-commend/index/index': () => ({
    ...everyone({ shows: ['本次活动尚未发起表彰', '先进典型'] }),
    admin: { shows: ['本次活动尚未发起表彰', '发起表彰', '先进典型'] },
    visitor: bindFirst(),
  }),
  'package-commend/open/index': () => ({
    ...everyone(notAllowed(['表彰由校团委发起'])),
    admin: { shows: ['发起表彰', '五四红旗团组织', '优秀共青团员', '推荐时间', '公示天数', '添加奖项'] },
    visitor: NOT_BOUND,
  }),
  'package-commend/nominations/index': () => {
    const query = { commendationId: 'none', orgId: branch._id };
    const staff = refused('NOT_FOUND', query);
    const members = notAllowed(['推荐与审核由团干部办理'], query);
    return {
      admin: staff,
      generalSecretary: staff,
      secretary: staff,
      leader: staff,
      cadre: members,
      member: members,
      visitor: bindFirst(query),
    };
  },
  'package-commend/notice/index': () => {
    const query = { commendationId: 'none' };
    return { ...everyone(refused('NOT_FOUND', query)), visitor: bindFirst(query) };
  },
  'package-commend/certificate/index': () => everyone(refused('NOT_FOUND', { awardId: 'none' })),
  'package-commend/verify/index': () => everyone({ shows: ['荣誉证书验证', '验证'] }),
  'package-commend/stories/index': () => {
    const reader: Expectation = { shows: ['还没有先进典型', '评比表彰'], check: lacks('发布先进典型') };
    const author: Expectation = { shows: ['还没有先进典型', '发布先进典型'] };
    return { ...everyone(reader), admin: author, generalSecretary: author, secretary: author, visitor: bindFirst() };
  },
  'package-commend/story-post/index': () => {
    const query = { orgId: branch._id };
    const form: Expectation = { shows: ['发布', '标题', '事迹'], query };
    return {
      ...everyone(notAllowed(['先进典型由团干部发布'], query)),
      admin: form,
      generalSecretary: form,
      secretary: form,
      visitor: bindFirst(query),
    };
  },
};
