import { z } from 'zod';
import type { CampaignInput } from '../../types/campaign';
import { FOUR_GOODS, STAGES, type FourGood, type Role } from '../../types/models';
import { isDay } from '../../types/time';
import { id } from '../shared/fields';
import { createMain, type ActionTable } from '../shared/router';
import { empty } from '../shared/validate';
import { listMeetings, recordMeeting } from './meetings';
import { listOrgPledges, orgPledgeHistory, submitOrgPledge } from './org-pledges';
import { listPlans, publishPlan } from './plans';
import { saveCampaign } from './settings';
import { timeline } from './timeline';

const EVERYONE: readonly Role[] = ['admin', 'generalSecretary', 'secretary', 'leader', 'member'];
const READERS: readonly Role[] = ['admin', 'generalSecretary', 'secretary', 'leader'];
const RECORDERS: readonly Role[] = ['admin', 'generalSecretary', 'secretary'];

/** A calendar day 'YYYY-MM-DD'; the timeline rules check order and overlaps with their own reasons. */
const day = z.string().max(10);
const realDay = z.string().refine(isDay, '日期格式应为 YYYY-MM-DD');
const key = z.string().regex(/^[A-Za-z0-9-]{1,32}$/, '只能包含字母、数字和连字符，最多 32 个字符');
const text = (max: number) => z.string().trim().min(1).max(max);
/** A file the app uploaded to cloud storage. */
const fileID = z.string().startsWith('cloud://').max(512);
const files = z.array(fileID).max(9);
const rule = z.object({ itemsPerLead: z.number().int().min(1).max(10), minLength: z.number().int().min(1).max(500) }).strict();

const campaignInput: z.ZodType<CampaignInput, z.ZodTypeDef, unknown> = z
  .object({
    title: text(60),
    phases: z.array(z.object({ key, name: text(60), start: day, end: day }).strict()).max(10),
    stages: z.array(z.object({ key: z.enum(STAGES), start: day, end: day }).strict()).max(STAGES.length),
    rounds: z.array(z.object({ key, theme: text(100), start: day, deadline: day }).strict()).max(10),
    rules: z.object({ member: rule, cadre: rule }).strict(),
  })
  .strict();

const fourGoods = z
  .object(Object.fromEntries(FOUR_GOODS.map((g) => [g, z.string().trim().min(5).max(500)])) as Record<FourGood, z.ZodString>)
  .strict() as unknown as z.ZodType<Record<FourGood, string>, z.ZodTypeDef, unknown>;

/** The campaign: its timeline, 动员部署 plans and meetings, and the 四好 pledges of orgs. */
export const actions: ActionTable<'campaign'> = {
  timeline: {
    schema: empty,
    access: EVERYONE,
    handler: (_p, ctx) => timeline(ctx),
  },
  saveCampaign: {
    schema: z.object({ campaign: campaignInput }).strict(),
    // The admin's grant covers the whole tree: no target needed.
    access: ['admin'],
    handler: (p, ctx) => saveCampaign(ctx, p.campaign),
  },
  publishPlan: {
    schema: z.object({ orgId: id, title: text(60), body: text(5000), attachments: files }).strict(),
    access: ['admin', 'generalSecretary'],
    target: (p) => p.orgId,
    handler: (p, ctx) => publishPlan(ctx, p),
  },
  plans: {
    schema: z.object({ orgId: id }).strict(),
    access: EVERYONE,
    target: (p) => p.orgId,
    handler: (p, ctx) => listPlans(ctx, p.orgId),
  },
  recordMeeting: {
    schema: z
      .object({
        orgId: id,
        date: realDay,
        place: text(50),
        attendance: z.number().int().min(0).max(100_000),
        summary: text(2000),
        photos: files,
      })
      .strict(),
    access: RECORDERS,
    target: (p) => p.orgId,
    handler: (p, ctx) => recordMeeting(ctx, p),
  },
  meetings: {
    schema: z.object({ orgId: id }).strict(),
    access: READERS,
    target: (p) => p.orgId,
    handler: (p, ctx) => listMeetings(ctx, p.orgId),
  },
  submitOrgPledge: {
    schema: z.object({ orgId: id, roundKey: key, items: fourGoods }).strict(),
    access: RECORDERS,
    target: (p) => p.orgId,
    handler: (p, ctx) => submitOrgPledge(ctx, p),
  },
  orgPledges: {
    schema: z.object({ orgId: id, roundKey: key }).strict(),
    access: EVERYONE,
    target: (p) => p.orgId,
    handler: (p, ctx) => listOrgPledges(ctx, p.orgId, p.roundKey),
  },
  orgPledgeHistory: {
    schema: z.object({ orgId: id, roundKey: key }).strict(),
    access: EVERYONE,
    target: (p) => p.orgId,
    handler: (p, ctx) => orgPledgeHistory(ctx, p.orgId, p.roundKey),
  },
};

export const main = createMain('campaign', actions);
