/** The branch and round a secretary's pledge page is about, when the query leaves them out. */
import { call } from '@/services/cloud';

export async function resolveBranchRound(branchId: string, roundKey: string): Promise<{ branchId: string; roundKey: string }> {
  let b = branchId;
  let r = roundKey;
  if (!b) {
    const me = await call('system', 'whoami', {});
    b = me.roles.find((x) => x.role === 'secretary')?.orgId ?? '';
  }
  if (!r) {
    const t = await call('campaign', 'timeline', {});
    r = t.currentRound?.key ?? '';
  }
  return { branchId: b, roundKey: r };
}
