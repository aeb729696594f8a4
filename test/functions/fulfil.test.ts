/**
 * 践诺 and 评诺 through the real router, wx-server-sdk, storage and openapi of the emulator with the seeded
 * demo: activity photos uploaded as real PNG/JPEG bytes, WeChat's asynchronous image check delivered as a
 * delayed `wxa_media_check` event (the test moves the emulator clock instead of sleeping), check-ins,
 * reviews per role and the 承诺–践诺 report.
 */
import { createHash } from 'node:crypto';
import { PNG } from 'pngjs';
import type {
  ActivityView,
  CheckInView,
  FeedView,
  MemberReport,
  OrgReport,
  ReviewView,
  SummariesView,
  SummaryView,
} from '../../types/fulfil';
import {
  activityFolder,
  activityThumbFolder,
  checkInFolder,
  summaryFolder,
  type AttendanceCode,
  type AttendResult,
  type CompiledSummaries,
} from '../../types/fulfil';
import type { FileLink } from '../../types/roster';
import ExcelJS from 'exceljs';
import { DAY_MS, seededEmulator, okData, errorCode, ADMIN, GS, SECRETARY, MEMBER } from '../support/emulator';
import { writeSignedPledge } from '../fixtures/campaign';

const env = seededEmulator();
const { emu } = env;
// The member has signed round 1.
beforeAll(() => writeSignedPledge(env.db, 'm-2023010104'));

const OTHER_MEMBER = 'demo-2023010105';
const SECRETARY_CS2 = 'demo-2023010201';
const today = () => new Date(emu.now().getTime() + 8 * 3600_000).toISOString().slice(0, 10);

/** A real PNG of one colour: every colour gives different bytes (and a different SHA-256). */
function png(r: number, g: number, b: number, size = 64): Buffer {
  const img = new PNG({ width: size, height: size });
  for (let i = 0; i < img.data.length; i += 4) img.data.set([r, g, b, 255], i);
  return PNG.sync.write(img);
}
/** A 1×1 baseline JPEG. */
const JPEG = Buffer.from(
  '/9j/4AAQSkZJRgABAQEASABIAAD/2wBDAP//////////////////////////////////////////////////////////////////////////////////////wgALCAABAAEBAREA/8QAFBABAAAAAAAAAAAAAAAAAAAAAP/aAAgBAQABPxA=',
  'base64',
);

let n = 0;
async function upload(folder: string, bytes: Buffer, ext = 'png'): Promise<string> {
  const res = (await env.sdk.uploadFile({ cloudPath: `${folder}${Date.now()}-${++n}.${ext}`, fileContent: bytes })) as { fileID: string };
  return res.fileID;
}
/** The emulator's verdict for these bytes; `early` pushes it before mediaCheckAsync answers (the post is not saved yet). */
async function verdictFor(bytes: Buffer, suggest: 'pass' | 'risky' | 'review', early = false): Promise<void> {
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const res = await fetch(`${emu.url}/api/_emulator/media-check/rules`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ sha256, suggest, early }),
  });
  expect(res.status).toBe(200);
}
async function exists(fileID: string): Promise<boolean> {
  try {
    await env.sdk.downloadFile({ fileID });
    return true;
  } catch {
    return false;
  }
}
const post = (orgId: string, photos: string[], extra: Record<string, unknown> = {}) => ({
  orgId,
  roundKey: 'round-1',
  title: '社区志愿服务',
  date: today(),
  place: '幸福社区',
  body: '为社区老人打扫卫生、讲解防诈骗知识。',
  goods: ['activities'],
  leads: ['morals'],
  attendeeIds: ['m-2023010104', 'm-2023010105'],
  photos,
  ...extra,
});

