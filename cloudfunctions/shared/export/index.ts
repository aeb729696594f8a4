/**
 * The export service (issue 14): any list of LISTS, for an org's subtree, to an xlsx file of any length,
 * written to a private storage path and handed back as a temporary URL (the phone opens it with
 * downloadFile + openDocument({ showMenu: true }), a browser downloads it).
 */
import { randomBytes } from 'node:crypto';
import { EXPORT_LISTS, type ExportList, type ExportResult } from '../../../types/dashboard';
import type { Org, Role } from '../../../types/models';
import { activeCampaign, mustRound } from '../campaign';
import { AppError, forbidden } from '../errors';
import { orgs } from '../repositories/orgs';
import { tempFileURLs, uploadFile } from '../storage';
import { today } from '../time';
import { roundOn } from '../../../types/campaign';
import { LISTS, type ListContext } from './lists';
import { writeXlsx } from './xlsx';

/** 计科2301班团支部-四带头签署情况-2026-11-30.xlsx: no characters a file system refuses. */
export function fileNameOf(orgName: string, title: string, day: string): string {
  return `${orgName.replace(/[\\/:*?"<>|\s]+/g, '_')}-${title}-${day}.xlsx`;
}

/**
 * Not guessable, not listed anywhere: a random folder under the org. Storage is private (console: 仅创建者可读写);
 * the caller reaches the file only through the temporary URL.
 */
const privatePath = (orgId: string, fileName: string): string =>
  `exports/${orgId}/${Date.now()}-${randomBytes(8).toString('hex')}/${fileName}`;

export async function exportList(org: Org, roles: readonly Role[], name: ExportList, roundKey?: string): Promise<ExportResult> {
  const def = LISTS[name];
  const { title, roles: allowed } = EXPORT_LISTS[name];
  if (!roles.some((r) => (allowed as readonly Role[]).includes(r))) throw forbidden(`${title}只有书记可以导出`);
  const campaign = def.perRound || roundKey ? await activeCampaign() : null;
  const round = campaign
    ? roundKey
      ? mustRound(campaign, roundKey).key
      : (roundOn(campaign.rounds, today())?.key ?? campaign.rounds[0]?.key)
    : '';
  if (def.perRound && !round) throw new AppError('NOT_FOUND', '本次活动还没有承诺轮次');

  const [below, above] = await Promise.all([orgs.all({ ancestors: org._id }), orgs.byIds(org.ancestors)]);
  const names = new Map([org, ...below, ...above].map((o) => [o._id, o.name]));
  const ctx: ListContext = {
    org,
    campaignId: campaign?._id ?? '',
    roundKey: round ?? '',
    subtreeIds: [org._id, ...below.map((o) => o._id)],
    orgName: (id) => (id ? (names.get(id) ?? '') : ''),
  };
  const { buffer, rows } = await writeXlsx(title, def.columns(ctx), def.pages(ctx));
  const fileName = fileNameOf(org.name, title, today());
  const fileID = await uploadFile(privatePath(org._id, fileName), buffer);
  const [url] = await tempFileURLs([fileID]);
  if (!url) throw new AppError('INTERNAL', '文件生成失败，请稍后再试');
  return { fileID, url, fileName, rows, bytes: buffer.length };
}
