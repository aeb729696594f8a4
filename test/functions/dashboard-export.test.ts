/**
 * The export service (issue 14): lists of any length to xlsx with a Chinese header row, Shanghai dates,
 * numbers as numbers and formula-like text neutralised; refused outside the caller's scope.
 */
import ExcelJS from 'exceljs';
import type { ExportResult } from '../../types/dashboard';
import { addDays, shanghaiDay } from '../../types/time';
import { seededEmulator, errorCode, okData, ADMIN, GS, SECRETARY, MEMBER, LEADER } from '../support/emulator';

const env = seededEmulator();
const { emu } = env;

const exportOf = (orgId: string, list: string, openid: string) =>
  emu.call<ExportResult>('dashboard', 'exportList', { orgId, list }, openid);

/** The sheet's rows as values (row 1 = header), read back from storage with exceljs. */
async function rowsOf(res: ExportResult): Promise<unknown[][]> {
  const file = (await env.sdk.downloadFile({ fileID: res.fileID })) as { fileContent: Buffer };
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(file.fileContent as unknown as ArrayBuffer);
  const sheet = wb.worksheets[0];
  const out: unknown[][] = [];
  sheet.eachRow((row) => out.push((row.values as unknown[]).slice(1)));
  return out;
}

const put = async (collection: string, docs: Record<string, unknown>[]) => {
  for (let i = 0; i < docs.length; i += 25)
    await Promise.all(docs.slice(i, i + 25).map((d) => env.db.collection(collection).add({ data: d })));
};

