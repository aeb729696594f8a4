/** The results as a spreadsheet for the organiser: one row per target, and the anonymous comments on a sheet of their own. */
import { CHOICE_NAMES, CHOICES, TOO_FEW, type Evaluation } from '../../types/evaluate';
import { FOUR_GOOD_NAMES, FOUR_GOODS } from '../../types/models';
import type { FileLink } from '../../types/roster';
import { AppError } from '../shared/errors';
import { neutralise } from '../shared/export/neutralise';
import { evaluationResults } from '../shared/repositories/evaluation-results';
import { tempFileURLs, uploadFile } from '../shared/storage';
import { today } from '../shared/time';

export async function exportResults(e: Evaluation): Promise<FileLink> {
  if (e.state !== 'closed') throw new AppError('CONFLICT', '评议尚未结束，结果还未公布');
  const results = await evaluationResults.mustById(e._id, '评议结果');
  // Loaded here, not at the top: every ballot runs this function's bundle, and only an export needs the library.
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('评议结果');
  const figures =
    e.form === 'choice' ? [...CHOICES.map((c) => CHOICE_NAMES[c]), '满意率'] : [...FOUR_GOODS.map((g) => FOUR_GOOD_NAMES[g]), '综合平均分'];
  sheet.addRow(['排名', '团组织', '有效票', ...figures]);
  sheet.getRow(1).font = { bold: true };
  for (const t of results.targets) {
    const values = t.tooFew
      ? [TOO_FEW]
      : e.form === 'choice'
        ? [...CHOICES.map((c) => t.counts?.[c] ?? 0), t.satisfaction === null ? '' : `${(t.satisfaction * 100).toFixed(1)}%`]
        : [...FOUR_GOODS.map((g) => t.means?.[g] ?? ''), t.overall ?? ''];
    sheet.addRow([t.rank ?? '', neutralise(t.name), t.ballots, ...values]);
  }
  sheet.getColumn(2).width = 24;
  const comments = workbook.addWorksheet('意见建议');
  comments.addRow(['团组织', '意见建议（匿名）']);
  comments.getRow(1).font = { bold: true };
  comments.getColumn(1).width = 24;
  comments.getColumn(2).width = 80;
  for (const t of results.targets) for (const c of t.comments) comments.addRow([neutralise(t.name), neutralise(c)]);
  const fileName = `${e.title.replace(/[\\/:*?"<>|\s]+/g, '_')}-评议结果-${today()}.xlsx`;
  const fileID = await uploadFile(`exports/evaluate/${e._id}/${Date.now()}/${fileName}`, Buffer.from(await workbook.xlsx.writeBuffer()));
  const [url] = await tempFileURLs([fileID]);
  if (!url) throw new AppError('INTERNAL', '文件生成失败，请稍后再试');
  return { fileID, url, fileName };
}
