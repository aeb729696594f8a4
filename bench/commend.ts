/**
 * What 评比表彰 costs in database requests, counted by the emulator through the real SDK: opening a
 * commendation, a branch's nomination of a member, opening that nomination with its evidence (the member's
 * 四带头 pledge, 20 check-ins, 8 activities attended, the secretary's review; goal ≤ 8), the college's list
 * and the 公示. `npx tsx bench/commend.ts` prints the table; bench/run.ts adds the same rows to its own.
 * Needs `npm run build:functions` first. Nothing is asserted.
 */
import { rmSync } from 'node:fs';
import type { Activity, CheckIn, Review } from '../types/fulfil';
import { FOUR_LEADS } from '../types/models';
import { addDays, shanghaiDay } from '../types/time';
import { seededEmulator } from './support';

type Db = ReturnType<typeof import('wx-server-sdk').database>;
/** bench/run.ts's measure: calls an action, keeps its DB requests under the label, answers the data. */
export type Measure = (label: string, fn: string, action: string, payload: unknown, openid: string) => Promise<unknown>;

const MEMBER = 'm-2023010104';
const PATH = ['org-committee', 'org-cs', 'org-cs-1'];

async function put(db: Db, collection: string, docs: { _id: string }[]): Promise<void> {
  for (const { _id, ...rest } of docs) await db.collection(collection).doc(_id).set({ data: rest });
}

/** The member's records that a nomination's evidence reads: a signed pledge, check-ins, activities, a review. */
async function writeEvidence(db: Db): Promise<void> {
  const day = shanghaiDay(new Date());
  const items = Object.fromEntries(FOUR_LEADS.map((l) => [l, ['一条具体的承诺']]));
  await put(db, 'memberPledges', [
    {
      _id: `campaign-demo:round-1:${MEMBER}`,
      campaignId: 'campaign-demo',
      roundKey: 'round-1',
      branchId: 'org-cs-1',
      memberId: MEMBER,
      name: '团员',
      isCadre: false,
      items,
      signature: { kind: 'name', name: '团员' },
      signedAt: new Date(),
    } as { _id: string },
  ]);
  const checkIns: CheckIn[] = Array.from({ length: 20 }, (_, i) => ({
    _id: `bench-commend-c-${i}`,
    campaignId: 'campaign-demo',
    roundKey: 'round-1',
    memberId: MEMBER,
    branchId: 'org-cs-1',
    orgPath: PATH,
    lead: FOUR_LEADS[i % 4],
    text: '践诺',
    date: day,
    activityId: null,
    activityTitle: null,
    photos: [],
    postedBy: 'demo-2023010104',
    at: new Date(),
  }));
  await put(db, 'checkIns', checkIns);
  const activities: Activity[] = Array.from({ length: 8 }, (_, i) => ({
    _id: `bench-commend-a-${i}`,
    campaignId: 'campaign-demo',
    roundKey: 'round-1',
    orgId: 'org-cs-1',
    orgPath: PATH,
    orgName: '计科2301班团支部',
    title: `志愿活动 ${i}`,
    date: day,
    place: '社区',
    body: '基准',
    goods: ['activities'],
    leads: ['morals'],
    attendees: [{ id: MEMBER, name: '团员' }],
    photos: [],
    archived: false,
    postedBy: 'demo-2023010101',
    postedByName: '书记',
    postedAt: new Date(),
  }));
  await put(db, 'activities', activities);
  const review: Review = {
    _id: `campaign-demo:round-1:${MEMBER}`,
    campaignId: 'campaign-demo',
    roundKey: 'round-1',
    subject: 'member',
    subjectId: MEMBER,
    scopeId: 'org-cs-1',
    grade: 'excellent',
    comment: '表现突出',
    version: 1,
    history: [],
    by: 'demo-2023010101',
    byName: '书记',
    at: new Date(),
  };
  await put(db, 'reviews', [review]);
}

/** Measures the commendation actions on the seeded demo with `measure` (bench/run.ts's, or the one below). */
export async function measureCommend(measure: Measure, db: Db): Promise<void> {
  await writeEvidence(db);
  const today = shanghaiDay(new Date());
  const c = (await measure(
    'commend.openCommendation (2 awards)',
    'commend',
    'openCommendation',
    {
      orgId: 'org-committee',
      title: '基准表彰',
      roundKey: 'round-1',
      awards: [
        { key: 'red-flag-org', name: '五四红旗团组织', subject: 'org', quota: { perBranch: 0, perGeneral: 1, total: 5 } },
        { key: 'outstanding-member', name: '优秀共青团员', subject: 'member', quota: { perBranch: 3, perGeneral: 5, total: 20 } },
      ],
      timeline: {
        nominate: { start: today, end: addDays(today, 3) },
        forward: { start: addDays(today, 4), end: addDays(today, 6) },
        approve: { start: addDays(today, 7), end: addDays(today, 9) },
        noticeDays: 5,
      },
    },
    'demo-admin',
  )) as { id: string };
  const n = (await measure(
    'commend.nominateMember (branch secretary)',
    'commend',
    'nominateMember',
    { commendationId: c.id, awardKey: 'outstanding-member', memberId: MEMBER, reason: '志愿服务时长全院第一，学习成绩优秀。' },
    'demo-2023010101',
  )) as { id: string };
  await measure(
    'commend.nomination with evidence (pledge, 20 check-ins, 8 activities, review)',
    'commend',
    'nomination',
    { nominationId: n.id },
    'demo-general-cs',
  );
  await measure(
    'commend.nominations (college list with quotas)',
    'commend',
    'nominations',
    { commendationId: c.id, orgId: 'org-cs' },
    'demo-general-cs',
  );
  await measure('commend.overview (member)', 'commend', 'overview', {}, 'demo-2023010104');
  await measure('commend.notice (member, before publication)', 'commend', 'notice', { commendationId: c.id }, 'demo-2023010104');
}

async function main(): Promise<void> {
  const { dir, emulator, db } = await seededEmulator();
  const rows: [string, number][] = [];
  const measure: Measure = async (label, fn, action, payload, openid) => {
    const res = await fetch(`${emulator.url}/api/functions/${fn}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-strive-openid': openid },
      body: JSON.stringify({ action, payload }),
    });
    const body = (await res.json()) as { result?: { ok: boolean; data?: unknown } };
    if (!body.result?.ok) throw new Error(`${label}: ${JSON.stringify(body)}`);
    rows.push([label, Number(res.headers.get('x-emulator-db-requests'))]);
    return body.result.data;
  };
  await measureCommend(measure, db);
  await emulator.close();
  rmSync(dir, { recursive: true, force: true });
  console.log(['| commend action (demo university) | DB requests |', '|---|---:|', ...rows.map(([l, n]) => `| ${l} | ${n} |`)].join('\n'));
}

if (require.main === module) {
  main().catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
}
