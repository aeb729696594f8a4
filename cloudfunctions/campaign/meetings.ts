import type { MeetingView } from '../../types/campaign';
import type { Meeting, Org } from '../../types/models';
import { activeCampaign } from '../shared/campaign';
import { assertTextSafe } from '../shared/content-security';
import type { TargetContext } from '../shared/router';
import { meetings } from '../shared/repositories/meetings';
import { serverTime } from '../shared/repositories/repository';
import { withAudit } from '../shared/repositories/unit-of-work';
import { withUrls } from './common';
import { iso } from '../shared/time';

export interface MeetingInput {
  orgId: string;
  date: string;
  place: string;
  attendance: number;
  summary: string;
  photos: string[];
}

async function toViews(list: Meeting[]): Promise<MeetingView[]> {
  const photos = await withUrls(list.map((m) => m.photos));
  return list.map((m, i) => ({
    id: m._id,
    orgId: m.orgId,
    date: m.date,
    place: m.place,
    attendance: m.attendance,
    summary: m.summary,
    photos: photos[i],
    recordedAt: iso(m.recordedAt),
  }));
}

/** A mobilisation (or any campaign) meeting of the org, with photos already uploaded by the app. */
export async function recordMeeting(ctx: TargetContext, input: MeetingInput): Promise<MeetingView> {
  const org = ctx.target;
  const campaign = await activeCampaign();
  await assertTextSafe([input.place, input.summary], ctx.openid, 'summary');
  const meeting: Omit<Meeting, '_id' | 'recordedAt'> = {
    campaignId: campaign._id,
    orgId: org._id,
    date: input.date,
    place: input.place,
    attendance: input.attendance,
    summary: input.summary,
    photos: input.photos,
    recordedBy: ctx.openid,
  };
  const id = await withAudit(ctx.openid, async (w) => {
    const inserted = await w.insert(meetings, { ...meeting, recordedAt: serverTime() });
    await w.audit({ action: 'recordMeeting', target: inserted, before: null, after: meeting, scope: org });
    return inserted;
  });
  const [view] = await toViews([{ _id: id, ...meeting, recordedAt: new Date() }]);
  return view;
}

export async function listMeetings(org: Org): Promise<MeetingView[]> {
  const campaign = await activeCampaign();
  return toViews(await meetings.ofOrg(campaign._id, org._id));
}
