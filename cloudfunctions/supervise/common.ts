/** What the supervision actions share: who inspects, how people are named, how a rectification is shown. */
import type { Role } from '../../types/models';
import type { Rectification, RectificationView } from '../../types/supervise';
import type { Caller } from '../shared/caller';
import { iso, today } from '../shared/time';
import { WAITING } from '../shared/repositories/rectifications';
import { toPhotoViews, visiblePhotos } from '../fulfil/photos';

/** Who records inspections, runs spot checks and accepts rectifications: the committee, a college, a leader. */
export const INSPECTORS: readonly Role[] = ['admin', 'generalSecretary', 'leader'];
/** Who reads an org's supervision records (its secretary answers rectifications). */
export const READERS: readonly Role[] = ['admin', 'generalSecretary', 'secretary', 'leader'];

/** How the caller is named on what they record: their roster name, else the name on their grant. */
export function nameOf(caller: Caller): string {
  return caller.member?.name ?? caller.grants[0]?.name ?? '';
}

export const isOverdue = (r: Pick<Rectification, 'status' | 'deadline'>, day: string): boolean =>
  WAITING.includes(r.status) && r.deadline < day;

/** The responsible person: holds the named secretary's grant on the org itself (not above it). */
export const isResponsible = (caller: Caller, r: Pick<Rectification, 'orgId' | 'responsible'>): boolean =>
  caller.grants.some((g) => g.role === r.responsible.role && g.orgId === r.orgId);

/** The inspector who recorded it, the committee, or the college above the org (the level that supervises it). */
export const isReviewer = (caller: Caller, r: Pick<Rectification, 'inspector' | 'orgPath'>): boolean =>
  caller.openid === r.inspector ||
  caller.grants.some((g) => g.role === 'admin' || (g.role === 'generalSecretary' && r.orgPath.slice(0, -1).includes(g.orgId)));

/**
 * A rectification as the caller sees it. Everyone who may read it is staff of the org or above, so evidence photos
 * show while WeChat's check is pending (rejected ones never); `urls` maps their fileIDs.
 */
export function toRectificationView(r: Rectification, caller: Caller, urls: Map<string, string>): RectificationView {
  return {
    id: r._id,
    inspectionId: r.inspectionId,
    finding: r.finding,
    orgId: r.orgId,
    orgName: r.orgName,
    deadline: r.deadline,
    responsibleName: r.responsible.name,
    status: r.status,
    overdue: isOverdue(r, today()),
    escalated: r.escalatedTo !== null,
    answer: r.answer
      ? {
          text: r.answer.text,
          photos: toPhotoViews(visiblePhotos(r.answer.photos, true), urls),
          byName: r.answer.byName,
          at: iso(r.answer.at),
        }
      : null,
    history: (r.history ?? []).map((h) => ({ ...h, at: iso(h.at) })),
    inspectorName: r.inspectorName,
    canAnswer: WAITING.includes(r.status) && isResponsible(caller, r),
    canReview: r.status === 'answered' && isReviewer(caller, r),
  };
}
