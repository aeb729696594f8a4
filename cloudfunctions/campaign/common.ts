import type { CampaignView } from '../../types/campaign';
import type { Campaign, Org, OrgLevel, PledgeRound } from '../../types/models';
import { lineage } from '../../types/scope';
import { shanghaiDay } from '../../types/time';
import { AppError } from '../shared/errors';
import { orgs } from '../shared/repositories/orgs';
import { tempFileURLs } from '../shared/storage';

/** Today as a Shanghai calendar day, from the server clock (instances run in UTC). */
export function today(): string {
  return shanghaiDay(new Date());
}

export function toCampaignView(c: Campaign): CampaignView {
  return { id: c._id, title: c.title, phases: c.phases, stages: c.stages, rounds: c.rounds, rules: c.rules };
}

export function mustRound(campaign: Campaign, roundKey: string): PledgeRound {
  const round = campaign.rounds.find((r) => r.key === roundKey);
  if (!round) throw new AppError('INVALID_ARGUMENT', '承诺轮次：本次活动没有这一轮承诺', 'roundKey');
  return round;
}

export function mustLevel(org: Org, levels: readonly OrgLevel[], why: string): void {
  if (!levels.includes(org.level)) throw new AppError('INVALID_ARGUMENT', why, 'orgId');
}

/** The org and its ancestors, root first, in one read (the org itself is already known). */
export async function withAncestors(org: Org): Promise<Org[]> {
  const found = org.ancestors.length ? await orgs.byIds(org.ancestors) : [];
  const byId = new Map(found.map((o) => [o._id, o]));
  return lineage(org)
    .map((id) => (id === org._id ? org : byId.get(id)))
    .filter((o): o is Org => Boolean(o));
}

/** Stored dates come back as Date (or EJSON-decoded strings); views carry ISO strings. */
export function iso(value: unknown): string {
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'string' || typeof value === 'number') return new Date(value).toISOString();
  if (value && typeof value === 'object' && '$date' in value) return new Date((value as { $date: string | number }).$date).toISOString();
  return '';
}

/** fileID → temporary URL ('' when the file is gone), batched across every list by the 50-file limit. */
export async function withUrls(lists: string[][]): Promise<{ fileID: string; url: string }[][]> {
  const all = [...new Set(lists.flat())];
  const urls = all.length ? await tempFileURLs(all) : [];
  const map = new Map(all.map((id, i) => [id, urls[i] ?? '']));
  return lists.map((list) => list.map((fileID) => ({ fileID, url: map.get(fileID) ?? '' })));
}
