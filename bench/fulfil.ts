/**
 * `npx tsx bench/fulfil.ts`: what 践诺 and 评诺 cost, counted by the emulator through the real SDK —
 * database requests, getTempFileURL calls and mediaCheckAsync calls of
 *  1. posting an activity with 9 photos and their 9 thumbnails (after the uploads),
 *  2. the first page of a feed of 1,000 activities (9 photos each, with thumbnails), as a member and as the secretary,
 *  3. the 承诺–践诺 report of a 60-member branch (all signed, 2 check-ins each, 20 activities, all reviewed).
 * Needs `npm run build:functions` first. Prints a table (database requests by kind); nothing is asserted.
 *
 * postActivity's floor: the router reads the caller (members + roles) and the org, the handler the
 * campaign and the attendees, writes the activity once (it is its own creation record) and then reads the
 * image-check verdicts that beat the write (media-check.ts). 7 with attendees, 6 without.
 */
import { rmSync } from 'node:fs';
import { PNG } from 'pngjs';
import type { Activity, CheckIn, Review } from '../types/fulfil';
import { FOUR_LEADS, type Member, type MemberPledge, type Org } from '../types/models';
import { seededEmulator } from './support';

function photo(seed: number, width = 400, height = 300): Buffer {
  const img = new PNG({ width, height });
  let x = seed * 2654435761;
  for (let i = 0; i < img.data.length; i += 4) {
    x = (x * 1103515245 + 12345) >>> 0;
    img.data.set([x & 0xff, (x >> 8) & 0xff, (x >> 16) & 0xff, 255], i);
  }
  return PNG.sync.write(img);
}

