/**
 * Every form's inputs carry the server's limits: the maxlength rendered by the page equals the maximum of
 * the real payload schema of the action it calls (the action tables of cloudfunctions/, read here, not a
 * copied number). The test server answers writes as the router does: the payload is checked against the
 * same schema and refused with parsePayload's message, so the message the page then shows is the one a
 * person reads, and it must name the field in Chinese, never by a Latin path.
 */
import { render, waitFor } from '@testing-library/react';
import { z, type ZodTypeAny } from 'zod';
import { actions as campaignActions } from '../../cloudfunctions/campaign';
import { actions as fulfilActions } from '../../cloudfunctions/fulfil';
import { actions as orgActions } from '../../cloudfunctions/org';
import { actions as pledgeActions } from '../../cloudfunctions/pledge';
import { actions as rosterActions } from '../../cloudfunctions/roster';
import { AppError } from '../../cloudfunctions/shared/errors';
import { parsePayload } from '../../cloudfunctions/shared/validate';
import CampaignPage from '../../src/package-admin/campaign';
import MembersPage from '../../src/package-admin/members';
import MobilizePage from '../../src/package-admin/mobilize';
import PostPage from '../../src/package-fulfil/post';
import OrgPage from '../../src/package-admin/org';
import StaffPage from '../../src/package-admin/staff';
import SignPage from '../../src/package-pledge/sign';
import { DEFAULT_RULES, type Timeline } from '../../types/campaign';
import type { OrgDetail } from '../../types/org';
import type { SignPageView } from '../../types/pledge';
import { ADMIN } from '../fixtures/whoami';
import { type Reply } from './api-server';
import { apiServerPerTest, byId, click, failure, memberView, success, typeInto } from './helpers';
import { setRouterParams } from './taro-shim';

type Table = Record<string, { schema: unknown }>;
const TABLES: Record<string, Table> = {
  campaign: campaignActions,
  fulfil: fulfilActions,
  org: orgActions,
  pledge: pledgeActions,
  roster: rosterActions,
};
const schemaOf = (fn: string, action: string) => TABLES[fn][action].schema as ZodTypeAny;

/** The schema node at a payload path, through wrappers, objects, arrays and unions. */
function nodeAt(schema: ZodTypeAny, path: (string | number)[]): ZodTypeAny {
  let node = schema;
  for (const key of [...path, null]) {
    for (;;) {
      if (node instanceof z.ZodOptional || node instanceof z.ZodNullable) node = node.unwrap() as ZodTypeAny;
      else if (node instanceof z.ZodEffects) node = node.innerType() as ZodTypeAny;
      else break;
    }
    if (key === null) return node;
    if (node instanceof z.ZodObject) node = (node.shape as Record<string, ZodTypeAny>)[key];
    else if (node instanceof z.ZodArray) node = node.element as ZodTypeAny;
    else if (node instanceof z.ZodDiscriminatedUnion)
      node = (node.options as z.AnyZodObject[]).map((o) => (o.shape as Record<string, ZodTypeAny>)[key]).find(Boolean) as ZodTypeAny;
    else throw new Error(`no field ${String(key)} in the schema`);
  }
  return node;
}

/** The server's maximum for a field: characters of a string, or the largest number. */
function serverMax(fn: string, action: string, path: (string | number)[]): number {
  const node = nodeAt(schemaOf(fn, action), path);
  const checks = (node._def as { checks?: { kind: string; value: number }[] }).checks ?? [];
  const max = checks.find((c) => c.kind === 'max');
  if (!max) throw new Error(`${fn}.${action} ${path.join('.')} has no maximum`);
  return max.value;
}

/** The maxlength the page rendered on the real <input>/<textarea> inside a Taro control. */
async function renderedMax(id: string): Promise<number> {
  const el = await waitFor(() => {
    const inner = byId(id)?.querySelector('input, textarea');
    if (!inner) throw new Error(`#${id} has no control inside yet`);
    return inner;
  });
  return Number(el.getAttribute('maxlength') ?? el.getAttribute('maxLength'));
}

