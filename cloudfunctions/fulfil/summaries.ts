/**
 * 点评总结: in the review stage each branch and general branch submits a stage summary (text and photos of
 * its work) to its parent, which comments on it; the committee's view lists every general branch's, one
 * printable report for the upper party and league organisations.
 */
import type { Campaign } from '../../types/models';
import {
  summaryFolder,
  type CompiledEntry,
  type CompiledSummaries,
  type Summary,
  type SummariesView,
  type SummaryView,
} from '../../types/fulfil';
import type { Org } from '../../types/models';
import { lineage } from '../../types/scope';
import { mustLevel } from '../shared/campaign';
import { iso, today } from '../shared/time';
import type { Caller } from '../shared/caller';
import { assertTextSafe } from '../shared/content-security';
import { AppError, forbidden, notFound } from '../shared/errors';
import { isDuplicateKey } from '../shared/repositories/db-errors';
import { orgs } from '../shared/repositories/orgs';
import { summaries, summaryId } from '../shared/repositories/summaries';
import { withAudit } from '../shared/repositories/unit-of-work';
import type { TargetContext } from '../shared/router';
import { campaignRound, isSecretaryOver, nameOf } from './common';
import { applyEarlyVerdicts } from './media-check';
import { checkPhotos, photoUrls, removedOf, submitPhotos, toPhotoViews, visiblePhotos } from './photos';
import { mayReviewOrg } from './reviews';

async function views(list: Summary[], caller: Caller): Promise<SummaryView[]> {
  const shown = list.map((s) => visiblePhotos(s.photos, s.by === caller.openid || isSecretaryOver(caller, s.orgPath)));
  const urls = await photoUrls(shown);
  return list.map((s, i) => ({
    orgId: s.orgId,
    orgName: s.orgName,
    text: s.text,
    photos: toPhotoViews(shown[i], urls),
    removed: shown[i].length < s.photos.length ? removedOf(s.photos) : null,
    version: s.version,
    byName: s.byName,
    at: iso(s.at),
    comment: s.comment && { text: s.comment.text, byName: s.comment.byName, at: iso(s.comment.at) },
  }));
}

/** Summaries are accepted from the start of the 点评总结 stage ('' when the campaign has none). */
function opensOnOf(campaign: Campaign): string {
  return campaign.stages.find((s) => s.key === 'review')?.start ?? '';
}

/** The org's own secretary (or the admin) writes its summary. */
function writes(ctx: TargetContext): boolean {
  const own = ctx.target.level === 'general' ? 'generalSecretary' : 'secretary';
  return ctx.roles.includes('admin') || ctx.roles.includes(own);
}

export async function submitSummary(ctx: TargetContext, input: { roundKey: string; text: string; photos: string[] }): Promise<SummaryView> {
  const org = ctx.target;
  mustLevel(org, ['general', 'branch'], '组织：团支部和团总支提交阶段总结');
  if (!writes(ctx)) throw forbidden(org.level === 'general' ? '团总支的总结由团总支书记提交' : '团支部的总结由团支部书记提交');
  const [{ campaign, round }, caller] = await Promise.all([campaignRound(input.roundKey), ctx.caller()]);
  const opensOn = opensOnOf(campaign);
  if (!opensOn || today() < opensOn) throw new AppError('CONFLICT', `点评总结阶段（${opensOn}）开始后才能提交阶段总结`);
  await Promise.all([assertTextSafe([input.text], ctx.openid, 'text'), checkPhotos(input.photos, summaryFolder(org._id))]);
  const id = summaryId(campaign._id, round.key, org._id);
  const before = await summaries.byId(id);
  // Photos kept from the earlier version keep their verdicts; new ones are checked.
  const kept = (before?.photos ?? []).filter((p) => input.photos.includes(p.fileID));
  const fresh = input.photos.filter((f) => !kept.some((p) => p.fileID === f));
  const { photos } = await submitPhotos(fresh, ctx.openid);
  const next: Summary = {
    _id: id,
    campaignId: campaign._id,
    roundKey: round.key,
    orgId: org._id,
    orgName: org.name,
    orgPath: lineage(org),
    parentId: org.parentId ?? '',
    text: input.text,
    photos: input.photos.map((f) => kept.find((p) => p.fileID === f) ?? photos.find((p) => p.fileID === f)).filter((p) => p !== undefined),
    version: (before?.version ?? 0) + 1,
    history: before ? [...before.history, { text: before.text, byName: before.byName, at: before.at }] : [],
    by: ctx.openid,
    byName: nameOf(caller),
    at: new Date(),
    comment: before?.comment ?? null,
  };
  try {
    await withAudit(ctx.openid, async (w) => {
      await w.put(summaries, next);
      await w.audit({
        action: 'submitSummary',
        target: id,
        before: before && { version: before.version },
        after: { version: next.version, photos: next.photos.length },
        scope: org,
        once: `summary:${id}:v${next.version}`,
      });
    });
  } catch (err) {
    if (isDuplicateKey(err)) throw new AppError('CONFLICT', '总结已被他人修改，请刷新后重试');
    throw err;
  }
  await applyEarlyVerdicts({ repo: summaries, doc: next });
  const [view] = await views([next], caller);
  return view;
}