async function main(): Promise<void> {
  const { dir, emulator, cloud, db } = await seededEmulator();
  const put = async (collection: string, docs: { _id: string }[]) => {
    for (let i = 0; i < docs.length; i += 20) {
      await Promise.all(docs.slice(i, i + 20).map(({ _id, ...rest }) => db.collection(collection).doc(_id).set({ data: rest })));
    }
  };

  const rows: [string, string][] = [];
  const measure = async (label: string, fn: string, action: string, payload: unknown, openid: string) => {
    const before = emulator.stats.snapshot().adminRequests.byAction;
    const res = await fetch(`${emulator.url}/api/functions/${fn}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-strive-openid': openid },
      body: JSON.stringify({ action, payload }),
    });
    const body = (await res.json()) as { result?: { ok: boolean } };
    if (!body.result?.ok) throw new Error(`${label}: ${JSON.stringify(body)}`);
    const after = emulator.stats.snapshot().adminRequests.byAction;
    const delta = (a: string) => (after[a] ?? 0) - (before[a] ?? 0);
    const dbRequests = Number(res.headers.get('x-emulator-db-requests'));
    const kinds = Object.keys(after)
      .filter((a) => a.startsWith('database.') && delta(a) > 0)
      .map((a) => `${a.slice('database.'.length)} ${delta(a)}`)
      .join(', ');
    rows.push([
      label,
      `${dbRequests} DB (${kinds}) + ${delta('storage.batchGetDownloadUrl')} getTempFileURL + ${delta('wx.openApi')} openapi calls`,
    ]);
    return body.result;
  };

  // 1. Post with 9 photos and their thumbnails, uploaded first as the app does.
  const fileIDs: string[] = [];
  const thumbIDs: string[] = [];
  let bytes = 0;
  for (let i = 0; i < 9; i++) {
    const content = photo(i + 1);
    bytes += content.length;
    const res = (await cloud.uploadFile({ cloudPath: `fulfil/org-cs-1/activities/bench-${i}.png`, fileContent: content })) as {
      fileID: string;
    };
    fileIDs.push(res.fileID);
    const thumb = (await cloud.uploadFile({
      cloudPath: `fulfil/org-cs-1/activities/thumbs/bench-${i}.png`,
      fileContent: photo(i + 101, 120, 90),
    })) as { fileID: string };
    thumbIDs.push(thumb.fileID);
  }
  const day = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
  await measure(
    `postActivity, 9 photos (${(bytes / 9 / 1024).toFixed(0)} KB each) + 9 thumbnails, 5 attendees`,
    'fulfil',
    'postActivity',
    {
      orgId: 'org-cs-1',
      roundKey: 'round-1',
      title: '基准活动',
      date: day,
      place: '教学楼',
      body: '基准测试',
      goods: ['activities'],
      leads: ['morals'],
      attendeeIds: ['m-2023010104', 'm-2023010105', 'm-2023010106', 'm-2023010107', 'm-2023010108'],
      photos: fileIDs,
      thumbs: thumbIDs,
    },
    'demo-2023010101',
  );

  // 2. A feed of 1,000 activities of the branch, 9 passed photos each.
  const base = Date.now() - 1000 * 60_000;
  const activities: Activity[] = Array.from({ length: 1000 }, (_, i) => ({
    _id: `bench-a-${String(i).padStart(4, '0')}`,
    campaignId: 'campaign-demo',
    roundKey: 'round-1',
    orgId: 'org-cs-1',
    orgPath: ['org-committee', 'org-cs', 'org-cs-1'],
    orgName: '计科2301班团支部',
    title: `活动 ${i}`,
    date: day,
    place: '校内',
    body: '基准',
    goods: ['activities'],
    leads: ['morals'],
    attendees: [],
    photos: Array.from({ length: 9 }, (_, k) => ({
      fileID: `cloud://local.6c6f-local-1300000000/fulfil/org-cs-1/activities/a${i}-${k}.jpg`,
      traceId: `t-${i}-${k}`,
      check: 'pass' as const,
      thumb: {
        fileID: `cloud://local.6c6f-local-1300000000/fulfil/org-cs-1/activities/thumbs/a${i}-${k}.jpg`,
        traceId: `u-${i}-${k}`,
        check: 'pass' as const,
      },
    })),
    archived: false,
    postedBy: 'demo-2023010101',
    postedByName: '书记',
    postedAt: new Date(base + i * 60_000),
  }));
  await put('activities', activities);
  await measure(
    'feed, first page of 1,000 activities (10 × 9 photos + thumbnails), member',
    'fulfil',
    'feed',
    { orgId: 'org-cs-1' },
    'demo-2023010104',
  );
  await measure('feed, first page, branch secretary', 'fulfil', 'feed', { orgId: 'org-cs-1' }, 'demo-2023010101');

  // 3. A 60-member branch: all signed, 2 check-ins each, 20 activities, every member and the branch reviewed.
  const branchId = 'org-cs-bench';
  const branch: Org = {
    _id: branchId,
    name: '基准2301班团支部',
    level: 'branch',
    parentId: 'org-cs',
    ancestors: ['org-committee', 'org-cs'],
    archived: false,
    order: 9,
  };
  await put('orgs', [branch]);
  const path = ['org-committee', 'org-cs', branchId];
  const members: Member[] = Array.from({ length: 60 }, (_, i) => ({
    _id: `m-2099${String(i).padStart(6, '0')}`,
    studentNo: `2099${String(i).padStart(6, '0')}`,
    name: `成员${i}`,
    branchId,
    groupId: null,
    orgPath: path,
    isLeagueMember: true,
    isCadre: i < 3,
    post: i < 3 ? '团支书' : null,
    openid: null,
  }));
  await put('members', members);
  const items = Object.fromEntries(FOUR_LEADS.map((l) => [l, ['一条具体的承诺']])) as MemberPledge['items'];
  await put(
    'memberPledges',
    members.map((m) => ({
      _id: `campaign-demo:round-1:${m._id}`,
      campaignId: 'campaign-demo',
      roundKey: 'round-1',
      branchId,
      memberId: m._id,
      name: m.name,
      isCadre: m.isCadre,
      items,
      signature: { kind: 'name', name: m.name },
      signedAt: new Date(),
    })),
  );
  const checkIns: CheckIn[] = members.flatMap((m, i) =>
    [0, 1].map((k) => ({
      _id: `bench-c-${i}-${k}`,
      campaignId: 'campaign-demo',
      roundKey: 'round-1',
      memberId: m._id,
      branchId,
      orgPath: path,
      lead: FOUR_LEADS[(i + k) % 4],
      text: '打卡',
      date: day,
      photos: [],
      activityId: null,
      activityTitle: null,
      postedBy: '',
      at: new Date(),
    })),
  );
  await put('checkIns', checkIns);
  await put(
    'activities',
    Array.from({ length: 20 }, (_, i) => ({
      ...activities[i],
      _id: `bench-b-${i}`,
      orgId: branchId,
      orgPath: path,
      attendees: members.slice(0, 30).map((m) => ({ id: m._id, name: m.name })),
    })),
  );
  const reviewOf = (subjectId: string, subject: Review['subject'], scopeId: string): Review => ({
    _id: `campaign-demo:round-1:${subjectId}`,
    campaignId: 'campaign-demo',
    roundKey: 'round-1',
    subject,
    subjectId,
    scopeId,
    grade: 'good',
    comment: '良好',
    version: 1,
    history: [],
    by: '',
    byName: '书记',
    at: new Date(),
  });
  await put('reviews', [...members.map((m) => reviewOf(m._id, 'member', branchId)), reviewOf(branchId, 'org', 'org-cs')]);
  await measure(
    'orgReport, 60-member branch (120 check-ins, 20 activities)',
    'fulfil',
    'orgReport',
    { orgId: branchId, roundKey: 'round-1' },
    'demo-general-cs',
  );
  await measure(
    'memberReport, one member of it',
    'fulfil',
    'memberReport',
    { memberId: members[0]._id, roundKey: 'round-1' },
    'demo-general-cs',
  );

  await emulator.close();
  rmSync(dir, { recursive: true, force: true });
  console.log('| fulfil action | requests |\n|---|---|');
  for (const [label, value] of rows) console.log(`| ${label} | ${value} |`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