describe('activities with photos and the delayed image check', () => {
  const passed = png(200, 30, 30);
  const risky = png(30, 200, 30);
  const review = png(30, 30, 200);
  let activity: ActivityView;
  let files: string[];

  it('posts an activity whose photos are in the org folder; photos are pending (审核中), seen by the author only', async () => {
    await verdictFor(risky, 'risky');
    await verdictFor(review, 'review');
    const folder = activityFolder('org-cs-1');
    files = [await upload(folder, passed), await upload(folder, risky), await upload(folder, review), await upload(folder, JPEG, 'jpg')];
    const res = await emu.call<ActivityView>('fulfil', 'postActivity', post('org-cs-1', files), SECRETARY);
    activity = okData(res);
    console.log(`fulfil.postActivity (4 photos, 2 attendees): ${res.dbRequests} DB requests`);
    // Caller (2), org, campaign, attendees, the insert, the parked verdicts: see bench/fulfil.ts.
    expect(res.dbRequests).toBeLessThanOrEqual(7);
    expect(activity).toMatchObject({ orgName: '计科2301班团支部', manageable: true, removed: null, goods: ['activities'] });
    expect(activity.attendees.map((a) => a.id)).toEqual(['m-2023010104', 'm-2023010105']);
    expect(activity.photos.map((p) => p.check)).toEqual(['pending', 'pending', 'pending', 'pending']);
    expect(activity.photos.every((p) => p.url.includes('/storage/fulfil/org-cs-1/activities/'))).toBe(true);

    const memberFeed = okData(await emu.call<FeedView>('fulfil', 'feed', { orgId: 'org-cs-1' }, MEMBER));
    const seen = memberFeed.items.find((a) => a.id === activity.id);
    expect(seen?.photos).toEqual([]);
    expect(JSON.stringify(memberFeed)).not.toContain('fulfil/org-cs-1/activities/');
  });

  it('a client cannot forge the verdict event: an unknown trace id changes nothing', async () => {
    const res = await fetch(`${emu.url}/api/functions/fulfil`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-strive-openid': SECRETARY },
      body: JSON.stringify({ Event: 'wxa_media_check', trace_id: 'guessed-trace', result: { suggest: 'pass', label: 100 } }),
    });
    expect(((await res.json()) as { result: unknown }).result).toEqual({ applied: false });
    // Nor is it parked as an early verdict: a mini-program client never carries a real one.
    const parked = (await env.db.collection('mediaVerdicts').where({ _id: 'guessed-trace' }).get()) as { data: unknown[] };
    expect(parked.data).toEqual([]);
  });

  it('the verdicts arrive when the clock passes their delay: pass shows, review stays hidden, risky is deleted and the author told', async () => {
    await emu.advanceClock(10_000);
    const memberFeed = okData(await emu.call<FeedView>('fulfil', 'feed', { orgId: 'org-cs-1' }, MEMBER));
    const forMember = memberFeed.items.find((a) => a.id === activity.id);
    expect(forMember?.photos.map((p) => p.fileID)).toEqual([files[0], files[3]]);
    expect(forMember?.removed).toBeNull();
    expect(JSON.stringify(memberFeed)).not.toContain(files[1]);
    expect(JSON.stringify(memberFeed)).not.toContain(files[2]);

    const secretaryFeed = okData(await emu.call<FeedView>('fulfil', 'feed', { orgId: 'org-cs-1' }, SECRETARY));
    const forAuthor = secretaryFeed.items.find((a) => a.id === activity.id);
    expect(forAuthor?.photos.map((p) => [p.fileID, p.check])).toEqual([
      [files[0], 'pass'],
      [files[2], 'review'],
      [files[3], 'pass'],
    ]);
    expect(forAuthor?.removed).toEqual({ count: 1, reasons: ['涉及色情'] });
    expect(await exists(files[1])).toBe(false);
    expect(await exists(files[0])).toBe(true);

    // The college's general secretary sees the branch's activity in the college feed, hidden photos too.
    const college = okData(await emu.call<FeedView>('fulfil', 'feed', { orgId: 'org-cs' }, GS));
    expect(college.items.find((a) => a.id === activity.id)?.photos).toHaveLength(3);
  });

  it('refuses an activity of another org, photos outside the org folder, non-images and photos over 10 MB', async () => {
    const own = activityFolder('org-cs-1');
    const other = await upload(activityFolder('org-cs-2'), png(1, 2, 3));
    expect(errorCode(await emu.call('fulfil', 'postActivity', post('org-cs-2', [other], { attendeeIds: [] }), SECRETARY))).toBe(
      'FORBIDDEN',
    );
    const outside = await emu.call('fulfil', 'postActivity', post('org-cs-1', [other]), SECRETARY);
    expect(outside.result).toMatchObject({
      ok: false,
      code: 'INVALID_ARGUMENT',
      field: 'photos',
      message: '照片：第 1 张不是本组织上传的照片',
    });
    const text = await upload(own, Buffer.from('这不是图片'), 'png');
    expect(await emu.call('fulfil', 'postActivity', post('org-cs-1', [text]), SECRETARY)).toMatchObject({
      result: { ok: false, code: 'INVALID_ARGUMENT', field: 'photos', message: expect.stringContaining('不是图片') },
    });
    const huge = Buffer.concat([png(9, 9, 9), Buffer.alloc(10 * 1024 * 1024)]);
    const big = await upload(own, huge);
    expect(await emu.call('fulfil', 'postActivity', post('org-cs-1', [big]), SECRETARY)).toMatchObject({
      result: { ok: false, code: 'INVALID_ARGUMENT', field: 'photos', message: '照片：第 1 张超过 10 MB' },
    });
    const stranger = await emu.call('fulfil', 'postActivity', post('org-cs-1', [], { attendeeIds: ['m-2023010201'] }), SECRETARY);
    expect(stranger.result).toMatchObject({ ok: false, code: 'INVALID_ARGUMENT', field: 'attendeeIds' });
    expect(errorCode(await emu.call('fulfil', 'postActivity', post('org-cs-1', []), MEMBER))).toBe('FORBIDDEN');
    // Nothing of the refused posts was written.
    const feed = okData(await emu.call<FeedView>('fulfil', 'feed', { orgId: 'org-cs-1' }, SECRETARY));
    expect(feed.items).toHaveLength(1);
  });

  it('a member of another branch sees neither the activity in their feed nor the branch feed', async () => {
    expect(errorCode(await emu.call('fulfil', 'feed', { orgId: 'org-cs-1' }, 'demo-2023010204'))).toBe('FORBIDDEN');
    const college = okData(await emu.call<FeedView>('fulfil', 'feed', { orgId: 'org-cs' }, 'demo-2023010204'));
    expect(college.items.map((a) => a.id)).not.toContain(activity.id);
  });

  it('member check-ins: own items, own folder, an activity of their org; refused without a pledge or a roster entry', async () => {
    const photo = await upload(checkInFolder('org-cs-1', 'm-2023010104'), png(90, 90, 90));
    const input = {
      roundKey: 'round-1',
      lead: 'morals',
      text: '周末去社区做志愿者',
      date: today(),
      photos: [photo],
      activityId: activity.id,
    };
    const res = await emu.call<CheckInView>('fulfil', 'checkIn', input, MEMBER);
    console.log(`fulfil.checkIn (1 photo, an activity): ${res.dbRequests} DB requests`);
    expect(okData(res)).toMatchObject({ lead: 'morals', activityTitle: '社区志愿服务', photos: [{ fileID: photo, check: 'pending' }] });

    const foreign = await upload(checkInFolder('org-cs-1', 'm-2023010105'), png(91, 91, 91));
    expect(await emu.call('fulfil', 'checkIn', { ...input, photos: [foreign] }, MEMBER)).toMatchObject({
      result: { ok: false, code: 'INVALID_ARGUMENT', field: 'photos' },
    });
    expect(errorCode(await emu.call('fulfil', 'checkIn', { ...input, photos: [] }, OTHER_MEMBER))).toBe('CONFLICT');
    expect(errorCode(await emu.call('fulfil', 'checkIn', { ...input, photos: [] }, ADMIN))).toBe('FORBIDDEN');
    expect(errorCode(await emu.call('fulfil', 'checkIn', { ...input, photos: [] }, 'demo-visitor'))).toBe('NOT_BOUND');
    await emu.advanceClock(10_000);
  });
});

