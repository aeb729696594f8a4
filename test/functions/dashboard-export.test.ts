/**
 * The export service (issue 14): lists of any length to xlsx with a Chinese header row, Shanghai dates,
 * numbers as numbers and formula-like text neutralised; refused outside the caller's scope.
 */
import ExcelJS from 'exceljs';
import type { ExportResult } from '../../types/dashboard';
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
