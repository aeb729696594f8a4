/** The branch's signing sheet for a round: every member, who signed what, with their signatures. */
import type { Org } from '../../types/models';
import type { SheetRow, SheetView } from '../../types/pledge';
import { activeCampaign } from '../shared/campaign';
import { memberPledges } from '../shared/repositories/member-pledges';
import { members } from '../shared/repositories/members';
import { tempFileURLs } from '../shared/storage';
import { roundOf } from './common';
import { assertBranch } from './sessions';

/**
 * Requests: the campaign, the branch's members (one per 100) and the round's pledges (one per 100), in
 * parallel; then getTempFileURL once per 50 image signatures.
 */
export async function sheet(branchOrg: Org, roundKey: string): Promise<SheetView> {
  const branch = assertBranch(branchOrg);
  const campaign = await activeCampaign();
  const round = roundOf(campaign, roundKey);
  const [roster, pledges] = await Promise.all([
    members.all({ branchId: branch._id }, { field: 'studentNo', direction: 'asc' }),
    memberPledges.ofBranch(campaign._id, round.key, branch._id),
  ]);
  const byMember = new Map(pledges.map((pl) => [pl.memberId, pl]));
  const onRoster = new Set(roster.map((m) => m._id));
  const imageIds = pledges.flatMap((pl) => (pl.signature.kind === 'image' && onRoster.has(pl.memberId) ? [pl.signature.fileID] : []));
  const urls = await tempFileURLs(imageIds);
  const urlOf = new Map(imageIds.map((id, i) => [id, urls[i]]));

  const rows: SheetRow[] = roster
    .slice()
    .sort((a, b) => Number(b.isCadre) - Number(a.isCadre) || a.studentNo.localeCompare(b.studentNo))
    .map((m) => {
      const pl = byMember.get(m._id);
      return {
        memberId: m._id,
        name: m.name,
        studentNo: m.studentNo,
        isCadre: m.isCadre,
        post: m.post,
        items: pl ? pl.items : null,
        signature: !pl
          ? null
          : pl.signature.kind === 'image'
            ? { kind: 'image', url: urlOf.get(pl.signature.fileID) ?? '' }
            : { kind: 'name', name: pl.signature.name },
        signedAt: pl ? new Date(pl.signedAt).toISOString() : null,
      };
    });
  return {
    branchId: branch._id,
    branchName: branch.name,
    roundKey: round.key,
    theme: round.theme,
    total: rows.length,
    signedCount: rows.filter((r) => r.signedAt !== null).length,
    rows,
  };
}
