/**
 * The lists a cadre exports, keyed by name: each states who may export it, its Chinese columns, and how to
 * page through its rows in the org's subtree (100 documents a request, however long the list). A domain
 * that lands later (评比表彰 nominations) appends its name to
 * EXPORT_LISTS (types/dashboard.ts) and one `list({...})` entry here.
 */
import type { ExportList } from '../../../types/dashboard';
import { GRADE_NAMES, type Activity, type CheckIn, type Review } from '../../../types/fulfil';
import { FOUR_GOOD_NAMES, FOUR_LEAD_NAMES, type Member, type MemberPledge, type Org } from '../../../types/models';
import { INSPECTION_KIND_NAMES, RECTIFICATION_STATUS_NAMES, type Inspection, type Rectification } from '../../../types/supervise';
import { activities } from '../repositories/activities';
import { checkIns } from '../repositories/check-ins';
import { memberPledgeId, memberPledges } from '../repositories/member-pledges';
import { members } from '../repositories/members';
import { cond, PAGE_LIMIT, slices } from '../repositories/repository';
import { inspections } from '../repositories/inspections';
import { rectifications, WAITING } from '../repositories/rectifications';
import { reviews } from '../repositories/reviews';
import { today } from '../time';
import type { Column } from './xlsx';

/** What every list's rows may look up: the org, the round, and org names of the subtree and its ancestors. */
export interface ListContext {
  org: Org;
  campaignId: string;
  roundKey: string;
  /** Ids of the org and every org below it. */
  subtreeIds: string[];
  orgName: (id: string | null | undefined) => string;
}

/** How a list is made; its title and who may export it are in EXPORT_LISTS (types/dashboard.ts), which the app reads too. */
export interface ListDef<R> {
  /** Whether its rows belong to a round (the roster's do not). */
  perRound: boolean;
  columns: (ctx: ListContext) => Column<R>[];
  pages: (ctx: ListContext) => AsyncIterable<R[]>;
}

/** One entry: typed by its rows here, erased in the registry (as the router's action() does). */
const list = <R>(def: ListDef<R>): ListDef<unknown> => def as unknown as ListDef<unknown>;

/** Members of the org's subtree, 100 a request, in student-number order (walking the index, no growing skip). */
async function* memberPages(org: Org): AsyncGenerator<Member[]> {
  const scope = org.level === 'group' ? { groupId: org._id } : { orgPath: org._id };
  let after: string | null = null;
  for (;;) {
    const page = await members.pageAfter(scope, after);
    if (page.length) yield page;
    if (page.length < PAGE_LIMIT) return;
    after = page[page.length - 1].studentNo;
  }
}

/** Each page with the members it names (one request per page). */
async function* withMembers<T>(pages: AsyncIterable<T[]>, idOf: (t: T) => string): AsyncGenerator<{ t: T; m: Member | undefined }[]> {
  for await (const page of pages) {
    const byId = new Map((await members.byIds(page.map(idOf))).map((m) => [m._id, m]));
    yield page.map((t) => ({ t, m: byId.get(idOf(t)) }));
  }
}

/** Pages of documents whose field is one of many values: 100 values a query, each paged. */
async function* pagesIn<T extends { _id: string }>(
  pagesOf: (filter: Record<string, unknown>) => AsyncIterable<T[]>,
  filter: Record<string, unknown>,
  field: string,
  values: readonly string[],
): AsyncGenerator<T[]> {
  for (const chunk of slices(values)) yield* pagesOf({ ...filter, [field]: cond.oneOf(chunk) });
}

const lead = (key: string): string => FOUR_LEAD_NAMES[key as keyof typeof FOUR_LEAD_NAMES] ?? key;
const good = (key: string): string => FOUR_GOOD_NAMES[key as keyof typeof FOUR_GOOD_NAMES] ?? key;

const person = <R>(m: (r: R) => Member | undefined): Column<R>[] => [
  { header: '学号', kind: 'text', width: 14, value: (r) => m(r)?.studentNo },
  { header: '姓名', kind: 'text', width: 10, value: (r) => m(r)?.name },
];

