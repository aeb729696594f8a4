/** Spreadsheets the roster hands out: the blank template and a subtree's export, both re-importable. */
import ExcelJS from 'exceljs';
import type { Org } from '../../types/models';
import { ROSTER_COLUMNS, type FileLink, type RosterColumn } from '../../types/roster';
import { AppError } from '../shared/errors';
import { members } from '../shared/repositories/members';
import { orgs } from '../shared/repositories/orgs';
import { tempFileURLs, uploadFile } from '../shared/storage';
import { subtreeWhere } from './members';

export const TEMPLATE_PATH = 'templates/roster-template-v1.xlsx';
export const TEMPLATE_NAME = '团员名册模板.xlsx';

type Cells = Record<RosterColumn, string>;

const TEMPLATE_EXAMPLES: Cells[] = [
  { 学号: '2023019901', 姓名: '张三', 学院: '计算机学院', 班级: '计科2301班', 团小组: '第一团小组', 是否团员: '是', 职务: '团支书' },
  { 学号: '2023019902', 姓名: '李四', 学院: '计算机学院', 班级: '计科2301班', 团小组: '', 是否团员: '否', 职务: '' },
];

async function workbookOf(rows: Cells[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('名册');
  sheet.columns = ROSTER_COLUMNS.map((c) => ({ header: c, key: c, width: c === '学号' ? 14 : 16 }));
  // Student numbers are text: as numbers Excel would show long ones in scientific notation and lose digits.
  sheet.getColumn(1).numFmt = '@';
  sheet.getRow(1).font = { bold: true };
  for (const r of rows) sheet.addRow(r);
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
  templateFileID = await uploadFile(TEMPLATE_PATH, await workbookOf(TEMPLATE_EXAMPLES));
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
  const stamp = new Date().toISOString().replace(/[-:]/g, '').replace(/\..*$/, '');
  const fileID = await uploadFile(`exports/${org._id}/${Date.now()}.xlsx`, await workbookOf(rows));
  return linkOf(fileID, `${org.name}-${stamp}.xlsx`);
}
