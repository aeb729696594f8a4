import type { FileLink, ImportReport, MemberView } from '../../types/roster';
import { ROSTER_COLUMNS } from '../../types/roster';
import { seededEmulator, type CallResult, okData, ADMIN } from '../support/emulator';
import { readXlsx, upload } from '../fixtures/roster/make';

const env = seededEmulator();
const { emu } = env;

type Page = { items: MemberView[]; total: number; nextSkip: number | null };

const list = async (payload: object, openid = ADMIN): Promise<CallResult<Page>> => emu.call<Page>('roster', 'listMembers', payload, openid);

describe('roster.listMembers', () => {
  it('pages through more than 100 members in student-number order', async () => {
    const seen: MemberView[] = [];
    let skip: number | null = 0;
    let total = 0;
    while (skip !== null) {
      const res = await list({ orgId: 'org-committee', skip, limit: 100 });
      const page = okData(res);
      expect(page.items.length).toBeLessThanOrEqual(100);
      seen.push(...page.items);
      total = page.total;
      skip = page.nextSkip;
    }
    expect(total).toBe(200);
    expect(seen).toHaveLength(200);
    const numbers = seen.map((m) => m.studentNo);
    expect(numbers).toEqual([...numbers].sort());
    expect(new Set(numbers).size).toBe(200);
    expect(seen[0]).toMatchObject({
      studentNo: '2023010101',
      branchName: '计科2301班团支部',
      groupName: '第一团小组',
      isCadre: true,
      post: '团支书',
      bound: true,
    });
  });

  it('defaults to 20 a page and refuses more than 100', async () => {
    expect(okData(await list({ orgId: 'org-cs' }))).toMatchObject({ total: 75, nextSkip: 20 });
    expect((await list({ orgId: 'org-cs', limit: 101 })).result).toMatchObject({ ok: false, code: 'INVALID_ARGUMENT', field: 'limit' });
  });

  it('searches by student-number prefix and by part of a name', async () => {
    const byNo = okData(await list({ orgId: 'org-committee', keyword: '20230102', limit: 100 }));
    expect(byNo.total).toBe(25);
    expect(byNo.items.every((m) => m.studentNo.startsWith('20230102'))).toBe(true);
    // A digit run inside a number does not match: the prefix is anchored.
    expect(okData(await list({ orgId: 'org-committee', keyword: '0102' })).total).toBe(0);

    const someone = okData(await list({ orgId: 'org-cs-1', limit: 1 })).items[0];
    const given = someone.name.slice(1);
    const byName = okData(await list({ orgId: 'org-committee', keyword: given, limit: 100 }));
    expect(byName.total).toBeGreaterThan(0);
    expect(byName.items.every((m) => m.name.includes(given))).toBe(true);
    // Regex characters are text, not a pattern.
    expect(okData(await list({ orgId: 'org-committee', keyword: '.*(' })).total).toBe(0);
  });

  it("lists a group, and only within the caller's scope", async () => {
    const group = okData(await list({ orgId: 'org-cs-1-g1', limit: 100 }));
    expect(group.total).toBe(13);
    expect(group.items.every((m) => m.groupId === 'org-cs-1-g1')).toBe(true);
    expect(okData(await list({ orgId: 'org-cs-1' }, 'demo-leader-1')).total).toBe(25);
    expect((await list({ orgId: 'org-cs-2' }, 'demo-leader-1')).result).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect((await list({ orgId: 'org-cs-2' }, 'demo-2023010101')).result).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect((await list({ orgId: 'org-cs-1' }, 'demo-2023010104')).result).toMatchObject({ ok: false, code: 'FORBIDDEN' });
  });
});