export async function commentSummary(ctx: TargetContext, input: { roundKey: string; comment: string }): Promise<SummaryView> {
  const org = ctx.target;
  if (!mayReviewOrg(org.level, ctx.roles))
    throw forbidden(org.level === 'general' ? '团总支的总结由校团委点评' : '团支部的总结由所在团总支点评');
  const [{ campaign, round }, caller] = await Promise.all([campaignRound(input.roundKey), ctx.caller()]);
  await assertTextSafe([input.comment], ctx.openid, 'comment');
  const summary = await summaries.byId(summaryId(campaign._id, round.key, org._id));
  if (!summary) throw notFound('阶段总结');
  const comment = { text: input.comment, byName: nameOf(caller), at: new Date() };
  await withAudit(ctx.openid, async (w) => {
    // A whole-document write: an update would merge the comment into a null field path by path, which the database refuses.
    await w.put(summaries, { ...summary, comment });
    await w.audit({ action: 'commentSummary', target: summary._id, before: summary.comment, after: comment, scope: org });
  });
  const [view] = await views([{ ...summary, comment }], caller);
  return view;
}

export async function listSummaries(ctx: TargetContext, roundKey: string): Promise<SummariesView> {
  const org = ctx.target;
  const [{ campaign, round }, caller] = await Promise.all([campaignRound(roundKey), ctx.caller()]);
  const [own, children] = await Promise.all([
    summaries.byId(summaryId(campaign._id, round.key, org._id)),
    summaries.ofChildren(campaign._id, round.key, org._id),
  ]);
  const [ownView, ...childViews] = await views(own ? [own, ...children] : children, caller);
  const childLevel = org.level === 'committee' ? 'general' : 'branch';
  const opensOn = opensOnOf(campaign);
  return {
    orgId: org._id,
    orgName: org.name,
    roundKey: round.key,
    theme: round.theme,
    opensOn,
    open: Boolean(opensOn) && today() >= opensOn,
    own: own ? ownView : null,
    canSubmit: org.level !== 'committee' && org.level !== 'group' && writes(ctx),
    children: own ? childViews : [ownView, ...childViews].filter((v) => v !== undefined),
    canComment: mayReviewOrg(childLevel, ctx.roles),
  };
}

/** The orgs that write summaries under `org`, in tree order: each general branch, then its branches by their order. */
function treeOrder(org: Org, below: Org[]): Org[] {
  const byOrder = (a: Org, b: Org) => a.order - b.order || a.name.localeCompare(b.name, 'zh-CN');
  const childrenOf = (id: string) => below.filter((o) => o.parentId === id).sort(byOrder);
  const branchesOf = (general: Org) => childrenOf(general._id).filter((o) => o.level === 'branch');
  if (org.level === 'general') return [org, ...branchesOf(org)];
  return childrenOf(org._id)
    .filter((o) => o.level === 'general')
    .flatMap((g) => [g, ...branchesOf(g)]);
}

/**
 * 点评总结汇编: every stage summary of the round in the subtree (general branches and branches), each with its
 * parent's comment, and the orgs that have not submitted; one printable report for the upper party and league
 * organisations. Three reads (campaign, the subtree's orgs, its summaries), 100 documents a request.
 */
export async function compiledSummaries(ctx: TargetContext, roundKey: string): Promise<CompiledSummaries> {
  const org = ctx.target;
  mustLevel(org, ['committee', 'general'], '组织：校团委和团总支汇编阶段总结');
  const { campaign, round } = await campaignRound(roundKey);
  const [below, list] = await Promise.all([orgs.descendants(org._id), summaries.inSubtree(campaign._id, round.key, org._id)]);
  const byOrg = new Map(list.map((s) => [s.orgId, s]));
  const names = new Map([org, ...below].map((o) => [o._id, o.name]));
  const entries: CompiledEntry[] = treeOrder(org, below).map((o) => {
    const s = byOrg.get(o._id);
    return {
      orgId: o._id,
      orgName: o.name,
      level: o.level === 'general' ? 'general' : 'branch',
      parentName: names.get(o.parentId ?? '') ?? '',
      summary: s
        ? {
            text: s.text,
            byName: s.byName,
            at: iso(s.at),
            version: s.version,
            photoCount: s.photos.filter((p) => p.check === 'pass').length,
          }
        : null,
      comment: s?.comment ? { text: s.comment.text, byName: s.comment.byName, at: iso(s.comment.at) } : null,
    };
  });
  return {
    orgId: org._id,
    orgName: org.name,
    roundKey: round.key,
    theme: round.theme,
    rounds: campaign.rounds.map((r) => ({ key: r.key, theme: r.theme })),
    compiledAt: new Date().toISOString(),
    submitted: entries.filter((e) => e.summary).length,
    total: entries.length,
    entries,
  };
}
