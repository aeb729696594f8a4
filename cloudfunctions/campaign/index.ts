import { z } from 'zod';
import type { CampaignInput } from '../../types/campaign';
import { FOUR_GOODS, FOUR_GOOD_NAMES, STAGES, type FourGood, type Role } from '../../types/models';
import { FIELDS, RULE_LIMITS } from '../../types/fields';
import { dayOf, keyOf, orgId, roundKey, text, textOf } from '../shared/fields';
import { action, createMain, type ActionTable } from '../shared/router';
import { empty } from '../shared/validate';
import { listMeetings, recordMeeting } from './meetings';
import { listOrgPledges, orgPledgeHistory, submitOrgPledge } from './org-pledges';
import { orgOverview } from './overview';
import { listPlans, publishPlan } from './plans';
import { saveCampaign } from './settings';
import { timeline } from './timeline';

const EVERYONE: readonly Role[] = ['admin', 'generalSecretary', 'secretary', 'leader', 'member'];
const READERS: readonly Role[] = ['admin', 'generalSecretary', 'secretary', 'leader'];
const RECORDERS: readonly Role[] = ['admin', 'generalSecretary', 'secretary'];

/** A calendar day 'YYYY-MM-DD'; the timeline rules check order and overlaps with their own reasons. */
const day = z.string().max(10);
const realDay = dayOf('日期');
/** A file the app uploaded to cloud storage. */
const fileID = text('文件', { max: 512 }).refine((s) => s.startsWith('cloud://'), '格式不正确');
const files = (label: string) => z.array(fileID).max(9).describe(label);
const bounded = ({ label, min, max }: { label: string; min: number; max: number }) => z.number().int().min(min).max(max).describe(label);
const rule = z.object({ itemsPerLead: bounded(RULE_LIMITS.itemsPerLead), minLength: bounded(RULE_LIMITS.minLength) }).strict();

const campaignInput: z.ZodType<CampaignInput, z.ZodTypeDef, unknown> = z
  .object({
    title: textOf(FIELDS.campaignTitle),
    phases: z.array(z.object({ key: keyOf('阶段'), name: textOf(FIELDS.phaseName), start: day, end: day }).strict()).max(10),
    stages: z.array(z.object({ key: z.enum(STAGES), start: day, end: day }).strict()).max(STAGES.length),
    rounds: z.array(z.object({ key: roundKey, theme: textOf(FIELDS.roundTheme), start: day, deadline: day }).strict()).max(10),
    rules: z.object({ member: rule, cadre: rule }).strict(),
  })
  .strict();

const fourGoods = z
  .object(
    Object.fromEntries(FOUR_GOODS.map((g) => [g, textOf(FIELDS.fourGood, FOUR_GOOD_NAMES[g])])) as Record<
      FourGood,
      z.ZodType<string, z.ZodTypeDef, unknown>
    >,
  )
  .strict() as unknown as z.ZodType<Record<FourGood, string>, z.ZodTypeDef, unknown>;

/** The campaign: its timeline, 动员部署 plans and meetings, and the 四好 pledges of orgs. */
export const actions: ActionTable<'campaign'> = {
  timeline: action({
    schema: empty,
    access: EVERYONE,
    handler: (_p, ctx) => timeline(ctx),
  }),
  saveCampaign: action({
    schema: z.object({ campaign: campaignInput }).strict(),
    // The admin's grant covers the whole tree: no target needed.
    access: ['admin'],
    handler: (p, ctx) => saveCampaign(ctx, p.campaign),
  }),
  publishPlan: action({
    schema: z.object({ orgId, title: textOf(FIELDS.planTitle), body: textOf(FIELDS.planBody), attachments: files('附件') }).strict(),
    access: ['admin', 'generalSecretary'],
    target: (p) => p.orgId,
    handler: (p, ctx) => publishPlan(ctx, p),
  }),
  plans: action({
    schema: z.object({ orgId }).strict(),
    access: EVERYONE,
    target: (p) => p.orgId,
    handler: (_p, ctx) => listPlans(ctx.target),
  }),
  recordMeeting: action({
    schema: z
      .object({
        orgId,
        date: realDay,
        place: textOf(FIELDS.place),
        attendance: z.number().int().min(0).max(100_000).describe('参会人数'),
        summary: textOf(FIELDS.meetingSummary),
        photos: files('照片'),
      })
      .strict(),
    access: RECORDERS,
    target: (p) => p.orgId,
    handler: (p, ctx) => recordMeeting(ctx, p),
  }),
  meetings: action({
    schema: z.object({ orgId }).strict(),
    access: READERS,
    target: (p) => p.orgId,
    handler: (_p, ctx) => listMeetings(ctx.target),
  }),
  submitOrgPledge: action({
    schema: z.object({ orgId, roundKey, items: fourGoods }).strict(),
    access: RECORDERS,
    target: (p) => p.orgId,
    handler: (p, ctx) => submitOrgPledge(ctx, p),
  }),
  orgPledges: action({
    schema: z.object({ orgId, roundKey }).strict(),
    access: EVERYONE,
    target: (p) => p.orgId,
    handler: (p, ctx) => listOrgPledges(ctx.target, p.roundKey),
  }),
  orgPledgeHistory: action({
    schema: z.object({ orgId, roundKey }).strict(),
    access: EVERYONE,
    target: (p) => p.orgId,
    handler: (p, ctx) => orgPledgeHistory(ctx.target, p.roundKey),
  }),
  orgOverview: action({
    schema: z.object({ orgId, roundKey }).strict(),
    access: READERS,
    target: (p) => p.orgId,
    handler: (p, ctx) => orgOverview(ctx.target, p.roundKey),
  }),
};

export const main = createMain('campaign', actions);
