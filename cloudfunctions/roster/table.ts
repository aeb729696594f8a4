/**
 * Turns an uploaded file into rows of trimmed strings, whatever it was saved as: xlsx, UTF-8 csv (with or
 * without BOM) or GBK csv, which is what Excel on a Chinese Windows writes by default.
 */
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import Papa from 'papaparse';
import { AppError } from '../shared/errors';

export interface TableRow {
  /** Row number as the spreadsheet shows it (header is row 1). */
  row: number;
  cells: string[];
}

export interface Table {
  header: string[];
  rows: TableRow[];
}

export const NOT_A_TABLE = '文件不是有效的 xlsx 或 csv 表格';
export const NO_DATA = '表格中没有数据';

const notTable = (): AppError => new AppError('INVALID_ARGUMENT', NOT_A_TABLE, 'fileID');

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];
/** Formats people rename to .xlsx/.csv by mistake: PDF, PNG, JPEG, GIF, legacy OLE (.xls/.doc), gzip, 7z, rar. */
const BINARY_MAGICS: number[][] = [
  [0x25, 0x50, 0x44, 0x46],
  [0x89, 0x50, 0x4e, 0x47],
  [0xff, 0xd8, 0xff],
  [0x47, 0x49, 0x46, 0x38],
  [0xd0, 0xcf, 0x11, 0xe0],
  [0x1f, 0x8b],
  [0x37, 0x7a, 0xbc, 0xaf],
  [0x52, 0x61, 0x72, 0x21],
];

function startsWith(buf: Buffer, magic: number[]): boolean {
  return buf.length >= magic.length && magic.every((b, i) => buf[i] === b);
}

function isUtf8(buf: Buffer): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(buf);
    return true;
  } catch {
    return false;
  }
}

/** Text files have no NUL and almost no other control characters; binaries are full of them. */
function looksBinary(buf: Buffer): boolean {
  const sample = buf.subarray(0, 4096);
  let control = 0;
  for (const b of sample) {
    if (b === 0) return true;
    if (b < 0x09 || (b > 0x0d && b < 0x20)) control += 1;
  }
  return control > sample.length / 100;
}

export async function readTable(buf: Buffer): Promise<Table> {
  if (buf.length === 0) throw new AppError('INVALID_ARGUMENT', NO_DATA, 'fileID');
  const grid = startsWith(buf, ZIP_MAGIC) ? await readXlsx(buf) : readCsv(buf);
  // Blank lines keep their place (so row numbers match what the user sees) but are not data.
  const nonEmpty = grid.filter((r) => r.cells.some((c) => c !== ''));
  const headerRow = grid[0];
  const rows = headerRow ? nonEmpty.filter((r) => r.row !== headerRow.row) : [];
  if (!headerRow || rows.length === 0) throw new AppError('INVALID_ARGUMENT', NO_DATA, 'fileID');
  return { header: headerRow.cells, rows };
}

function readCsv(buf: Buffer): TableRow[] {
  if (BINARY_MAGICS.some((m) => startsWith(buf, m)) || looksBinary(buf)) throw notTable();
  let text = isUtf8(buf) ? buf.toString('utf8') : iconv.decode(buf, 'gbk');
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const parsed = Papa.parse<string[]>(text, { header: false, skipEmptyLines: false });
  // papaparse reports ragged rows as errors but still parses them; only a structural failure matters here.
  if (parsed.data.length === 0) throw new AppError('INVALID_ARGUMENT', NO_DATA, 'fileID');
  // A trailing newline yields one empty last record; readTable drops empty rows, so it never counts.
  return parsed.data.map((cells, i) => ({ row: i + 1, cells: cells.map((c) => String(c ?? '').trim()) }));
}

async function readXlsx(buf: Buffer): Promise<TableRow[]> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(buf as unknown as ArrayBuffer);
  } catch {
    throw notTable();
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw notTable();
  const rows: TableRow[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: string[] = [];
    for (let c = 1; c <= row.cellCount; c++) cells.push(cellText(row.getCell(c).value));
    rows.push({ row: rowNumber, cells });
  });
  // eachRow skips empty rows; the header must still be the sheet's first row for row numbers to hold.
  if (rows.length > 0 && rows[0].row !== 1) rows.unshift({ row: 1, cells: [] });
  return rows;
}

/** The text a person sees in a cell, whatever exceljs parsed it into. */
function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value.trim();
  if (typeof value === 'number') return Number.isInteger(value) ? value.toFixed(0) : String(value);
  if (typeof value === 'boolean') return value ? '是' : '否';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    if ('richText' in value && Array.isArray(value.richText))
      return value.richText
        .map((r) => r.text)
        .join('')
        .trim();
    if ('text' in value && typeof value.text === 'string') return value.text.trim();
    if ('result' in value) return cellText((value.result ?? null) as ExcelJS.CellValue);
    if ('error' in value) return '';
  }
  return String(value).trim();
}