describe('评诺: reviews per role, with history', () => {
  const review = (grade: string, comment: string) => ({ memberId: 'm-2023010104', roundKey: 'round-1', grade, comment });

  it('the branch secretary reviews a member; an edit keeps the earlier version', async () => {
    okData(await emu.call<ReviewView>('fulfil', 'reviewMember', review('good', '志愿服务积极'), SECRETARY));
    const edited = okData(await emu.call<ReviewView>('fulfil', 'reviewMember', review('excellent', '志愿服务积极，带动同学'), SECRETARY));
    expect(edited).toMatchObject({ grade: 'excellent', version: 2, history: [{ grade: 'good', comment: '志愿服务积极' }] });
  });

  it('refuses a review by a member, by a secretary of another branch, and by the general branch (members are the branch’s)', async () => {
    expect(errorCode(await emu.call('fulfil', 'reviewMember', review('poor', '差'), MEMBER))).toBe('FORBIDDEN');
    expect(errorCode(await emu.call('fulfil', 'reviewMember', review('poor', '差'), SECRETARY_CS2))).toBe('FORBIDDEN');
    expect(errorCode(await emu.call('fulfil', 'reviewMember', review('poor', '差'), GS))).toBe('FORBIDDEN');
  });

  it('the general branch reviews a branch, the committee a general branch; not the other way round', async () => {
    const org = (orgId: string) => ({ orgId, roundKey: 'round-1', grade: 'good', comment: '活动扎实' });
    expect(okData(await emu.call<ReviewView>('fulfil', 'reviewOrg', org('org-cs-1'), GS))).toMatchObject({ grade: 'good', version: 1 });
    expect(errorCode(await emu.call('fulfil', 'reviewOrg', org('org-cs'), GS))).toBe('FORBIDDEN');
    expect(errorCode(await emu.call('fulfil', 'reviewOrg', org('org-cs-1'), SECRETARY))).toBe('FORBIDDEN');
    expect(okData(await emu.call<ReviewView>('fulfil', 'reviewOrg', org('org-cs'), ADMIN))).toMatchObject({ version: 1 });
  });
});

