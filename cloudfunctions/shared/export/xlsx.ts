/**
 * The xlsx writer of the export service: rows arrive page by page and are streamed into the file (exceljs'
 * streaming WorkbookWriter), so a 30,000-row list never sits in memory as a workbook. Self-contained: the
 * fulfil report's xlsx helper lives apart.
 *
 * Cells: a header row in Chinese; numbers stay numbers; dates are shown in Asia/Shanghai (Excel has no time
 * zones, so the stored instant is shifted to Shanghai's wall clock); text that a spreadsheet would read as a
 * formula or command (starting with = + - @, tab or CR) is neutralised with a leading apostrophe.
 */
import ExcelJS from 'exceljs';
import { PassThrough } from 'node:stream';
import { neutralise } from './neutralise';

export { neutralise };

export type ColumnKind = 'text' | 'number' | 'datetime' | 'day' | 'yesno';

export interface Column<R> {
  header: string;
  kind: ColumnKind;
  width?: number;
  value: (row: R) => unknown;
}

const SHANGHAI_MS = 8 * 3600 * 1000;

function toDate(value: unknown): Date | null {
  if (value instanceof Date) return value;
  if (typeof value === 'string' || typeof value === 'number') {
    const d = new Date(value);
    return Number.isNaN(d.getTime()) ? null : d;
  }
  if (value && typeof value === 'object' && '$date' in value) return new Date((value as { $date: string | number }).$date);
  return null;
}

/** One cell's value as the kind says. */
export function cellOf(kind: ColumnKind, value: unknown): string | number | Date | null {
  if (value === null || value === undefined || value === '') return null;
  switch (kind) {
    case 'number': {
      const n = typeof value === 'number' ? value : Number(value);
      return Number.isFinite(n) ? n : null;
    }
    case 'datetime': {
      const d = toDate(value);
      return d ? new Date(d.getTime() + SHANGHAI_MS) : null;
    }
    case 'day': {
      // A Shanghai calendar day 'YYYY-MM-DD' is already wall-clock: midnight UTC shows that day.
      const d = typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(`${value}T00:00:00Z`) : null;
      return d && !Number.isNaN(d.getTime()) ? d : neutralise(String(value));
    }
    case 'yesno':
      return value ? '是' : '否';
    default:
      return neutralise(String(value));
  }
}

const FORMATS: Partial<Record<ColumnKind, string>> = { datetime: 'yyyy-mm-dd hh:mm', day: 'yyyy-mm-dd', text: '@' };

/** Streams pages of rows into one sheet; answers the file's bytes and how many rows it holds. */
export async function writeXlsx<R>(
  sheetName: string,
  columns: Column<R>[],
  pages: AsyncIterable<R[]>,
): Promise<{ buffer: Buffer; rows: number }> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve, reject) => {
    out.on('end', resolve);
    out.on('error', reject);
  });
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  const sheet = workbook.addWorksheet(sheetName, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = columns.map((c, i) => ({
    key: String(i),
    width: c.width ?? 16,
    style: FORMATS[c.kind] ? { numFmt: FORMATS[c.kind] } : {},
  }));
  const header = sheet.addRow(columns.map((c) => c.header));
  header.font = { bold: true };
  header.commit();
  let rows = 0;
  for await (const page of pages) {
    for (const r of page) {
      sheet.addRow(columns.map((c) => cellOf(c.kind, c.value(r)))).commit();
      rows += 1;
    }
  }
  sheet.commit();
  await workbook.commit();
  await done;
  return { buffer: Buffer.concat(chunks), rows };
}
