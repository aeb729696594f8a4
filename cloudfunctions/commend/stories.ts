/**
 * 先进典型: stories of model orgs and members, published by secretaries and the committee from an award or an
 * activity of their subtree, with photos checked exactly like activity photos (folder, bytes, size, then
 * WeChat's asynchronous image check; the verdict event reaches fulfil's media-check, which also looks here).
 * Everyone in the tree reads the feed; a photo shows to others once it passed.
 */
import {
  STORY_PAGE,
  storyFolder,
  type PublishStoryInput,
  type Story,
  type StoryFeed,
  type StorySource,
  type StoryView,
} from '../../types/commend';
import { lineage } from '../../types/scope';
import { mustLevel } from '../shared/campaign';
import type { Caller } from '../shared/caller';
import { assertTextSafe } from '../shared/content-security';
import { AppError } from '../shared/errors';
import { activities } from '../shared/repositories/activities';
import { awards } from '../shared/repositories/awards';
import { serverTime } from '../shared/repositories/repository';
import { stories } from '../shared/repositories/stories';
import { withAudit } from '../shared/repositories/unit-of-work';
import type { ActionContext, LoadedContext, TargetContext } from '../shared/router';
import { iso } from '../shared/time';
import { isSecretaryOver, nameOf } from '../fulfil/common';
import { applyEarlyVerdicts } from '../fulfil/media-check';
import { checkPhotos, photoUrls, removedOf, submitPhotos, toPhotoViews, visiblePhotos } from '../fulfil/photos';

const seesHidden = (s: Story, caller: Caller) => s.postedBy === caller.openid || isSecretaryOver(caller, s.orgPath);

function toView(s: Story, caller: Caller, urls: Map<string, string>): StoryView {
  const hidden = seesHidden(s, caller);
  return {
    id: s._id,
    orgId: s.orgId,
    orgName: s.orgName,
    title: s.title,
    body: s.body,
    photos: toPhotoViews(visiblePhotos(s.photos, hidden), urls),
    removed: hidden ? removedOf(s.photos) : null,
    source: s.source,
    postedByName: s.postedByName,
    postedAt: iso(s.postedAt),
    manageable: isSecretaryOver(caller, s.orgPath),
  };
}

/** What the story is about: an award or an activity of the publisher's subtree, named for the reader. */
async function sourceOf(input: PublishStoryInput['source'], orgId: string): Promise<StorySource | null> {
  if (!input) return null;
  if (input.kind === 'award') {
    const a = await awards.mustById(input.id, '奖项');
    if (!a.orgPath.includes(orgId)) throw new AppError('INVALID_ARGUMENT', '来源：只能选择本组织范围内的表彰', 'source');
    return { kind: 'award', id: a._id, label: `${a.subjectName} · ${a.awardName}` };
  }
  const act = await activities.mustById(input.id, '活动');
  if (!act.orgPath.includes(orgId)) throw new AppError('INVALID_ARGUMENT', '来源：只能选择本组织范围内的活动', 'source');
  return { kind: 'activity', id: act._id, label: act.title };
}

export async function publishStory(ctx: TargetContext, input: PublishStoryInput): Promise<StoryView> {
  const org = ctx.target;
  mustLevel(org, ['committee', 'general', 'branch'], '组织：先进典型请以团支部、团总支或校团委的名义发布');
  const [source, caller] = await Promise.all([sourceOf(input.source, org._id), ctx.caller()]);
  await Promise.all([assertTextSafe([input.title, input.body], ctx.openid, 'body'), checkPhotos(input.photos, storyFolder(org._id))]);
  const { photos, urls } = await submitPhotos(input.photos, ctx.openid);
  const doc: Omit<Story, '_id' | 'postedAt'> = {
    orgId: org._id,
    orgPath: lineage(org),
    orgName: org.name,
    title: input.title,
    body: input.body,
    photos,
    source,
    archived: false,
    postedBy: ctx.openid,
    postedByName: nameOf(caller),
  };
  const id = await withAudit(ctx.openid, async (w) => {
    const inserted = await w.insert(stories, { ...doc, postedAt: serverTime() });
    await w.audit({
      action: 'commend.publishStory',
      target: inserted,
      before: null,
      after: { title: doc.title, source, photos: photos.length },
      scope: org,
    });
    return inserted;
  });
  const saved: Story = { _id: id, ...doc, postedAt: new Date() };
  // A verdict that beat the write was parked by trace id (fulfil's media-check): apply it now.
  await applyEarlyVerdicts({ repo: stories, doc: saved });
  return toView(saved, caller, urls);
}

/** The 先进典型 feed of the tree, newest first, a page at a time (cursor: the last posting time). */
export async function storyFeed(ctx: ActionContext, cursor: string | undefined): Promise<StoryFeed> {
  const before = cursor ? new Date(cursor) : null;
  if (before && Number.isNaN(before.getTime())) throw new AppError('INVALID_ARGUMENT', '分页位置格式不正确', 'cursor');
  const [page, caller] = await Promise.all([stories.feedPage(before, STORY_PAGE), ctx.caller()]);
  const urls = await photoUrls(page.map((s) => visiblePhotos(s.photos, seesHidden(s, caller))));
  return {
    items: page.map((s) => toView(s, caller, urls)),
    cursor: page.length === STORY_PAGE ? iso(page[page.length - 1].postedAt) : null,
  };
}

/** Takes a story off the feed: archived, never deleted (its audit and photos stay). */
export async function archiveStory(ctx: LoadedContext<Story>): Promise<{ archived: true }> {
  const s = ctx.loaded;
  if (s.archived) return { archived: true };
  await withAudit(ctx.openid, async (w) => {
    await w.patch(stories, s._id, { archived: true });
    await w.audit({
      action: 'commend.archiveStory',
      target: s._id,
      before: { archived: false },
      after: { archived: true },
      scope: s.orgPath,
    });
  });
  return { archived: true };
}
