import type { MeetingView } from '../../types/campaign';
import type { Meeting } from '../../types/models';
import { assertTextSafe } from '../shared/content-security';
import type { ActionContext } from '../shared/router';
import { meetings } from '../shared/repositories/meetings';
import { activeCampaign, iso, record, targetOrg, withUrls } from './common';

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
export async function recordMeeting(ctx: ActionContext, input: MeetingInput): Promise<MeetingView> {
  const org = targetOrg(ctx, input.orgId);
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
  const id = await meetings.add(meeting);
  await record(ctx, 'recordMeeting', id, null, meeting, org);
  const [view] = await toViews([{ _id: id, ...meeting, recordedAt: new Date() }]);
  return view;
}

export async function listMeetings(ctx: ActionContext, orgId: string): Promise<MeetingView[]> {
  const org = targetOrg(ctx, orgId);
  const campaign = await activeCampaign();
  return toViews(await meetings.ofOrg(campaign._id, org._id));
}