describe('承诺–践诺 report', () => {
  it('a member sees their own items beside check-ins, attended activities and their review; not someone else’s', async () => {
    const res = await emu.call<MemberReport>('fulfil', 'memberReport', { memberId: 'm-2023010104', roundKey: 'round-1' }, MEMBER);
    const report = okData(res);
    console.log(`fulfil.memberReport: ${res.dbRequests} DB requests`);
    const morals = report.leads.find((l) => l.lead === 'morals');
    expect(morals).toMatchObject({ commitments: ['参加志愿服务二十小时'], activities: [{ title: '社区志愿服务', photoCount: 2 }] });
    expect(morals?.checkIns).toHaveLength(1);
    expect(report.leads.find((l) => l.lead === 'study')).toMatchObject({ checkIns: [], activities: [] });
    expect(report).toMatchObject({ review: { grade: 'excellent', version: 2 }, canReview: false, branchName: '计科2301班团支部' });
    expect(errorCode(await emu.call('fulfil', 'memberReport', { memberId: 'm-2023010104', roundKey: 'round-1' }, OTHER_MEMBER))).toBe(
      'FORBIDDEN',
    );
    const bySecretary = okData(
      await emu.call<MemberReport>('fulfil', 'memberReport', { memberId: 'm-2023010104', roundKey: 'round-1' }, SECRETARY),
    );
    expect(bySecretary.canReview).toBe(true);
  });

  it('the branch report: 四好 items beside activities, every member with evidence per item and grade, the branch review', async () => {
    const res = await emu.call<OrgReport>('fulfil', 'orgReport', { orgId: 'org-cs-1', roundKey: 'round-1' }, SECRETARY);
    const report = okData(res);
    console.log(`fulfil.orgReport (25-member branch): ${res.dbRequests} DB requests`);
    expect(report.goods.find((g) => g.good === 'activities')?.activities.map((a) => a.title)).toEqual(['社区志愿服务']);
    expect(report.goods.find((g) => g.good === 'education')?.activities).toEqual([]);
    expect(report.members).toHaveLength(25);
    const row = report.members.find((m) => m.id === 'm-2023010104');
    expect(row).toMatchObject({ signed: true, grade: 'excellent', evidence: { morals: 2, study: 0, conviction: 0, results: 0 } });
    expect(report.members.find((m) => m.id === 'm-2023010105')).toMatchObject({ signed: false, evidence: { morals: 1 } });
    expect(report).toMatchObject({ review: { grade: 'good', comment: '活动扎实' }, canReview: false });
    expect(errorCode(await emu.call('fulfil', 'orgReport', { orgId: 'org-cs-1', roundKey: 'round-1' }, MEMBER))).toBe('FORBIDDEN');
  });

  it('archiving keeps the activity as evidence but takes it off the feed', async () => {
    const feed = okData(await emu.call<FeedView>('fulfil', 'feed', { orgId: 'org-cs-1' }, SECRETARY));
    const id = feed.items[0].id;
    expect(errorCode(await emu.call('fulfil', 'archiveActivity', { activityId: id }, MEMBER))).toBe('FORBIDDEN');
    okData(await emu.call('fulfil', 'archiveActivity', { activityId: id }, SECRETARY));
    expect(okData(await emu.call<FeedView>('fulfil', 'feed', { orgId: 'org-cs-1' }, SECRETARY)).items).toHaveLength(0);
    const report = okData(await emu.call<OrgReport>('fulfil', 'orgReport', { orgId: 'org-cs-1', roundKey: 'round-1' }, SECRETARY));
    expect(report.goods.find((g) => g.good === 'activities')?.activities).toHaveLength(1);
  });
});

