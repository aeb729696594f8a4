import { z } from 'zod';
import {
  COMMEND_FIELDS,
  MAX_AWARDS,
  MAX_NOTICE_DAYS,
  MAX_QUOTA,
  MAX_STORY_PHOTOS,
  type Nomination,
  type Objection,
} from '../../types/commend';
import { dayOf, idOf, keyOf, memberId, orgId, roundKey, text, textOf } from '../shared/fields';
import { awards } from '../shared/repositories/awards';
import { commendations } from '../shared/repositories/commendations';
import { members } from '../shared/repositories/members';
import { nominations } from '../shared/repositories/nominations';
import { objections } from '../shared/repositories/objections';
import { stories } from '../shared/repositories/stories';
import { action, createMain, targetOf, type ActionTable } from '../shared/router';
import { empty } from '../shared/validate';
import { certificate, verify } from './certificate';
import { EVERYONE, SECRETARIES, STAFF } from './common';
import { decide, forward, listNominations, nominateMember, nominateOrg, nominationDetail, openCommendation, overview } from './nominate';
import { issueAwards, listObjections, notice, publishNotice, raiseObjection, resolveObjection } from './notice';
import { archiveStory, publishStory, storyFeed } from './stories';

const commendationId = idOf('表彰');
const nominationId = idOf('推荐');
const awardKey = keyOf('奖项');
const reason = textOf(COMMEND_FIELDS.reason);
const decisionReason = textOf(COMMEND_FIELDS.decisionReason);
const window = (label: string) =>
  z
    .object({ start: dayOf('开始日期'), end: dayOf('结束日期') })
    .strict()
    .describe(label);
const seats = (label: string) => z.number().int().min(0).max(MAX_QUOTA).describe(label);
const awardDef = z
  .object({
    key: keyOf('奖项编号'),
    name: textOf(COMMEND_FIELDS.awardName),
    subject: z.enum(['member', 'org']).describe('授予对象'),
    quota: z
      .object({ perBranch: seats('每个团支部推荐名额'), perGeneral: seats('每个团总支上报名额'), total: seats('校团委审定名额') })
      .strict()
      .describe('名额'),
  })
  .strict();
const fileID = text('照片', { max: 512 }).refine((s) => s.startsWith('cloud://'), '格式不正确');

const commendationTarget = (p: { commendationId: string }) => targetOf(commendations, p.commendationId, '表彰', (c) => c.orgId);
/** A nomination's step is taken over its branch: the general branch and the committee cover it from above. */
const nominationTarget = (p: { nominationId: string }) => targetOf(nominations, p.nominationId, '推荐', (n: Nomination) => n.branchId);

/**
 * 评比表彰 (nominations up the tree, 公示 with objections, awards with verifiable certificates) and 先进典型
 * (model stories). Every action names the org it touches; the router checks the caller's role against it.
 */
