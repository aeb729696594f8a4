/**
 * Files and data a new secretary trips over: the template's sample rows (张三 团支书, 李四) never import,
 * and the template and the report say so; the commit result names the rows it left out; an export is
 * named as a person would name it (计算机学院团总支-花名册-<day in Shanghai>.xlsx), in the link and in the
 * URL a browser saves it under.
 */
import ExcelJS from 'exceljs';
import type { FileLink, ImportProgress, ImportReport } from '../../types/roster';
import { SAMPLE_MARK } from '../../types/roster';
import { shanghaiDay } from '../../types/time';
import { seededEmulator, okData } from '../support/emulator';
import { csRow, readXlsx, upload } from '../fixtures/roster/make';

const env = seededEmulator();
const { emu } = env;

const SEC_CS1 = 'demo-2023010101';

async function template(): Promise<Buffer> {
  const link = okData(await emu.call<FileLink>('roster', 'template', {}, SEC_CS1));
  return Buffer.from(await (await fetch(link.url)).arrayBuffer());
}

async function preview(buf: Buffer, name: string): Promise<ImportReport> {
  const fileID = await upload(buf, name, 'org-cs-1');
  return okData(await emu.call<ImportReport>('roster', 'previewImport', { orgId: 'org-cs-1', fileID, fileName: name }, SEC_CS1));
}

async function commitAll(jobId: string): Promise<ImportProgress> {
  for (;;) {
    const p = okData(await emu.call<ImportProgress>('roster', 'commitImport', { jobId }, SEC_CS1));
    if (p.status === 'done') return p;
  }
}

const count = (where: Record<string, unknown>) => env.count('members', where);

describe('the import template', () => {
  it('marks its sample rows and says on a 填写说明 sheet that they are skipped', async () => {
    const buf = await template();
    const rows = await readXlsx(buf);
    expect(rows.slice(1).map((r) => r[1])).toEqual([`张三${SAMPLE_MARK}`, `李四${SAMPLE_MARK}`]);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(buf as unknown as ArrayBuffer);
    expect(wb.worksheets.map((s) => s.name)).toEqual(['名册', '填写说明']);
    const notes = wb.worksheets[1].getColumn(1).values.filter(Boolean).join('\n');
    expect(notes).toContain(`姓名后标有“${SAMPLE_MARK}”的行是填写示例，导入时会自动跳过`);
  });

  it('uploaded unchanged, imports nobody: the report and the commit result name the skipped sample rows', async () => {
    const report = await preview(await template(), '团员名册模板.xlsx');
    expect(report).toMatchObject({ total: 0, valid: 0, errorCount: 0, toCreate: 0, samples: [2, 3] });
    const done = await commitAll(report.jobId);
    expect(done).toMatchObject({ created: 0, updated: 0, samples: 2, errorCount: 0 });
    expect(await count({ studentNo: '2023019901' })).toBe(0);
    expect(await count({ studentNo: '2023019902' })).toBe(0);
  });

  it('filled in below the samples (and the unmarked samples of an old template), imports only the real rows', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await template()) as unknown as ArrayBuffer);
    const sheet = wb.worksheets[0];
    sheet.addRow(['2023019902', '李四', '计算机学院', '计科2301班', '', '否', '']); // an old template's sample, unmarked
    sheet.addRow(csRow(990001, '计科2301班', { name: '王新' }));
    sheet.addRow(['12345', '坏学号', '计算机学院', '计科2301班', '', '是', '']);
    const report = await preview(Buffer.from(await wb.xlsx.writeBuffer()), '计科2301班.xlsx');
    expect(report).toMatchObject({ total: 2, valid: 1, errorCount: 1, toCreate: 1, samples: [2, 3, 4] });
    const done = await commitAll(report.jobId);
    // The result says what it left out, not only what it wrote.
    expect(done).toMatchObject({ created: 1, errorCount: 1, samples: 3 });
    expect(await count({ studentNo: '2099990001' })).toBe(1);
    expect(await count({ studentNo: '2023019902' })).toBe(0);
  });
});

describe('exports are named as a person would', () => {
  it('计算机学院团总支-花名册-<today in Shanghai>.xlsx, in the link and at the end of its URL', async () => {
    const link = okData(await emu.call<FileLink>('roster', 'exportRoster', { orgId: 'org-cs' }, 'demo-general-cs'));
    const day = shanghaiDay(new Date());
    expect(link.fileName).toBe(`计算机学院团总支-花名册-${day}.xlsx`);
    expect(link.fileName).not.toMatch(/^\d+\.xlsx$/);
    expect(decodeURIComponent(new URL(link.url).pathname.split('/').pop() ?? '')).toBe(link.fileName);
    expect((await fetch(link.url)).status).toBe(200);
  });
});