describe('roster.template and exportRoster', () => {
  it('hands any signed-in user the template, with the roster columns as header', async () => {
    const first = okData(await emu.call<FileLink>('roster', 'template', {}, 'demo-visitor'));
    const res = await fetch(first.url);
    expect(res.status).toBe(200);
    const rows = await readXlsx(Buffer.from(await res.arrayBuffer()));
    expect(rows[0]).toEqual([...ROSTER_COLUMNS]);
    expect(rows).toHaveLength(3);
    const second = okData(await emu.call<FileLink>('roster', 'template', {}, ADMIN));
    expect(second.fileID).toBe(first.fileID);
  });

  it('exports a college that re-imports as all unchanged', async () => {
    const link = okData(await emu.call<FileLink>('roster', 'exportRoster', { orgId: 'org-cs' }, 'demo-general-cs'));
    expect(link.fileID).toContain('exports/org-cs/');
    const buf = Buffer.from(await (await fetch(link.url)).arrayBuffer());
    const rows = await readXlsx(buf);
    expect(rows[0]).toEqual([...ROSTER_COLUMNS]);
    expect(rows).toHaveLength(76);
    expect(rows[1]).toEqual(['2023010101', expect.any(String), '计算机学院', '计科2301班', '第一团小组', '是', '团支书']);

    const fileID = await upload(buf, 'export.xlsx', 'org-cs');
    const report = okData(
      await emu.call<ImportReport>('roster', 'previewImport', { orgId: 'org-cs', fileID, fileName: 'export.xlsx' }, 'demo-general-cs'),
    );
    expect(report).toMatchObject({ total: 75, valid: 75, errorCount: 0, toCreate: 0, toUpdate: 0, unchanged: 75 });
  });

  it("refuses an export outside the caller's scope", async () => {
    const res = await emu.call('roster', 'exportRoster', { orgId: 'org-cs' }, 'demo-general-em');
    expect(res.result).toMatchObject({ ok: false, code: 'FORBIDDEN' });
  });
});

describe('roster.setCadre', () => {
  it('marks a cadre with a post, audited', async () => {
    const view = okData(
      await emu.call<MemberView>('roster', 'setCadre', { memberId: 'm-2023010110', isCadre: true, post: '组织委员' }, 'demo-2023010101'),
    );
    expect(view).toMatchObject({ studentNo: '2023010110', isCadre: true, post: '组织委员', branchName: '计科2301班团支部' });
    const found = okData(await list({ orgId: 'org-cs-1', keyword: '2023010110' }));
    expect(found.items[0]).toMatchObject({ isCadre: true, post: '组织委员' });
    const cleared = okData(
      await emu.call<MemberView>('roster', 'setCadre', { memberId: 'm-2023010110', isCadre: false, post: null }, 'demo-general-cs'),
    );
    expect(cleared).toMatchObject({ isCadre: false, post: null });

    const entries = await env.find<{ before: unknown; after: unknown }>('audit', { target: 'm-2023010110', action: 'roster.setCadre' });
    expect(entries).toHaveLength(2);
    expect(entries.map((e) => e.after)).toEqual(
      expect.arrayContaining([
        { isCadre: true, post: '组织委员' },
        { isCadre: false, post: null },
      ]),
    );
  });

  it('requires a post of at most 10 characters for a cadre', async () => {
    const noPost = await emu.call('roster', 'setCadre', { memberId: 'm-2023010110', isCadre: true, post: null }, ADMIN);
    expect(noPost.result).toMatchObject({ ok: false, code: 'INVALID_ARGUMENT', field: 'post' });
    const long = await emu.call('roster', 'setCadre', { memberId: 'm-2023010110', isCadre: true, post: '一二三四五六七八九十一' }, ADMIN);
    expect(long.result).toMatchObject({ ok: false, code: 'INVALID_ARGUMENT', field: 'post' });
  });

  it('refuses a secretary of another branch and an unknown member', async () => {
    const other = await emu.call('roster', 'setCadre', { memberId: 'm-2023010201', isCadre: true, post: '组织委员' }, 'demo-2023010101');
    expect(other.result).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    const missing = await emu.call('roster', 'setCadre', { memberId: 'm-nobody', isCadre: false, post: null }, ADMIN);
    expect(missing.result).toMatchObject({ ok: false, code: 'NOT_FOUND' });
  });
});