describe('exportList', () => {
  it('activities: Chinese header, Shanghai dates, numbers as numbers, every formula-like text neutralised', async () => {
    const tricky = ['=HYPERLINK("http://x","点我")', '+86 123', '-1+1', '@SUM(A1)', '\t制表开头', '普通标题'];
    await put(
      'activities',
      tricky.map((title, i) => ({
        campaignId: 'campaign-demo',
        roundKey: 'round-1',
        orgId: 'org-cs-1',
        orgPath: ['org-committee', 'org-cs', 'org-cs-1'],
        orgName: '计科2301班团支部',
        title,
        date: '2026-05-01',
        place: i === 0 ? '=1+2' : '教学楼',
        body: '内容',
        goods: ['activities'],
        leads: ['morals'],
        attendees: [{ id: 'm-2023010104', name: '甲' }],
        photos: [],
        archived: false,
        postedBy: 'x',
        postedByName: '张敏',
        // 16:30 UTC is 00:30 the next day in Shanghai.
        postedAt: new Date('2026-05-01T16:30:00Z'),
      })),
    );
    const res = okData(await exportOf('org-cs-1', 'activities', SECRETARY));
    expect(res.fileName).toMatch(/^计科2301班团支部-活动记录-\d{4}-\d{2}-\d{2}\.xlsx$/);
    expect(res.url).toMatch(/^http/);
    const rows = await rowsOf(res);
    expect(rows[0]).toEqual([
      '活动名称',
      '日期',
      '地点',
      '组织',
      '四好事项',
      '四带头事项',
      '参加人数',
      '照片数',
      '内容',
      '发布人',
      '发布时间',
      '状态',
    ]);
    expect(rows).toHaveLength(1 + tricky.length);
    const titles = rows.slice(1).map((r) => r[0]);
    expect(titles.sort()).toEqual(["'+86 123", "'-1+1", '\'=HYPERLINK("http://x","点我")', "'@SUM(A1)", "'\t制表开头", '普通标题'].sort());
    const first = rows.find((r) => String(r[0]).startsWith("'=HYPERLINK"))!;
    expect(first[2]).toBe("'=1+2");
    expect(first[4]).toBe('活动开展好');
    expect(first[5]).toBe('带头弘扬新风');
    expect(first[6]).toBe(1);
    expect(first[7]).toBe(0);
    // Date cells: the day as is, the instant on Shanghai's wall clock.
    expect(first[1]).toEqual(new Date('2026-05-01T00:00:00Z'));
    expect(first[10]).toEqual(new Date('2026-05-02T00:30:00Z'));
    // No cell anywhere is a formula.
    expect(rows.flat().some((v) => typeof v === 'object' && v !== null && 'formula' in v)).toBe(false);
  });

  it('the roster beyond 100 rows (the committee, 200 members) and the signing list with its round', async () => {
    const roster = okData(await exportOf('org-committee', 'roster', ADMIN));
    const rows = await rowsOf(roster);
    expect(roster.rows).toBe(200);
    expect(rows).toHaveLength(201);
    expect(rows[0]).toEqual(['学号', '姓名', '团支部', '团小组', '是否团员', '团干部', '职务', '已绑定微信']);
    expect(new Set(rows.slice(1).map((r) => r[0])).size).toBe(200);
    expect(rows.slice(1).every((r) => typeof r[0] === 'string' && ['是', '否'].includes(String(r[4])))).toBe(true);

    const signing = okData(await exportOf('org-cs', 'signing', GS));
    const srows = await rowsOf(signing);
    expect(srows[0]).toEqual(['学号', '姓名', '团支部', '团干部', '是否签署', '签署时间', '承诺条数']);
    expect(signing.rows).toBeGreaterThan(0);
  });

  it('check-ins beyond 1,000 rows: paged through, every row written once', async () => {
    const members = ['m-2023010104', 'm-2023010105', 'm-2023010106'];
    await put(
      'checkIns',
      Array.from({ length: 1_234 }, (_, i) => ({
        campaignId: 'campaign-demo',
        roundKey: 'round-1',
        memberId: members[i % 3],
        branchId: 'org-cs-1',
        orgPath: ['org-committee', 'org-cs', 'org-cs-1'],
        lead: 'study',
        text: `第${i}次打卡`,
        date: '2026-05-03',
        activityId: null,
        activityTitle: null,
        photos: [],
        postedBy: 'x',
        at: new Date('2026-05-03T02:00:00Z'),
      })),
    );
    const res = okData(await exportOf('org-cs-1', 'checkIns', SECRETARY));
    console.log(`exportList checkIns: ${res.rows} rows, ${res.bytes} bytes`);
    expect(res.rows).toBe(1_234);
    const rows = await rowsOf(res);
    expect(rows).toHaveLength(1_235);
    expect(new Set(rows.slice(1).map((r) => r[4])).size).toBe(1_234);
    expect(rows[0]).toEqual(['学号', '姓名', '团支部', '四带头事项', '内容', '日期', '关联活动', '照片数', '提交时间']);
    expect(rows[1].slice(0, 4)).toEqual([expect.stringMatching(/^20230101/), expect.any(String), '计科2301班团支部', '带头刻苦学习']);
  });

  it('督促检查: inspections (beyond 100 rows) and rectifications of the subtree only, with their columns', async () => {
    const day = shanghaiDay(emu.now());
    const record = (orgId: string, findings: { text: string; deadline: string | null }[], openid: string) =>
      emu.call(
        'supervise',
        'recordInspection',
        { orgId, kind: 'regular', date: day, place: '团支部活动室', summary: '=查阅台账', findings, drawId: null },
        openid,
      );
    okData(
      await record(
        'org-cs-1',
        [
          { text: '=签名不全', deadline: addDays(day, 7) },
          { text: '归档及时', deadline: null },
        ],
        ADMIN,
      ),
    );
    okData(await record('org-fl-1', [{ text: '外院的问题', deadline: addDays(day, 7) }], ADMIN));
    // More than a page of older inspections of the branch (the export pages through them).
    await put(
      'inspections',
      Array.from({ length: 120 }, (_, i) => ({
        orgId: 'org-cs-2',
        orgName: '计科2302班团支部',
        orgPath: ['org-committee', 'org-cs', 'org-cs-2'],
        kind: 'symposium',
        date: '2026-04-01',
        place: '会议室',
        summary: `第${i}次座谈`,
        findings: [],
        drawId: null,
        by: 'x',
        byName: '李老师',
        at: new Date('2026-04-01T16:30:00Z'),
      })),
    );

    const college = okData(await exportOf('org-cs', 'inspections', GS));
    const rows = await rowsOf(college);
    expect(rows[0]).toEqual([
      '检查日期',
      '被检查组织',
      '检查方式',
      '地点',
      '检查情况',
      '发现问题数',
      '发现的问题',
      '需限期整改',
      '检查人',
      '记录时间',
    ]);
    expect(college.rows).toBe(121);
    expect(rows).toHaveLength(122);
    expect(rows.some((r) => r[1] === '外国语学院' || String(r[6]).includes('外院'))).toBe(false);
    const ours = rows.find((r) => r[1] === '计科2301班团支部')!;
    expect(ours.slice(2, 8)).toEqual(['常规督查', '团支部活动室', "'=查阅台账", 2, '1. =签名不全\n2. 归档及时', 1]);
    const old = rows.find((r) => r[4] === '第0次座谈')!;
    expect(old[0]).toEqual(new Date('2026-04-01T00:00:00Z'));
    // 16:30 UTC is 00:30 the next day in Shanghai.
    expect(old[9]).toEqual(new Date('2026-04-02T00:30:00Z'));

    const fixes = okData(await exportOf('org-cs-1', 'rectifications', SECRETARY));
    const frows = await rowsOf(fixes);
    expect(frows[0]).toEqual([
      '问题',
      '整改组织',
      '整改期限',
      '责任人',
      '状态',
      '是否逾期',
      '已上报上级',
      '整改情况',
      '照片数',
      '回复时间',
      '检查人',
      '验收时间',
    ]);
    expect(frows.slice(1).map((r) => r.slice(0, 2))).toEqual([["'=签名不全", '计科2301班团支部']]);
    expect(frows[1][2]).toEqual(new Date(`${addDays(day, 7)}T00:00:00Z`));
    expect(frows[1].slice(4, 6)).toEqual(['待整改', '否']);
    expect(frows.flat().some((v) => typeof v === 'object' && v !== null && 'formula' in v)).toBe(false);

    // Scope: a branch's secretary not over the org, a college's secretary over another college, a member: refused.
    expect(errorCode(await exportOf('org-fl-1', 'rectifications', SECRETARY))).toBe('FORBIDDEN');
    expect(errorCode(await exportOf('org-fl', 'inspections', GS))).toBe('FORBIDDEN');
    expect(errorCode(await exportOf('org-cs-1', 'inspections', MEMBER))).toBe('FORBIDDEN');
    expect(errorCode(await exportOf('org-cs-1', 'inspections', LEADER))).toBe('OK');
    const all = await rowsOf(okData(await exportOf('org-committee', 'rectifications', ADMIN)));
    expect(
      all
        .slice(1)
        .map((r) => r[0])
        .sort(),
    ).toEqual(["'=签名不全", '外院的问题']);
  });

  it('refuses outside the scope, and the roster to anyone but secretaries', async () => {
    expect(errorCode(await exportOf('org-cs-2', 'activities', SECRETARY))).toBe('FORBIDDEN');
    expect(errorCode(await exportOf('org-fl', 'roster', GS))).toBe('FORBIDDEN');
    expect(errorCode(await exportOf('org-cs-1', 'roster', MEMBER))).toBe('FORBIDDEN');
    const leader = await exportOf('org-cs-1', 'roster', LEADER);
    expect(leader.result).toMatchObject({ ok: false, code: 'FORBIDDEN', message: '团员名单只有书记可以导出' });
    expect(errorCode(await exportOf('org-cs-1', 'activities', LEADER))).toBe('OK');
    expect(await exportOf('org-cs-1', 'everything', SECRETARY)).toMatchObject({ result: { ok: false, code: 'INVALID_ARGUMENT' } });
  });
});
