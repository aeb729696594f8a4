/** The export service's cells (cloudfunctions/shared/export/xlsx.ts): text never runs as a formula, numbers stay numbers, dates show Shanghai time. */
import { cellOf, neutralise } from '../../cloudfunctions/shared/export/xlsx';

test('text starting with = + - @, tab or CR gets a leading apostrophe; other text is kept as is', () => {
  for (const t of ['=1+1', '+86', '-5', '@A1', '\tx', '\rx']) expect(neutralise(t)).toBe(`'${t}`);
  for (const t of ['张三', '1+1', 'a=b', '', "'already"]) expect(neutralise(t)).toBe(t);
  expect(cellOf('text', '=cmd|calc')).toBe("'=cmd|calc");
  // A student number is text: never a number, never a formula.
  expect(cellOf('text', '2023010101')).toBe('2023010101');
});

test('numbers as numbers, yes/no in Chinese, empty as empty', () => {
  expect(cellOf('number', 3)).toBe(3);
  expect(cellOf('number', '12')).toBe(12);
  expect(cellOf('number', 'x')).toBeNull();
  expect(cellOf('yesno', true)).toBe('是');
  expect(cellOf('yesno', false)).toBe('否');
  expect(cellOf('text', null)).toBeNull();
  expect(cellOf('datetime', undefined)).toBeNull();
});

test('an instant shows on the Shanghai wall clock; a day stays that day; a bad day is neutralised text', () => {
  expect(cellOf('datetime', new Date('2026-05-01T16:30:00Z'))).toEqual(new Date('2026-05-02T00:30:00Z'));
  expect(cellOf('datetime', '2026-05-01T00:00:00.000Z')).toEqual(new Date('2026-05-01T08:00:00Z'));
  expect(cellOf('day', '2026-05-01')).toEqual(new Date('2026-05-01T00:00:00Z'));
  expect(cellOf('day', '-1 天')).toBe("'-1 天");
});