export const LISTS: Record<ExportList, ListDef<unknown>> = {
  roster: list<Member>({
    perRound: false,
    columns: (ctx) => [
      ...person<Member>((m) => m),
      { header: '团支部', kind: 'text', width: 20, value: (m) => ctx.orgName(m.branchId) },
      { header: '团小组', kind: 'text', value: (m) => ctx.orgName(m.groupId) },
      { header: '是否团员', kind: 'yesno', width: 10, value: (m) => m.isLeagueMember },
      { header: '团干部', kind: 'yesno', width: 10, value: (m) => m.isCadre },
      { header: '职务', kind: 'text', width: 12, value: (m) => (m.isCadre ? m.post : '') },
      { header: '已绑定微信', kind: 'yesno', width: 12, value: (m) => !!m.openid },
    ],
    pages: (ctx) => memberPages(ctx.org),
  }),
  signing: list<{ m: Member; p: MemberPledge | undefined }>({
    perRound: true,
    columns: (ctx) => [
      ...person<{ m: Member }>((r) => r.m),
      { header: '团支部', kind: 'text', width: 20, value: (r) => ctx.orgName(r.m.branchId) },
      { header: '团干部', kind: 'yesno', width: 10, value: (r) => r.m.isCadre },
      { header: '是否签署', kind: 'yesno', width: 10, value: (r) => !!r.p },
      { header: '签署时间', kind: 'datetime', width: 18, value: (r) => r.p?.signedAt },
      { header: '承诺条数', kind: 'number', width: 10, value: (r) => (r.p ? Object.values(r.p.items).flat().length : null) },
    ],
    async *pages(ctx) {
      for await (const page of memberPages(ctx.org)) {
        const signed = await memberPledges.byIds(page.map((m) => memberPledgeId(ctx.campaignId, ctx.roundKey, m._id)));
        const byMember = new Map(signed.map((p) => [p.memberId, p]));
        yield page.map((m) => ({ m, p: byMember.get(m._id) }));
      }
    },
  }),
  activities: list<Activity>({
    perRound: true,
    columns: () => [
      { header: '活动名称', kind: 'text', width: 24, value: (a) => a.title },
      { header: '日期', kind: 'day', width: 12, value: (a) => a.date },
      { header: '地点', kind: 'text', value: (a) => a.place },
      { header: '组织', kind: 'text', width: 20, value: (a) => a.orgName },
      { header: '四好事项', kind: 'text', width: 24, value: (a) => (a.goods ?? []).map(good).join('、') },
      { header: '四带头事项', kind: 'text', width: 24, value: (a) => (a.leads ?? []).map(lead).join('、') },
      { header: '参加人数', kind: 'number', width: 10, value: (a) => a.attendees?.length ?? 0 },
      { header: '照片数', kind: 'number', width: 10, value: (a) => a.photos?.length ?? 0 },
      { header: '内容', kind: 'text', width: 40, value: (a) => a.body },
      { header: '发布人', kind: 'text', width: 10, value: (a) => a.postedByName },
      { header: '发布时间', kind: 'datetime', width: 18, value: (a) => a.postedAt },
      { header: '状态', kind: 'text', width: 8, value: (a) => (a.archived ? '已撤回' : '正常') },
    ],
    pages: (ctx) => activities.pages({ campaignId: ctx.campaignId, roundKey: ctx.roundKey, orgPath: ctx.org._id }),
  }),
  checkIns: list<{ t: CheckIn; m: Member | undefined }>({
    perRound: true,
    columns: (ctx) => [
      ...person<{ m: Member | undefined }>((r) => r.m),
      { header: '团支部', kind: 'text', width: 20, value: (r) => ctx.orgName(r.t.branchId) },
      { header: '四带头事项', kind: 'text', width: 14, value: (r) => lead(r.t.lead) },
      { header: '内容', kind: 'text', width: 40, value: (r) => r.t.text },
      { header: '日期', kind: 'day', width: 12, value: (r) => r.t.date },
      { header: '关联活动', kind: 'text', width: 20, value: (r) => r.t.activityTitle },
      { header: '照片数', kind: 'number', width: 10, value: (r) => r.t.photos?.length ?? 0 },
      { header: '提交时间', kind: 'datetime', width: 18, value: (r) => r.t.at },
    ],
    pages: (ctx) =>
      withMembers(checkIns.pages({ campaignId: ctx.campaignId, roundKey: ctx.roundKey, orgPath: ctx.org._id }), (c) => c.memberId),
  }),
  reviews: list<{ t: Review; m: Member | undefined }>({
    perRound: true,
    columns: (ctx) => [
      { header: '对象类型', kind: 'text', width: 10, value: (r) => (r.t.subject === 'member' ? '团员' : '组织') },
      { header: '对象', kind: 'text', width: 20, value: (r) => (r.t.subject === 'member' ? r.m?.name : ctx.orgName(r.t.subjectId)) },
      { header: '学号', kind: 'text', width: 14, value: (r) => (r.t.subject === 'member' ? r.m?.studentNo : '') },
      { header: '所在组织', kind: 'text', width: 20, value: (r) => ctx.orgName(r.t.scopeId) },
      { header: '等级', kind: 'text', width: 8, value: (r) => GRADE_NAMES[r.t.grade] ?? r.t.grade },
      { header: '评语', kind: 'text', width: 40, value: (r) => r.t.comment },
      { header: '评议人', kind: 'text', width: 10, value: (r) => r.t.byName },
      { header: '评议时间', kind: 'datetime', width: 18, value: (r) => r.t.at },
      { header: '修改次数', kind: 'number', width: 10, value: (r) => Math.max(0, (r.t.version ?? 1) - 1) },
    ],
    // Members are reviewed in their branch, orgs under their parent: both scopes lie in the subtree.
    pages: (ctx) =>
      withMembers(
        pagesIn((f) => reviews.pages(f), { campaignId: ctx.campaignId, roundKey: ctx.roundKey }, 'scopeId', ctx.subtreeIds),
        (r) => (r.subject === 'member' ? r.subjectId : ''),
      ),
  }),
  // 督促检查: inspections and rectifications of orgs in the subtree, whatever the round (they carry their own dates).
  inspections: list<Inspection>({
    perRound: false,
    columns: () => [
      { header: '检查日期', kind: 'day', width: 12, value: (i) => i.date },
      { header: '被检查组织', kind: 'text', width: 20, value: (i) => i.orgName },
      { header: '检查方式', kind: 'text', width: 10, value: (i) => INSPECTION_KIND_NAMES[i.kind] ?? i.kind },
      { header: '地点', kind: 'text', value: (i) => i.place },
      { header: '检查情况', kind: 'text', width: 40, value: (i) => i.summary },
      { header: '发现问题数', kind: 'number', width: 10, value: (i) => i.findings.length },
      { header: '发现的问题', kind: 'text', width: 40, value: (i) => i.findings.map((f, n) => `${n + 1}. ${f.text}`).join('\n') },
      { header: '需限期整改', kind: 'number', width: 10, value: (i) => i.findings.filter((f) => f.rectificationId).length },
      { header: '检查人', kind: 'text', width: 10, value: (i) => i.byName },
      { header: '记录时间', kind: 'datetime', width: 18, value: (i) => i.at },
    ],
    pages: (ctx) => inspections.pages({ orgPath: ctx.org._id }),
  }),
  rectifications: list<Rectification>({
    perRound: false,
    columns: (ctx) => {
      const day = today();
      return [
        { header: '问题', kind: 'text', width: 40, value: (r) => r.finding },
        { header: '整改组织', kind: 'text', width: 20, value: (r) => r.orgName },
        { header: '整改期限', kind: 'day', width: 12, value: (r) => r.deadline },
        { header: '责任人', kind: 'text', width: 10, value: (r) => r.responsible.name },
        { header: '状态', kind: 'text', width: 8, value: (r) => RECTIFICATION_STATUS_NAMES[r.status] ?? r.status },
        { header: '是否逾期', kind: 'yesno', width: 10, value: (r) => WAITING.includes(r.status) && r.deadline < day },
        { header: '已上报上级', kind: 'text', width: 20, value: (r) => ctx.orgName(r.escalatedTo) },
        { header: '整改情况', kind: 'text', width: 40, value: (r) => r.answer?.text },
        {
          header: '照片数',
          kind: 'number',
          width: 10,
          value: (r) => (r.answer?.photos ?? []).filter((p) => p.check !== 'rejected').length,
        },
        { header: '回复时间', kind: 'datetime', width: 18, value: (r) => r.answer?.at },
        { header: '检查人', kind: 'text', width: 10, value: (r) => r.inspectorName },
        { header: '验收时间', kind: 'datetime', width: 18, value: (r) => r.closedAt },
      ];
    },
    pages: (ctx) => rectifications.pages({ orgPath: ctx.org._id }),
  }),
};