describe('点评总结: stage summaries up the tree', () => {
  const input = (orgId: string, text: string, photos: string[] = []) => ({ orgId, roundKey: 'round-1', text, photos });

  it('opens with the review stage; the branch and the general branch submit, the parent comments, the committee sees them all', async () => {
    expect(await emu.call('fulfil', 'submitSummary', input('org-cs-1', '本阶段开展活动一次'), SECRETARY)).toMatchObject({
      result: { ok: false, code: 'CONFLICT' },
    });
    await emu.advanceClock(6 * DAY_MS); // into 点评总结 (the demo's review stage starts in 5 days)
    const photo = await upload(summaryFolder('org-cs-1'), png(120, 120, 0));
    const mine = okData(
      await emu.call<SummaryView>(
        'fulfil',
        'submitSummary',
        input('org-cs-1', '本阶段开展志愿服务一次，团员全部签署承诺。', [photo]),
        SECRETARY,
      ),
    );
    expect(mine).toMatchObject({ orgName: '计科2301班团支部', version: 1, photos: [{ fileID: photo, check: 'pending' }], comment: null });
    expect(errorCode(await emu.call('fulfil', 'submitSummary', input('org-cs-1', '越级代写'), GS))).toBe('FORBIDDEN');
    okData(await emu.call('fulfil', 'submitSummary', input('org-cs', '学院各支部均已完成承诺。'), GS));

    expect(
      errorCode(await emu.call('fulfil', 'commentSummary', { orgId: 'org-cs-1', roundKey: 'round-1', comment: '好' }, SECRETARY)),
    ).toBe('FORBIDDEN');
    const commented = okData(
      await emu.call<SummaryView>(
        'fulfil',
        'commentSummary',
        { orgId: 'org-cs-1', roundKey: 'round-1', comment: '成效明显，继续保持。' },
        GS,
      ),
    );
    expect(commented.comment).toMatchObject({ text: '成效明显，继续保持。' });

    const college = okData(await emu.call<SummariesView>('fulfil', 'summaries', { orgId: 'org-cs', roundKey: 'round-1' }, GS));
    expect(college).toMatchObject({ own: { text: '学院各支部均已完成承诺。' }, canSubmit: true, canComment: true });
    expect(college.children.map((c) => [c.orgId, c.comment?.text])).toEqual([['org-cs-1', '成效明显，继续保持。']]);
    const committee = okData(await emu.call<SummariesView>('fulfil', 'summaries', { orgId: 'org-committee', roundKey: 'round-1' }, ADMIN));
    expect(committee).toMatchObject({ own: null, canSubmit: false, canComment: true });
    expect(committee.children.map((c) => c.orgId)).toEqual(['org-cs']);
    expect(errorCode(await emu.call('fulfil', 'summaries', { orgId: 'org-cs-1', roundKey: 'round-1' }, MEMBER))).toBe('FORBIDDEN');
  });

  it('点评总结汇编: every org of the subtree in tree order with its summary and its parent’s comment, or 未提交', async () => {
    const res = await emu.call<CompiledSummaries>('fulfil', 'compiledSummaries', { orgId: 'org-committee', roundKey: 'round-1' }, ADMIN);
    const all = okData(res);
    console.log(`fulfil.compiledSummaries (committee): ${res.dbRequests} DB requests`);
    expect(all).toMatchObject({ orgName: expect.stringContaining('团委'), submitted: 2, total: 11 });
    expect(all.entries.slice(0, 4).map((e) => [e.orgId, e.level, Boolean(e.summary)])).toEqual([
      ['org-cs', 'general', true],
      ['org-cs-1', 'branch', true],
      ['org-cs-2', 'branch', false],
      ['org-cs-3', 'branch', false],
    ]);
    expect(all.entries[1]).toMatchObject({
      parentName: '计算机学院团总支',
      summary: { text: '本阶段开展志愿服务一次，团员全部签署承诺。', version: 1 },
      comment: { text: '成效明显，继续保持。' },
    });
    const college = okData(await emu.call<CompiledSummaries>('fulfil', 'compiledSummaries', { orgId: 'org-cs', roundKey: 'round-1' }, GS));
    expect(college.entries.map((e) => e.orgId)).toEqual(['org-cs', 'org-cs-1', 'org-cs-2', 'org-cs-3']);
    expect(errorCode(await emu.call('fulfil', 'compiledSummaries', { orgId: 'org-committee', roundKey: 'round-1' }, GS))).toBe('FORBIDDEN');
    expect(errorCode(await emu.call('fulfil', 'compiledSummaries', { orgId: 'org-cs', roundKey: 'round-1' }, SECRETARY))).toBe('FORBIDDEN');
    const branch = await emu.call('fulfil', 'compiledSummaries', { orgId: 'org-cs-1', roundKey: 'round-1' }, ADMIN);
    expect(branch.result).toMatchObject({ ok: false, code: 'INVALID_ARGUMENT' });
  });
});

describe('verdicts that arrive before the post is saved', () => {
  const SECRETARY_CS2_BRANCH = 'org-cs-2';
  const passed = png(10, 220, 220);
  const risky = png(220, 10, 220);
  const review = png(220, 220, 10);

  it('are parked by trace id and applied when the activity is written: pass shows, risky is deleted, review stays 审核中', async () => {
    await verdictFor(passed, 'pass', true);
    await verdictFor(risky, 'risky', true);
    await verdictFor(review, 'review', true);
    const folder = activityFolder(SECRETARY_CS2_BRANCH);
    const files = [await upload(folder, passed), await upload(folder, risky), await upload(folder, review)];
    const res = await emu.call<ActivityView>(
      'fulfil',
      'postActivity',
      post(SECRETARY_CS2_BRANCH, files, { attendeeIds: [] }),
      SECRETARY_CS2,
    );
    const activity = okData(res);
    console.log(`fulfil.postActivity (3 photos with early verdicts): ${res.dbRequests} DB requests`);
    // The verdicts were pushed (and parked) before the activity existed; the post applied them at once.
    const parked = (await env.db.collection('mediaVerdicts').limit(100).get()) as unknown as { data: { check: string }[] };
    expect(parked.data.map((v) => v.check).sort()).toEqual(['pass', 'rejected', 'review']);
    expect(activity.photos.map((p) => [p.fileID, p.check])).toEqual([
      [files[0], 'pass'],
      [files[2], 'review'],
    ]);
    expect(activity.removed).toEqual({ count: 1, reasons: ['涉及色情'] });
    expect(await exists(files[1])).toBe(false);

    // A member of the branch sees only the passed photo; the one in manual review stays with the author.
    const memberFeed = okData(await emu.call<FeedView>('fulfil', 'feed', { orgId: SECRETARY_CS2_BRANCH }, 'demo-2023010204'));
    const seen = memberFeed.items.find((a) => a.id === activity.id);
    expect(seen?.photos.map((p) => p.fileID)).toEqual([files[0]]);
    expect(seen?.removed).toBeNull();
    expect(JSON.stringify(memberFeed)).not.toContain(files[2]);

    // Nothing is applied twice when the clock moves on (the event was already delivered once).
    await emu.advanceClock(10_000);
    const again = okData(await emu.call<FeedView>('fulfil', 'feed', { orgId: SECRETARY_CS2_BRANCH }, SECRETARY_CS2));
    expect(again.items.find((a) => a.id === activity.id)?.photos.map((p) => p.check)).toEqual(['pass', 'review']);
    const audits = (await env.db.collection('audit').where({ action: 'mediaCheck', target: activity.id }).limit(100).get()) as {
      data: unknown[];
    };
    expect(audits.data).toHaveLength(3);
  });
});

