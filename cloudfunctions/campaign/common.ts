import type { CampaignView } from '../../types/campaign';
import type { Campaign, Org } from '../../types/models';
import { lineage } from '../../types/scope';
import { orgs } from '../shared/repositories/orgs';
import { tempUrlMap } from '../shared/storage';

export function toCampaignView(c: Campaign): CampaignView {
  return { id: c._id, title: c.title, phases: c.phases, stages: c.stages, rounds: c.rounds, rules: c.rules };
}

/** The org and its ancestors, root first, in one read (the org itself is already known). */
export async function withAncestors(org: Org): Promise<Org[]> {
  const found = org.ancestors.length ? await orgs.byIds(org.ancestors) : [];
  const byId = new Map(found.map((o) => [o._id, o]));
  return lineage(org)
    .map((id) => (id === org._id ? org : byId.get(id)))
    .filter((o): o is Org => Boolean(o));
}

/** fileID → temporary URL ('' when the file is gone), batched across every list by the 50-file limit. */
export async function withUrls(lists: string[][]): Promise<{ fileID: string; url: string }[][]> {
  const map = await tempUrlMap(lists.flat());
  return lists.map((list) => list.map((fileID) => ({ fileID, url: map.get(fileID) ?? '' })));
}