async function typeIntoArea(id: string, value: string): Promise<void> {
  const inner = await waitFor(() => {
    const el = byId(id)?.querySelector('textarea');
    if (!el) throw new Error(`#${id} has no <textarea> inside yet`);
    return el;
  });
  inner.value = value;
  inner.dispatchEvent(new Event('input', { bubbles: true }));
}

/** Answers reads from fixtures and checks writes against the real schema, refusing as the router does. */
function asRouter(fn: string, reads: Record<string, unknown>): (body: unknown) => Reply {
  return (body) => {
    const { action, payload } = body as { action: string; payload: unknown };
    if (action in reads) return success(reads[action]);
    try {
      parsePayload(schemaOf(fn, action) as never, payload);
    } catch (err) {
      if (err instanceof AppError)
        return { body: { result: { ok: false, code: err.code, message: err.message, field: err.field, requestId: 'r' } } };
      throw err;
    }
    return failure('INTERNAL', '测试服务器不执行写操作');
  };
}

const LATIN_PATH = /[a-zA-Z]+\.[a-zA-Z0-9]/;
function expectChineseMessage(text: string | null | undefined, label: string): void {
  expect(text).toContain(label);
  expect(text).not.toMatch(LATIN_PATH);
  expect((text ?? '').split('：')[0]).not.toMatch(/[A-Za-z]/);
}

// Only the action tables' schemas are read here: the roster's spreadsheet library (an ES-module build in
// jsdom) is never called.
jest.mock('exceljs', () => ({}));

const server = apiServerPerTest();

/** The pages ask who is calling (useAccess): the committee admin, and the org under the root 'c'. */
function asAdmin(orgId?: string): void {
  server.handle('/api/functions/system', success(ADMIN));
  if (!orgId) return;
  const root = { id: 'c', name: '校团委', level: 'committee' as const, parentId: null, archived: false };
  const detail: OrgDetail = {
    org: { id: orgId, name: '计算机学院团总支', level: 'general', parentId: 'c', archived: false },
    ancestors: [root],
    children: [],
    memberCount: 0,
    roles: [],
  };
  server.handle('/api/functions/org', success(detail));
}

beforeAll(() => {
  Object.defineProperty(HTMLCanvasElement.prototype, 'getContext', { configurable: true, value: () => null });
});

const timeline: Timeline = {
  campaign: {
    id: 'campaign-demo',
    title: '党团共建、创先争优',
    phases: [{ key: 'p1', name: '第一阶段', start: '2026-05-01', end: '2026-06-30' }],
    stages: [
      { key: 'mobilize', start: '2026-11-01', end: '2026-11-07' },
      { key: 'pledge', start: '2026-11-08', end: '2026-11-21' },
      { key: 'review', start: '2026-11-22', end: '2026-11-30' },
      { key: 'evaluate', start: '2026-12-01', end: '2026-12-10' },
      { key: 'commend', start: '2026-12-11', end: '2026-12-20' },
    ],
    rounds: [{ key: 'round-1', theme: '牢记宗旨为民服务', start: '2026-11-08', deadline: '2026-11-21' }],
    rules: DEFAULT_RULES,
  },
  today: '2026-11-24',
  currentStage: 'review',
  currentRound: null,
  todos: [],
};