describe('承诺–践诺 report as xlsx', () => {
  it('a private file with Chinese headers, neutralised text and Shanghai times, downloaded by its temp URL', async () => {
    // A comment that a spreadsheet would run as a formula.
    okData(await emu.call('fulfil', 'reviewOrg', { orgId: 'org-cs-1', roundKey: 'round-1', grade: 'good', comment: '=1+1 成效明显' }, GS));
    const res = await emu.call<FileLink>('fulfil', 'exportOrgReport', { orgId: 'org-cs-1', roundKey: 'round-1' }, SECRETARY);
    const link = okData(res);
    console.log(`fulfil.exportOrgReport (25-member branch): ${res.dbRequests} DB requests`);
    expect(link.fileName).toMatch(/^计科2301班团支部-承诺践诺报告-\d{4}-\d{2}-\d{2}\.xlsx$/);
    expect(link.fileID).toContain('/exports/fulfil/org-cs-1/');
    const bytes = Buffer.from(await (await fetch(link.url)).arrayBuffer());
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(bytes as unknown as ArrayBuffer);
    expect(book.worksheets.map((w) => w.name)).toEqual(['四好承诺', '团员践诺', '组织评诺']);
    const goods = book.getWorksheet('四好承诺');
    expect(goods?.getRow(1).values).toEqual([undefined, '承诺事项', '承诺内容', '践诺活动数', '践诺活动']);
    expect(goods?.getRow(2).getCell(4).value).toBe('缺少佐证'); // 组织建设好: no activity
    const people = book.getWorksheet('团员践诺');
    expect(people?.getRow(1).getCell(1).value).toBe('学号');
    expect(people?.rowCount).toBe(26);
    const review = book.getWorksheet('组织评诺')?.getRow(2);
    expect(review?.getCell(2).value).toBe("'=1+1 成效明显");
    expect(review?.getCell(2).formula).toBeUndefined();
    const at = String(review?.getCell(4).value);
    const shanghai = new Date(emu.now().getTime() + 8 * 3600_000).toISOString().slice(0, 10);
    expect(at).toMatch(new RegExp(`^${shanghai} \\d{2}:\\d{2}$`));
    expect(errorCode(await emu.call('fulfil', 'exportOrgReport', { orgId: 'org-cs-1', roundKey: 'round-1' }, MEMBER))).toBe('FORBIDDEN');
  });
});