export const actions: ActionTable<'commend'> = {
  openCommendation: action({
    schema: z
      .object({
        orgId,
        title: textOf(COMMEND_FIELDS.commendTitle),
        roundKey,
        awards: z.array(awardDef).min(1).max(MAX_AWARDS).describe('奖项'),
        timeline: z
          .object({
            nominate: window('推荐时间'),
            forward: window('团总支审核时间'),
            approve: window('校团委审定时间'),
            noticeDays: z.number().int().min(1).max(MAX_NOTICE_DAYS).describe('公示天数'),
          })
          .strict()
          .describe('时间安排'),
      })
      .strict(),
    access: ['admin'],
    target: (p) => p.orgId,
    handler: (p, ctx) => openCommendation(ctx, p),
  }),
  overview: action({
    schema: empty,
    access: EVERYONE,
    handler: (_p, ctx) => overview(ctx),
  }),
  nominateMember: action({
    schema: z.object({ commendationId, awardKey, memberId, reason }).strict(),
    access: ['secretary'],
    target: (p) => targetOf(members, p.memberId, '团员', (m) => m.branchId),
    handler: (p, ctx) => nominateMember(ctx, p),
  }),
  nominateOrg: action({
    schema: z.object({ commendationId, awardKey, orgId, reason }).strict(),
    access: ['generalSecretary'],
    target: (p) => p.orgId,
    handler: (p, ctx) => nominateOrg(ctx, p),
  }),
  forward: action({
    schema: z.object({ nominationId, decision: z.enum(['forward', 'decline']).describe('审核意见'), reason: decisionReason }).strict(),
    access: ['generalSecretary'],
    target: nominationTarget,
    handler: (p, ctx) => forward(ctx, p),
  }),
  decide: action({
    schema: z.object({ nominationId, decision: z.enum(['approve', 'decline']).describe('审定意见'), reason: decisionReason }).strict(),
    access: ['admin'],
    target: nominationTarget,
    handler: (p, ctx) => decide(ctx, p),
  }),
  nominations: action({
    schema: z.object({ commendationId, orgId }).strict(),
    access: STAFF,
    target: (p) => p.orgId,
    handler: (p, ctx) => listNominations(ctx, p.commendationId),
  }),
  nomination: action({
    schema: z.object({ nominationId }).strict(),
    access: STAFF,
    target: nominationTarget,
    handler: (_p, ctx) => nominationDetail(ctx),
  }),
  publishNotice: action({
    schema: z.object({ commendationId }).strict(),
    access: ['admin'],
    target: commendationTarget,
    handler: (_p, ctx) => publishNotice(ctx),
  }),
  // The 公示 is for the whole tree (a commendation is opened on its root): anyone holding any role anywhere in it
  // reads it and may object, staff whose grants sit lower in the tree included, so these name no target org.
  notice: action({
    schema: z.object({ commendationId }).strict(),
    access: EVERYONE,
    handler: (p, ctx) => notice(ctx, p.commendationId),
  }),
  raiseObjection: action({
    schema: z.object({ nominationId, text: textOf(COMMEND_FIELDS.objection) }).strict(),
    access: EVERYONE,
    handler: (p, ctx) => raiseObjection(ctx, p.nominationId, p.text),
  }),
  objections: action({
    schema: z.object({ commendationId }).strict(),
    access: ['admin'],
    target: commendationTarget,
    handler: (_p, ctx) => listObjections(ctx),
  }),
  resolveObjection: action({
    schema: z
      .object({
        objectionId: text('异议', { max: 300 }),
        outcome: z.enum(['upheld', 'dismissed']).describe('处理结果'),
        reason: decisionReason,
      })
      .strict(),
    access: ['admin'],
    target: (p) => targetOf(objections, p.objectionId, '异议', (o: Objection) => o.orgId),
    handler: (p, ctx) => resolveObjection(ctx, p),
  }),
  issueAwards: action({
    schema: z.object({ commendationId }).strict(),
    access: ['admin'],
    target: commendationTarget,
    handler: (_p, ctx) => issueAwards(ctx),
  }),
  certificate: action({
    schema: z.object({ awardId: text('证书', { max: 200 }) }).strict(),
    access: EVERYONE,
    target: (p) => targetOf(awards, p.awardId, '证书', (a) => a.orgId),
    handler: (_p, ctx) => certificate(ctx),
  }),
  verify: action({
    schema: z.object({ code: text('验证码', { max: 32 }) }).strict(),
    access: 'public',
    handler: (p) => verify(p.code),
  }),
  publishStory: action({
    schema: z
      .object({
        orgId,
        title: textOf(COMMEND_FIELDS.storyTitle),
        body: textOf(COMMEND_FIELDS.storyBody),
        photos: z.array(fileID).max(MAX_STORY_PHOTOS, `最多 ${MAX_STORY_PHOTOS} 张`).describe('照片'),
        source: z
          .object({ kind: z.enum(['award', 'activity']).describe('来源类型'), id: text('来源', { max: 200 }) })
          .strict()
          .nullable()
          .describe('来源'),
      })
      .strict(),
    access: SECRETARIES,
    target: (p) => p.orgId,
    handler: (p, ctx) => publishStory(ctx, p),
  }),
  stories: action({
    schema: z.object({ cursor: text('分页位置', { max: 40 }).optional() }).strict(),
    access: EVERYONE,
    handler: (p, ctx) => storyFeed(ctx, p.cursor),
  }),
  archiveStory: action({
    schema: z.object({ storyId: idOf('先进典型') }).strict(),
    access: SECRETARIES,
    target: (p) => targetOf(stories, p.storyId, '先进典型', (s) => s.orgId),
    handler: (_p, ctx) => archiveStory(ctx),
  }),
};

export const main = createMain('commend', actions);