describe('input limits equal the server schema of the action each form calls', () => {
  it('活动设置: title, phase name, theme and the rule numbers', async () => {
    asAdmin();
    server.handle('/api/functions/campaign', asRouter('campaign', { timeline }));
    render(<CampaignPage />);
    expect(await renderedMax('campaign-title')).toBe(serverMax('campaign', 'saveCampaign', ['campaign', 'title']));
    expect(await renderedMax('phase-0-name')).toBe(serverMax('campaign', 'saveCampaign', ['campaign', 'phases', 0, 'name']));
    expect(await renderedMax('round-0-theme')).toBe(serverMax('campaign', 'saveCampaign', ['campaign', 'rounds', 0, 'theme']));
    for (const who of ['member', 'cadre']) {
      const items = serverMax('campaign', 'saveCampaign', ['campaign', 'rules', who, 'itemsPerLead']);
      const length = serverMax('campaign', 'saveCampaign', ['campaign', 'rules', who, 'minLength']);
      expect(await renderedMax(`rules-${who}-items`)).toBe(String(items).length);
      expect(await renderedMax(`rules-${who}-length`)).toBe(String(length).length);
    }
  });

  it('动员部署: plan title and body, meeting place and summary', async () => {
    setRouterParams({ orgId: 'org-cs' });
    asAdmin('org-cs');
    server.handle('/api/functions/campaign', asRouter('campaign', { plans: [], meetings: [] }));
    render(<MobilizePage />);
    expect(await renderedMax('plan-title')).toBe(serverMax('campaign', 'publishPlan', ['title']));
    expect(await renderedMax('plan-body')).toBe(serverMax('campaign', 'publishPlan', ['body']));
    expect(await renderedMax('meeting-place')).toBe(serverMax('campaign', 'recordMeeting', ['place']));
    expect(await renderedMax('meeting-summary')).toBe(serverMax('campaign', 'recordMeeting', ['summary']));
  });

  it('发布活动: title, place and what happened', async () => {
    setRouterParams({ orgId: 'org-cs-1', roundKey: 'round-1' });
    asAdmin('org-cs-1');
    server.handle('/api/functions/roster', asRouter('roster', { listMembers: { items: [], total: 0, nextSkip: null } }));
    render(<PostPage />);
    expect(await renderedMax('post-title')).toBe(serverMax('fulfil', 'postActivity', ['title']));
    expect(await renderedMax('post-place')).toBe(serverMax('fulfil', 'postActivity', ['place']));
    expect(await renderedMax('post-body')).toBe(serverMax('fulfil', 'postActivity', ['body']));
  });

  it('组织管理: new org name and rename; an over-long name is refused naming 组织名称', async () => {
    setRouterParams({ orgId: 'org-cs' });
    const detail: OrgDetail = {
      org: { id: 'org-cs', name: '计算机学院团总支', level: 'general', parentId: 'org-root', archived: false },
      ancestors: [{ id: 'org-root', name: '校团委', level: 'committee', parentId: null, archived: false }],
      children: [],
      memberCount: 0,
      roles: [],
    };
    server.handle(
      '/api/functions/system',
      // The admin's grant sits on this test's root, 'org-root'.
      success({ ...ADMIN, roles: [{ ...ADMIN.roles[0], orgId: 'org-root' }] }),
    );
    server.handle('/api/functions/org', asRouter('org', { detail }));
    render(<OrgPage />);
    await waitFor(() => expect(byId('org-create')).not.toBeNull());
    click('org-create');
    expect(await renderedMax('org-create-sheet-input')).toBe(serverMax('org', 'createOrg', ['name']));
    // Past the input's maxlength (a paste, a script): the server's refusal as the page shows it.
    await typeInto('org-create-sheet-input', '计'.repeat(serverMax('org', 'createOrg', ['name']) + 5));
    click('org-create-sheet-ok');
    await waitFor(() => expect(byId('org-create-sheet-error')).not.toBeNull());
    expectChineseMessage(byId('org-create-sheet-error')?.textContent, '组织名称');
  });

  it('工作人员: name and title', async () => {
    server.handle('/api/functions/org', asRouter('org', { listStaff: [] }));
    render(<StaffPage />);
    await waitFor(() => expect(byId('staff-create')).not.toBeNull());
    click('staff-create');
    expect(await renderedMax('staff-create-sheet-input-name')).toBe(serverMax('org', 'createStaff', ['name']));
    expect(await renderedMax('staff-create-sheet-input-title')).toBe(serverMax('org', 'createStaff', ['title']));
  });

  it('花名册: search keyword and a cadre’s post', async () => {
    setRouterParams({ orgId: 'org-cs-1' });
    const member = memberView();
    asAdmin('org-cs-1');
    server.handle('/api/functions/account', success([]));
    server.handle('/api/functions/roster', asRouter('roster', { listMembers: { items: [member], total: 1, nextSkip: null } }));
    render(<MembersPage />);
    expect(await renderedMax('members-search')).toBe(serverMax('roster', 'listMembers', ['keyword']));
    await waitFor(() => expect(document.querySelector('.member-set-cadre')).not.toBeNull());
    (document.querySelector('.member-set-cadre') as HTMLElement).click();
    expect(await renderedMax('cadre-sheet-input')).toBe(serverMax('roster', 'setCadre', ['post']));
  });

  it('签署承诺: every commitment and the confirming name', async () => {
    setRouterParams({ scene: 'k=AbCdEf123456' });
    const view: SignPageView = {
      sessionKey: 'AbCdEf123456',
      branchId: 'org-cs-1',
      branchName: '计科2301班团支部',
      roundKey: 'round-1',
      theme: '牢记宗旨为民服务',
      deadline: '2999-12-31',
      isCadre: true,
      rule: DEFAULT_RULES.cadre,
      cadresPending: 0,
      mine: null,
    };
    server.handle(
      '/api/functions/system',
      success({ bound: true, name: '张敏', studentNo: '2023010104', isCadre: true, post: '团支书', orgPath: [], roles: [] }),
    );
    server.handle('/api/functions/campaign', success(timeline));
    server.handle('/api/functions/pledge', asRouter('pledge', { scan: view }));
    render(<SignPage />);
    const max = serverMax('pledge', 'sign', ['items', 'conviction', 0]);
    for (const lead of ['conviction', 'study', 'results', 'morals']) {
      expect(await renderedMax(`sign-item-${lead}-0`)).toBe(max);
      expect(await renderedMax(`sign-item-${lead}-1`)).toBe(max);
    }
    // The rule is stated before anyone fails it: meaningful characters, no repeats.
    expect(byId('sign-rule-hint')?.textContent).toBe(
      '每项至少填写 2 条具体承诺，每条不少于 10 个字（只计汉字、字母和数字），各条承诺不能重复',
    );
    // Without a canvas (jsdom) the page falls back to confirming by name by itself.
    if (byId('sign-mode-name')) click('sign-mode-name');
    expect(await renderedMax('sign-name')).toBe(serverMax('pledge', 'sign', ['signature', 'name']));
  });
});

