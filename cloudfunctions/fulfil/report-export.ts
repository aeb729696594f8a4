/**
 * The 承诺–践诺 report as a spreadsheet: the same data as orgReport (reports.ts), one sheet per part, written by
 * the shared exporter (shared/xlsx.ts: neutralised text, Chinese headers, Shanghai times, private path, temp URL).
 */
import { GRADE_NAMES, type OrgReport } from '../../types/fulfil';
import { FOUR_GOOD_NAMES, FOUR_LEADS, FOUR_LEAD_NAMES } from '../../types/models';
import type { FileLink } from '../../types/roster';
import type { TargetContext } from '../shared/router';
import { today } from '../shared/time';
import { exportFileName, exportXlsx, type XlsxSheet } from '../shared/xlsx';
import { orgReport } from './reports';

const NO_EVIDENCE = '缺少佐证';

/** The report's sheets: 四好 items beside their activities, every member's evidence per 四带头 item, the org's review. */
export function reportSheets(report: OrgReport): XlsxSheet[] {
  const goods: XlsxSheet = {
    name: '四好承诺',
    columns: [
      { header: '承诺事项', width: 16 },
      { header: '承诺内容', width: 40 },
      { header: '践诺活动数', width: 10 },
      { header: '践诺活动', width: 60 },
    ],
    rows: report.goods.map((g) => [
      FOUR_GOOD_NAMES[g.good],
      g.pledge ?? '（未提交承诺）',
      g.activities.length,
      g.activities.length ? g.activities.map((a) => `${a.date} ${a.title}`).join('\n') : NO_EVIDENCE,
    ]),
  };
  const members: XlsxSheet = {
    name: '团员践诺',
    columns: [
      { header: '学号', width: 14 },
      { header: '姓名', width: 10 },
      { header: '团干部', width: 8 },
      { header: '已签署承诺', width: 10 },
      ...FOUR_LEADS.map((l) => ({ header: FOUR_LEAD_NAMES[l], width: 12 })),
      { header: '缺少佐证的事项', width: 30 },
      { header: '评诺等级', width: 10 },
    ],
    rows: report.members.map((m) => [
      m.studentNo,
      m.name,
      m.isCadre,
      m.signed,
      ...FOUR_LEADS.map((l) => m.evidence[l]),
      FOUR_LEADS.filter((l) => m.evidence[l] === 0)
        .map((l) => FOUR_LEAD_NAMES[l])
        .join('、'),
      m.grade ? GRADE_NAMES[m.grade] : '未评',
    ]),
  };
  const review = report.review;
  const reviewed: XlsxSheet = {
    name: '组织评诺',
    columns: [
      { header: '评定等级', width: 10 },
      { header: '评语', width: 50 },
      { header: '评定人', width: 12 },
      { header: '评定时间', width: 18 },
    ],
    rows: review ? [[GRADE_NAMES[review.grade], review.comment, review.byName, new Date(review.at)]] : [['未评', '', '', null]],
  };
  return report.org.level === 'branch' ? [goods, members, reviewed] : [goods, reviewed];
}

export async function exportOrgReport(ctx: TargetContext, roundKey: string): Promise<FileLink> {
  const report = await orgReport(ctx, roundKey);
  return exportXlsx({
    domain: 'fulfil',
    orgId: report.org.id,
    fileName: exportFileName(report.org.name, '承诺践诺报告', today()),
    sheets: reportSheets(report),
  });
}
