/** Spreadsheets the roster hands out: the blank template and a subtree's export, both re-importable. */
import ExcelJS from 'exceljs';
import type { Org } from '../../types/models';
import { FIELDS } from '../../types/fields';
import { ROSTER_COLUMNS, SAMPLE_MARK, TEMPLATE_SAMPLES, type FileLink, type RosterColumn } from '../../types/roster';
import { AppError } from '../shared/errors';
import { members } from '../shared/repositories/members';
import { orgs } from '../shared/repositories/orgs';
import { tempFileURLs, uploadFile } from '../shared/storage';
import { today } from '../shared/time';
import { exportFileName } from '../shared/xlsx';
import { subtreeWhere } from './members';

export const TEMPLATE_NAME = '团员名册模板.xlsx';
// v2: sample rows marked （示例） and a 填写说明 sheet; a new path so no instance serves the old bytes. The
// path ends in the name: a browser saves a download under the URL's last part.
export const TEMPLATE_PATH = `templates/v2/${TEMPLATE_NAME}`;

type Cells = Record<RosterColumn, string>;

/** A sample row of the template, marked （示例） in 姓名 so that an import skips it (types/roster.ts isSampleRow). */
function example(sample: (typeof TEMPLATE_SAMPLES)[number], rest: Pick<Cells, '团小组' | '是否团员' | '职务'>): Cells {
  return { 学号: sample.学号, 姓名: `${sample.姓名}${SAMPLE_MARK}`, 学院: '计算机学院', 班级: '计科2301班', ...rest };
}

/** A cadre in a group and a member who is not (yet) in the League. */
const TEMPLATE_EXAMPLES: Cells[] = [
  example(TEMPLATE_SAMPLES[0], { 团小组: '第一团小组', 是否团员: '是', 职务: '团支书' }),
  example(TEMPLATE_SAMPLES[1], { 团小组: '', 是否团员: '否', 职务: '' }),
];

/** What the template says on a sheet of its own (the 名册 sheet keeps only the header and the samples). */
export const TEMPLATE_NOTES = [
  '填写说明',
  `1. 在「名册」表中从第 2 行起每人一行；姓名后标有“${SAMPLE_MARK}”的行是填写示例，导入时会自动跳过，不会成为团员，可以删除也可以保留。`,
  '2. 学号、姓名、学院、班级必填；学号为 8–20 位数字；学院、班级写名称（如 计算机学院、计科2301班）。',
  `3. 是否团员填“是”或“否”；团干部在职务列填写职务（如 团支书，最多 ${FIELDS.post.max} 个字）。`,
];

async function workbookOf(rows: Cells[], samples = 0): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('名册');
  sheet.columns = ROSTER_COLUMNS.map((c) => ({ header: c, key: c, width: c === '学号' ? 14 : 16 }));
  // Student numbers are text: as numbers Excel would show long ones in scientific notation and lose digits.
  sheet.getColumn(1).numFmt = '@';
  sheet.getRow(1).font = { bold: true };
  for (const r of rows) sheet.addRow(r);
  // Samples look like samples: grey italics.
  for (let i = 0; i < samples; i++) sheet.getRow(2 + i).font = { italic: true, color: { argb: 'FF888888' } };
  if (samples > 0) {
    const notes = workbook.addWorksheet('填写说明');
    notes.getColumn(1).width = 100;
    for (const line of TEMPLATE_NOTES) notes.addRow([line]);
    notes.getRow(1).font = { bold: true };
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** The org names people type: 计算机学院团总支 → 计算机学院, 计科2301班团支部 → 计科2301班 (import matches by prefix). */
export const shortName = (name: string, suffix: string): string =>
  name.endsWith(suffix) && name.length > suffix.length ? name.slice(0, -suffix.length) : name;

async function linkOf(fileID: string, fileName: string): Promise<FileLink> {
  const [url] = await tempFileURLs([fileID]);
  if (!url) throw new AppError('INTERNAL', '文件生成失败，请稍后再试');
  return { fileID, url, fileName };
}

/**
 * The platform cannot list storage, so an instance remembers the template's fileID after the first upload.
 * A cold instance uploads the same bytes to the same fixed path again, which replaces the file with itself.
 */
let templateFileID: string | null = null;

export async function template(): Promise<FileLink> {
  if (templateFileID) {
    const [url] = await tempFileURLs([templateFileID]);
    if (url) return { fileID: templateFileID, url, fileName: TEMPLATE_NAME };
  }
  templateFileID = await uploadFile(TEMPLATE_PATH, await workbookOf(TEMPLATE_EXAMPLES, TEMPLATE_EXAMPLES.length));
  return linkOf(templateFileID, TEMPLATE_NAME);
}

export async function exportRoster(org: Org): Promise<FileLink> {
  const list = await members.allIn(subtreeWhere(org));
  const ids = list.flatMap((m) => [m.branchId, m.orgPath[m.orgPath.length - 2] ?? '', m.groupId ?? '']).filter(Boolean);
  const byId = new Map<string, Org>();
  if (ids.length > 0) for (const o of await orgs.byIds(ids)) byId.set(o._id, o);
  const rows: Cells[] = list.map((m) => {
    const branch = byId.get(m.branchId);
    const college = branch?.parentId ? byId.get(branch.parentId) : undefined;
    return {
      学号: m.studentNo,
      姓名: m.name,
      学院: college ? shortName(college.name, '团总支') : '',
      班级: branch ? shortName(branch.name, '团支部') : '',
      团小组: m.groupId ? (byId.get(m.groupId)?.name ?? '') : '',
      是否团员: m.isLeagueMember ? '是' : '否',
      职务: m.isCadre ? (m.post ?? '') : '',
    };
  });
  // Named as a person would: 计科2301班团支部-花名册-2026-11-30.xlsx, the day in Shanghai; the storage path too,
  // since a phone's openDocument and a browser's download show the path's last part.
  const fileName = exportFileName(org.name, '花名册', today());
  const fileID = await uploadFile(`exports/${org._id}/${Date.now()}/${fileName}`, await workbookOf(rows));
  return linkOf(fileID, fileName);
}
