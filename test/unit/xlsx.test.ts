/** The shared spreadsheet writer (cloudfunctions/shared/xlsx.ts): formula neutralisation, Shanghai times, headers. */
import ExcelJS from 'exceljs';
import { exportFileName, neutralise, shanghaiDateTime, xlsxBuffer } from '../../cloudfunctions/shared/xlsx';

it('neutralises text that a spreadsheet would run as a formula', () => {
  for (const bad of ['=SUM(A1)', '+1', '-1', '@cmd', '\tx', '\rx']) expect(neutralise(bad)).toBe(`'${bad}`);
  for (const ok of ['张三', '2023010101', 'a=b', '']) expect(neutralise(ok)).toBe(ok);
});

it('writes instants in Asia/Shanghai', () => {
  expect(shanghaiDateTime(new Date('2026-11-30T16:30:00Z'))).toBe('2026-12-01 00:30');
});

it('writes the Chinese header row, values (never formulas), yes/no and Shanghai times', async () => {
  const bytes = await xlsxBuffer([
    {
      name: '表/一',
      columns: [{ header: '姓名' }, { header: '数量' }, { header: '团员' }, { header: '时间' }],
      rows: [['=HYPERLINK("http://x")', 3, true, new Date('2026-01-01T00:00:00Z')]],
    },
  ]);
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(bytes as unknown as ArrayBuffer);
  const sheet = book.worksheets[0];
  expect(sheet.name).toBe('表_一');
  expect(sheet.getRow(1).values).toEqual([undefined, '姓名', '数量', '团员', '时间']);
  expect(sheet.getRow(2).values).toEqual([undefined, `'=HYPERLINK("http://x")`, 3, '是', '2026-01-01 08:00']);
  expect(sheet.getCell('A2').formula).toBeUndefined();
});

it('names files as a person would', () => {
  expect(exportFileName('计科 2301班/团支部', '承诺践诺报告', '2026-11-30')).toBe('计科_2301班_团支部-承诺践诺报告-2026-11-30.xlsx');
});