describe('签到码: members scan the activity’s QR code to be recorded as attendees', () => {
  it('the secretary’s code (made once) records a member of the org once; others are refused', async () => {
    const posted = okData(await emu.call<ActivityView>('fulfil', 'postActivity', post('org-cs-1', [], { attendeeIds: [] }), SECRETARY));
    const res = await emu.call<AttendanceCode>('fulfil', 'attendanceCode', { activityId: posted.id }, SECRETARY);
    const code = okData(res);
    expect(code.scene).toMatch(/^a=[A-Za-z0-9_-]{12}$/);
    expect(code.scene.length).toBeLessThanOrEqual(32);
    expect(code.page).toBe('package-fulfil/attend/index');
    expect((await fetch(code.qr.url)).headers.get('content-type')).toContain('image/png');
    // The same code again (a second secretary, a reload): nothing new is made.
    expect(okData(await emu.call<AttendanceCode>('fulfil', 'attendanceCode', { activityId: posted.id }, GS)).scene).toBe(code.scene);
    expect(errorCode(await emu.call('fulfil', 'attendanceCode', { activityId: posted.id }, MEMBER))).toBe('FORBIDDEN');

    const first = okData(await emu.call<AttendResult>('fulfil', 'attend', { scene: code.scene }, MEMBER));
    expect(first).toMatchObject({ activityId: posted.id, title: '社区志愿服务', already: false });
    expect(okData(await emu.call<AttendResult>('fulfil', 'attend', { scene: code.scene }, MEMBER)).already).toBe(true);
    // Two members scanning at the same moment both land (an atomic append, not read-modify-write).
    await Promise.all(
      ['demo-2023010105', 'demo-2023010106'].map(async (o) => okData(await emu.call('fulfil', 'attend', { scene: code.scene }, o))),
    );
    const feed = okData(await emu.call<FeedView>('fulfil', 'feed', { orgId: 'org-cs-1' }, SECRETARY));
    expect(
      feed.items
        .find((a) => a.id === posted.id)
        ?.attendees.map((a) => a.id)
        .sort(),
    ).toEqual(['m-2023010104', 'm-2023010105', 'm-2023010106']);

    expect(errorCode(await emu.call('fulfil', 'attend', { scene: code.scene }, 'demo-2023010204'))).toBe('FORBIDDEN');
    expect(errorCode(await emu.call('fulfil', 'attend', { scene: 'a=AAAAAAAAAAAA' }, MEMBER))).toBe('NOT_FOUND');
    expect(errorCode(await emu.call('fulfil', 'attend', { scene: code.scene }, 'demo-visitor'))).toBe('NOT_BOUND');
  });
});

describe('thumbnails: made on the phone, checked like the photos, shown in the feed', () => {
  // Real PNG bytes: each photo (256 px) with its own thumbnail (48 px), every one of a different colour.
  const photoA = png(120, 60, 0, 256);
  const thumbA = png(120, 60, 0, 48);
  const photoB = png(0, 120, 60, 256);
  const thumbB = png(0, 120, 60, 48);
  const photoC = png(60, 0, 120, 256);
  const thumbC = png(60, 0, 120, 48);
  let activity: ActivityView;
  let photos: string[];
  let thumbs: string[];

  it('posts photos with their thumbnails (same DB requests); each thumbnail is sent to the image check with its own trace', async () => {
    await verdictFor(thumbB, 'risky');
    await verdictFor(photoC, 'risky');
    const folder = activityFolder('org-cs-1');
    const thumbFolder = activityThumbFolder('org-cs-1');
    photos = [await upload(folder, photoA), await upload(folder, photoB), await upload(folder, photoC)];
    thumbs = [await upload(thumbFolder, thumbA), await upload(thumbFolder, thumbB), await upload(thumbFolder, thumbC)];
    const res = await emu.call<ActivityView>('fulfil', 'postActivity', post('org-cs-1', photos, { thumbs }), SECRETARY);
    activity = okData(res);
    console.log(`fulfil.postActivity (3 photos + 3 thumbnails, 2 attendees): ${res.dbRequests} DB requests`);
    expect(res.dbRequests).toBeLessThanOrEqual(7);
    expect(activity.photos.map((p) => p.check)).toEqual(['pending', 'pending', 'pending']);
    expect(activity.photos.every((p) => p.thumbUrl.includes('/storage/fulfil/org-cs-1/activities/thumbs/'))).toBe(true);
    expect(activity.photos.every((p) => !p.url.includes('/thumbs/'))).toBe(true);
    const stored = (await env.db.collection('activities').where({ _id: activity.id }).get()) as unknown as {
      data: { photos: { traceId: string; thumb: { fileID: string; traceId: string; check: string } }[] }[];
    };
    const traces = stored.data[0].photos.flatMap((p) => [p.traceId, p.thumb.traceId]);
    expect(new Set(traces).size).toBe(6);
    expect(stored.data[0].photos.map((p) => p.thumb.fileID)).toEqual(thumbs);
  });

  it('a photo shows only when both passed: a risky thumbnail removes its photo, a risky photo its thumbnail; the feed lists thumbnails', async () => {
    await emu.advanceClock(10_000);
    const memberFeed = okData(await emu.call<FeedView>('fulfil', 'feed', { orgId: 'org-cs-1' }, MEMBER));
    const seen = memberFeed.items.find((a) => a.id === activity.id);
    expect(seen?.photos.map((p) => p.fileID)).toEqual([photos[0]]);
    const [a] = seen?.photos ?? [];
    expect(a.thumbUrl).toContain('/activities/thumbs/');
    expect(a.url).not.toBe(a.thumbUrl);
    // The list's thumbnail is the small file, the preview's URL the full one.
    expect((await fetch(a.thumbUrl).then((r) => r.arrayBuffer())).byteLength).toBe(thumbA.length);
    expect((await fetch(a.url).then((r) => r.arrayBuffer())).byteLength).toBe(photoA.length);
    for (const f of [...photos.slice(1), ...thumbs.slice(1)]) expect(JSON.stringify(memberFeed)).not.toContain(f);

    const forAuthor = okData(await emu.call<FeedView>('fulfil', 'feed', { orgId: 'org-cs-1' }, SECRETARY)).items.find(
      (x) => x.id === activity.id,
    );
    expect(forAuthor?.photos.map((p) => p.fileID)).toEqual([photos[0]]);
    expect(forAuthor?.removed).toEqual({ count: 2, reasons: ['涉及色情'] });
    for (const f of [photos[1], thumbs[1], photos[2], thumbs[2]]) expect(await exists(f)).toBe(false);
    expect(await exists(photos[0])).toBe(true);
    expect(await exists(thumbs[0])).toBe(true);

    // Older activities, posted without thumbnails (the other branch's, above), list their full photo.
    const older = okData(await emu.call<FeedView>('fulfil', 'feed', { orgId: 'org-cs-2' }, 'demo-2023010204')).items.flatMap(
      (x) => x.photos,
    );
    expect(older.length).toBeGreaterThan(0);
    expect(older.every((p) => p.thumbUrl === p.url)).toBe(true);
  });

  it('refuses thumbnails outside the org’s thumbnail folder, over 300 KB, not images, or not one per photo', async () => {
    const folder = activityFolder('org-cs-1');
    const thumbFolder = activityThumbFolder('org-cs-1');
    const photo = await upload(folder, png(7, 77, 177, 128));
    const inPhotoFolder = await upload(folder, png(7, 77, 177, 32));
    expect(
      (await emu.call('fulfil', 'postActivity', post('org-cs-1', [photo], { thumbs: [inPhotoFolder] }), SECRETARY)).result,
    ).toMatchObject({
      ok: false,
      code: 'INVALID_ARGUMENT',
      field: 'thumbs',
      message: '缩略图：第 1 张不是本组织上传的缩略图',
    });
    const big = await upload(thumbFolder, Buffer.concat([png(7, 77, 177, 32), Buffer.alloc(300 * 1024)]));
    expect((await emu.call('fulfil', 'postActivity', post('org-cs-1', [photo], { thumbs: [big] }), SECRETARY)).result).toMatchObject({
      ok: false,
      field: 'thumbs',
      message: '缩略图：第 1 张超过 300 KB',
    });
    const text = await upload(thumbFolder, Buffer.from('不是图片'));
    expect((await emu.call('fulfil', 'postActivity', post('org-cs-1', [photo], { thumbs: [text] }), SECRETARY)).result).toMatchObject({
      ok: false,
      field: 'thumbs',
      message: expect.stringContaining('不是图片'),
    });
    expect((await emu.call('fulfil', 'postActivity', post('org-cs-1', [photo], { thumbs: [] }), SECRETARY)).result).toMatchObject({
      ok: false,
      field: 'thumbs',
    });
    const feed = okData(await emu.call<FeedView>('fulfil', 'feed', { orgId: 'org-cs-1' }, SECRETARY));
    expect(JSON.stringify(feed)).not.toContain(photo);
  });
});