describe('活动设置 shows each problem once, and refuses a minimum below 1', () => {
  it('a cadre standard below the members’ shows under 团干部 only, not again at the bottom', async () => {
    asAdmin();
    server.handle('/api/functions/campaign', asRouter('campaign', { timeline }));
    render(<CampaignPage />);
    await typeInto('rules-cadre-length', '2');
    click('campaign-save');
    await waitFor(() => expect(document.querySelector('.field-problem')).not.toBeNull());
    const shown = [...document.querySelectorAll('.field-problem, #campaign-error')].map((e) => e.textContent);
    expect(shown).toEqual(['团干部的承诺标准不能低于普通团员']);
  });

  it('a minus sign cannot be typed, and 0 is refused before saving, with the bounds stated', async () => {
    asAdmin();
    server.handle('/api/functions/campaign', asRouter('campaign', { timeline }));
    render(<CampaignPage />);
    await typeInto('rules-member-length', '-3');
    await waitFor(() => expect(byId('rules-member-length')?.querySelector('input')?.value).toBe('3'));
    await typeInto('rules-member-length', '0');
    click('campaign-save');
    await waitFor(() => expect(document.querySelector('.field-problem')).not.toBeNull());
    const shown = [...document.querySelectorAll('.field-problem, #campaign-error')].map((e) => e.textContent);
    expect(shown).toEqual(['每条最少字数应为 1–200 的整数']);
    expect(server.received.filter((r) => (r.body as { action: string }).action === 'saveCampaign')).toHaveLength(0);
  });
});

describe('the 四好 minimum is stated before it is failed', () => {
  it('a counter appears near the limit and says when input stops there', async () => {
    setRouterParams({ orgId: 'org-cs' });
    asAdmin('org-cs');
    server.handle('/api/functions/campaign', asRouter('campaign', { plans: [], meetings: [] }));
    render(<MobilizePage />);
    const max = serverMax('campaign', 'recordMeeting', ['summary']);
    await typeIntoArea('meeting-summary', '纪'.repeat(max - 10));
    await waitFor(() => expect(byId('meeting-summary-hint')?.textContent).toBe(`${max - 10}/${max}`));
    await typeIntoArea('meeting-summary', '纪'.repeat(max));
    await waitFor(() => expect(byId('meeting-summary-hint')?.textContent).toBe(`已达 ${max} 字上限，超出部分无法输入`));
  });
});
