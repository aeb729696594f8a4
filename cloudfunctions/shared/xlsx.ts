/**
 * Spreadsheet exports for every domain: build sheets from plain rows, write them as one .xlsx, store it under a
 * private path and hand back a temporary URL (the app downloads it in H5; in weapp it calls downloadFile and then
 * openDocument({ showMenu: true })).
 *
 * What every export gets here, so no domain has to remember it:
 *  - text that a spreadsheet could take for a formula (starting with = + - @, tab or CR) is neutralised with a
 *    leading apostrophe (OWASP "CSV injection"; the same holds when a person re-edits an .xlsx cell);
 *  - the header row is what the caller names (Chinese), bold and frozen;
 *  - dates are written as text in Asia/Shanghai ('YYYY-MM-DD HH:mm'), never as Excel dates in the server's UTC;
 *  - the file is named as a person would (exportFileName) and stored at `exports/<domain>/<orgId>/<time>/<name>`:
 *    cloud storage is private by default, and a temp URL expires.
 *
 * Usage: `exportXlsx({ domain: 'fulfil', orgId, fileName: exportFileName(org.name, '承诺践诺报告', today()), sheets })`.
 */
import ExcelJS from 'exceljs';
import type { FileLink } from '../../types/roster';
import { AppError } from './errors';
import { neutralise } from './export/neutralise';

export { neutralise };
import { tempFileURLs, uploadFile } from './storage';

/** What a cell may hold: text, a number, a yes/no, an instant (written as Shanghai time), or nothing. */
export type XlsxCell = string | number | boolean | Date | null;

export interface XlsxColumn {
  /** The header, in Chinese. */
  header: string;
  /** Width in characters (default 14). */
  width?: number;
}

export interface XlsxSheet {
  /** The sheet's tab name (at most 31 characters; Excel refuses : \ / ? * [ ]). */
  name: string;
  columns: XlsxColumn[];
  rows: XlsxCell[][];
}

const SHANGHAI_OFFSET_MS = 8 * 3600 * 1000;

/** 'YYYY-MM-DD HH:mm' in Asia/Shanghai (UTC+8, no daylight saving). */
export function shanghaiDateTime(at: Date): string {
  return new Date(at.getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(0, 16).replace('T', ' ');
}

function cellValue(v: XlsxCell): string | number | null {
  if (v === null) return null;
  if (typeof v === 'number') return v;
  if (typeof v === 'boolean') return v ? '是' : '否';
  if (v instanceof Date) return shanghaiDateTime(v);
  return neutralise(v);
}

/** Excel's limits on a sheet name. */
function sheetName(name: string): string {
  return name.replace(/[:\\/?*[\]]/g, '_').slice(0, 31) || 'Sheet1';
}

/** The workbook's bytes. Every cell is written as a value (never a formula), text cells neutralised. */
export async function xlsxBuffer(sheets: readonly XlsxSheet[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  for (const s of sheets) {
    const sheet = workbook.addWorksheet(sheetName(s.name), { views: [{ state: 'frozen', ySplit: 1 }] });
    sheet.columns = s.columns.map((c) => ({ header: neutralise(c.header), width: c.width ?? 14 }));
    sheet.getRow(1).font = { bold: true };
    for (const row of s.rows) sheet.addRow(row.map(cellValue));
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** A file name as a person would give it: 计科2301班团支部-花名册-2026-11-30.xlsx (no characters a file system refuses). */
export function exportFileName(orgName: string, what: string, day: string, ext = 'xlsx'): string {
  return `${orgName.replace(/[\\/:*?"<>|\s]+/g, '_')}-${what}-${day}.${ext}`;
}

/**
 * Writes the sheets to `exports/<domain>/<orgId>/<time>/<fileName>` and answers the file with a temporary URL.
 * The path ends in the name: a browser's download and a phone's openDocument show its last part.
 */
export async function exportXlsx(opts: {
  domain: string;
  orgId: string;
  fileName: string;
  sheets: readonly XlsxSheet[];
}): Promise<FileLink> {
  const fileID = await uploadFile(`exports/${opts.domain}/${opts.orgId}/${Date.now()}/${opts.fileName}`, await xlsxBuffer(opts.sheets));
  const [url] = await tempFileURLs([fileID]);
  if (!url) throw new AppError('INTERNAL', '文件生成失败，请稍后再试');
  return { fileID, url, fileName: opts.fileName };
}