describe('a thumbnail verdict that arrives before the post is saved', () => {
  it('is parked and applied with the photo’s: a risky thumbnail removes the photo at once, the photo with a passed one shows', async () => {
    const photoD = png(90, 90, 0, 256);
    const thumbD = png(90, 90, 0, 48);
    const photoE = png(0, 90, 90, 256);
    const thumbE = png(0, 90, 90, 48);
    await verdictFor(thumbD, 'risky', true);
    await verdictFor(photoE, 'pass', true);
    await verdictFor(thumbE, 'pass', true);
    const photos = [await upload(activityFolder('org-cs-2'), photoD), await upload(activityFolder('org-cs-2'), photoE)];
    const thumbs = [await upload(activityThumbFolder('org-cs-2'), thumbD), await upload(activityThumbFolder('org-cs-2'), thumbE)];
    const res = await emu.call<ActivityView>(
      'fulfil',
      'postActivity',
      post('org-cs-2', photos, { attendeeIds: [], thumbs }),
      SECRETARY_CS2,
    );
    const activity = okData(res);
    expect(activity.photos.map((p) => [p.fileID, p.check])).toEqual([[photos[1], 'pass']]);
    expect(activity.photos[0].thumbUrl).toContain('/activities/thumbs/');
    expect(activity.removed).toEqual({ count: 1, reasons: ['涉及色情'] });
    expect(await exists(photos[0])).toBe(false);
    expect(await exists(thumbs[0])).toBe(false);
    const seen = okData(await emu.call<FeedView>('fulfil', 'feed', { orgId: 'org-cs-2' }, 'demo-2023010204')).items.find(
      (a) => a.id === activity.id,
    );
    expect(seen?.photos.map((p) => p.fileID)).toEqual([photos[1]]);
  });
});
