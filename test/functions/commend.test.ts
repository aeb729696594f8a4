/**
 * 评比表彰 and 先进典型 through the real router, wx-server-sdk, storage and openapi of the emulator with the
 * seeded demo: nominations branch → general branch → committee with quotas at each level, the timeline's
 * windows on the emulator clock (the test moves it; nothing sleeps), 公示 with objections that block issuing,
 * certificates with verification codes, stories with checked photos, and refusals that change nothing.
 */
import { PNG } from 'pngjs';
import type {
  CertificateView,
  CommendationView,
  CommendOverview,
  NominationDetail,
  NominationList,
  NominationView,
  NoticeView,
  ObjectionView,
  StoryFeed,
  StoryView,
  VerifyResult,
} from '../../types/commend';
import { storyFolder } from '../../types/commend';
import { TEMPLATES } from '../../types/notify';
import { addDays } from '../../types/time';
import { ADMIN, GS, LEADER, MEMBER, SECRETARY, errorCode, okData, seededEmulator } from '../support/emulator';
import { writeSignedPledge } from '../fixtures/campaign';

const env = seededEmulator();
const { emu } = env;

/** Secretary of 计科2302班 (org-cs-2) and a plain member of 计科2301班 besides MEMBER. */
const SECRETARY_CS2 = 'demo-2023010201';
const OTHER_MEMBER = 'demo-2023010105';
const shanghaiToday = () => new Date(emu.now().getTime() + 8 * 3600_000).toISOString().slice(0, 10);

let c: CommendationView;
let start: string;
const ids: Record<string, string> = {};

const nominate = (memberId: string, openid = SECRETARY, reason = '学习成绩优异，积极参加志愿服务。') =>
  emu.call<NominationView>('commend', 'nominateMember', { commendationId: c.id, awardKey: 'outstanding-member', memberId, reason }, openid);
const nominationCount = () => env.count('nominations', { commendationId: c.id });
const auditCount = () => env.count('audit', {});
const moveToDay = async (offset: number) => {
  const target = Date.parse(`${addDays(start, offset)}T02:00:00Z`); // 10:00 in Shanghai
  await emu.advanceClock(target - emu.now().getTime());
};

beforeAll(async () => {
  await writeSignedPledge(env.db, 'm-2023010104');
  start = shanghaiToday();
});

describe('the committee opens a commendation', () => {
  it('refuses a timeline whose windows are out of order, naming the field in Chinese', async () => {
    const res = await emu.call(
      'commend',
      'openCommendation',
      {
        orgId: 'org-committee',
        title: '年度五四评比表彰',
        roundKey: 'round-1',
        awards: [{ key: 'outstanding-member', name: '优秀共青团员', subject: 'member', quota: { perBranch: 2, perGeneral: 2, total: 1 } }],
        timeline: {
          nominate: { start: addDays(start, 5), end: addDays(start, 6) },
          forward: { start: addDays(start, 1), end: addDays(start, 2) },
          approve: { start: addDays(start, 7), end: addDays(start, 9) },
          noticeDays: 3,
        },
      },
      ADMIN,
    );
    expect(res.result).toMatchObject({ ok: false, code: 'INVALID_ARGUMENT', field: 'timeline.forward' });
    expect(await env.count('commendations')).toBe(0);
  });

  it('opens one with three awards (one beside the two of the seed), quotas per level and a timeline; a general secretary may not', async () => {
    const input = {
      orgId: 'org-committee',
      title: '年度五四评比表彰',
      roundKey: 'round-1',
      awards: [
        { key: 'red-flag-org', name: '五四红旗团组织', subject: 'org', quota: { perBranch: 0, perGeneral: 1, total: 2 } },
        { key: 'outstanding-member', name: '优秀共青团员', subject: 'member', quota: { perBranch: 2, perGeneral: 2, total: 1 } },
        // More awards may be added: one the seed does not name.
        { key: 'outstanding-cadre', name: '优秀共青团干部', subject: 'member', quota: { perBranch: 1, perGeneral: 1, total: 1 } },
      ],
      timeline: {
        nominate: { start: addDays(start, 1), end: addDays(start, 3) },
        forward: { start: addDays(start, 4), end: addDays(start, 6) },
        approve: { start: addDays(start, 7), end: addDays(start, 9) },
        noticeDays: 3,
      },
    };
    expect(errorCode(await emu.call('commend', 'openCommendation', { ...input, orgId: 'org-cs' }, GS))).toBe('FORBIDDEN');
    c = okData(await emu.call<CommendationView>('commend', 'openCommendation', input, ADMIN));
    expect(c).toMatchObject({ title: '年度五四评比表彰', notice: null, issued: false });
    const seen = okData(await emu.call<CommendOverview>('commend', 'overview', {}, MEMBER));
    expect(seen.commendation?.id).toBe(c.id);
    expect(seen.myAwards).toEqual([]);
  });
});

describe('nominations branch → general branch → committee, with quotas and windows on the clock', () => {
  it('before the nomination window opens, nominating is refused', async () => {
    const res = await nominate('m-2023010104');
    expect(res.result).toMatchObject({ ok: false, code: 'CONFLICT' });
    expect((res.result as { message: string }).message).toContain('推荐时间尚未开始');
    expect(await nominationCount()).toBe(0);
  });

  it('a branch nominates up to its quota; the same member twice and a third member are refused', async () => {
    await moveToDay(1);
    const first = await nominate('m-2023010104');
    const a = okData(first);
    console.log(`commend.nominateMember: ${first.dbRequests} DB requests`);
    expect(a).toMatchObject({ subjectName: expect.any(String), branchName: '计科2301班团支部', status: 'nominated' });
    expect(a.steps).toEqual([
      expect.objectContaining({ action: 'nominate', orgName: '计科2301班团支部', reason: '学习成绩优异，积极参加志愿服务。' }),
    ]);
    ids.a = a.id;
    ids.b = okData(await nominate('m-2023010105')).id;
    expect(errorCode(await nominate('m-2023010104'))).toBe('CONFLICT');
    const third = await nominate('m-2023010106');
    expect(third.result).toMatchObject({ ok: false, code: 'CONFLICT' });
    expect((third.result as { message: string }).message).toContain('名额已满（2 名）');
    ids.c = okData(await nominate('m-2023010204', SECRETARY_CS2)).id;
    expect(await nominationCount()).toBe(3);
  });

  it('refusals change nothing: another branch’s member, a plain member, content that fails the check', async () => {
    const before = [await nominationCount(), await auditCount(), await env.count('commendSlots')];
    expect(errorCode(await nominate('m-2023010205'))).toBe('FORBIDDEN');
    expect(errorCode(await nominate('m-2023010106', MEMBER))).toBe('FORBIDDEN');
    expect(errorCode(await nominate('m-2023010106', SECRETARY, '他组织同学参与赌博活动'))).toBe('CONTENT_REJECTED');
    const bad = await nominate('m-2023010106', SECRETARY, '好');
    expect(bad.result).toMatchObject({ ok: false, code: 'INVALID_ARGUMENT', field: 'reason' });
    expect((bad.result as { message: string }).message).toContain('推荐理由');
    expect([await nominationCount(), await auditCount(), await env.count('commendSlots')]).toEqual(before);
  });

  it('two nominations racing for the last seat of a branch: exactly one gets it', async () => {
    const results = await Promise.all([nominate('m-2023010205', SECRETARY_CS2), nominate('m-2023010206', SECRETARY_CS2)]);
    expect(results.map(errorCode).sort()).toEqual(['CONFLICT', 'OK']);
    expect(await env.count('commendSlots', { _id: env.db.RegExp({ regexp: `^${c.id}:outstanding-member:branch:org-cs-2:` }) })).toBe(2);
  });

  it('a general branch nominates a branch within its quota (1 per college)', async () => {
    const org = okData(
      await emu.call<NominationView>(
        'commend',
        'nominateOrg',
        { commendationId: c.id, awardKey: 'red-flag-org', orgId: 'org-cs-1', reason: '组织建设扎实，活动开展丰富。' },
        GS,
      ),
    );
    expect(org).toMatchObject({ subject: 'org', status: 'forwarded', subjectName: '计科2301班团支部' });
    ids.org = org.id;
    const second = await emu.call(
      'commend',
      'nominateOrg',
      { commendationId: c.id, awardKey: 'red-flag-org', orgId: 'org-cs-2', reason: '组织建设扎实，活动开展丰富。' },
      GS,
    );
    expect(errorCode(second)).toBe('CONFLICT');
    // A branch secretary cannot nominate branches, a general secretary cannot nominate another college's.
    expect(
      errorCode(
        await emu.call(
          'commend',
          'nominateOrg',
          { commendationId: c.id, awardKey: 'red-flag-org', orgId: 'org-cs-2', reason: '理由理由理由' },
          SECRETARY,
        ),
      ),
    ).toBe('FORBIDDEN');
    expect(
      errorCode(
        await emu.call(
          'commend',
          'nominateOrg',
          { commendationId: c.id, awardKey: 'red-flag-org', orgId: 'org-fl-1', reason: '理由理由理由' },
          GS,
        ),
      ),
    ).toBe('FORBIDDEN');
  });

  it('forwarding waits for its window; nominating closes with its own', async () => {
    expect(errorCode(await emu.call('commend', 'forward', { nominationId: ids.a, decision: 'forward', reason: '同意上报' }, GS))).toBe(
      'CONFLICT',
    );
    await moveToDay(4);
    expect(errorCode(await nominate('m-2023010106'))).toBe('DEADLINE_PASSED');
  });

  it('the general branch forwards up to its quota and declines with a reason; the branch sees who, when and why', async () => {
    const fwd = (nominationId: string, decision: 'forward' | 'decline', reason: string, openid = GS) =>
      emu.call<NominationView>('commend', 'forward', { nominationId, decision, reason }, openid);
    expect(errorCode(await fwd(ids.a, 'forward', '同意上报', SECRETARY))).toBe('FORBIDDEN');
    expect(okData(await fwd(ids.a, 'forward', '事迹突出，同意上报')).status).toBe('forwarded');
    expect(okData(await fwd(ids.c, 'forward', '事迹突出，同意上报')).status).toBe('forwarded');
    // The college forwarded its 2 (and its branch nomination holds the red-flag seat, a different award).
    const full = await fwd(ids.b, 'forward', '同意上报');
    expect((full.result as { message: string }).message).toContain('本团总支的“优秀共青团员”名额已满（2 名）');
    const declined = okData(await fwd(ids.b, 'decline', '学院名额有限，建议下次推荐'));
    expect(declined.status).toBe('declined');
    expect(declined.steps.map((s) => [s.action, s.orgName, s.reason])).toEqual([
      ['nominate', '计科2301班团支部', '学习成绩优异，积极参加志愿服务。'],
      ['decline', '计算机学院团总支', '学院名额有限，建议下次推荐'],
    ]);
    expect(errorCode(await fwd(ids.b, 'forward', '再次上报'))).toBe('CONFLICT');

    const branchView = okData(
      await emu.call<NominationList>('commend', 'nominations', { commendationId: c.id, orgId: 'org-cs-1' }, SECRETARY),
    );
    expect(branchView.items.map((n) => n.status).sort()).toEqual(['declined', 'forwarded', 'forwarded']);
    // The declined nomination gave its branch seat back: 1 of 2 used.
    expect(branchView.quotas).toEqual([
      { awardKey: 'outstanding-member', used: 1, quota: 2, level: 'branch' },
      { awardKey: 'outstanding-cadre', used: 0, quota: 1, level: 'branch' },
    ]);
    const college = okData(await emu.call<NominationList>('commend', 'nominations', { commendationId: c.id, orgId: 'org-cs' }, GS));
    expect(college.quotas).toEqual([
      { awardKey: 'red-flag-org', used: 1, quota: 1, level: 'general' },
      { awardKey: 'outstanding-member', used: 2, quota: 2, level: 'general' },
      { awardKey: 'outstanding-cadre', used: 0, quota: 1, level: 'general' },
    ]);
  });

  it('a nomination carries its evidence: the 四带头 pledge, check-ins, activities, review', async () => {
    const res = await emu.call<NominationDetail>('commend', 'nomination', { nominationId: ids.a }, GS);
    const detail = okData(res);
    console.log(`commend.nomination with evidence: ${res.dbRequests} DB requests`);
    expect(res.dbRequests).toBeLessThanOrEqual(8);
    expect(detail.evidence.kind).toBe('member');
    if (detail.evidence.kind !== 'member') return;
    expect(detail.evidence.signedAt).not.toBeNull();
    expect(detail.evidence.leads.find((l) => l.lead === 'morals')?.commitments).toEqual(['参加志愿服务二十小时']);
    const org = okData(await emu.call<NominationDetail>('commend', 'nomination', { nominationId: ids.org }, ADMIN));
    expect(org.evidence).toMatchObject({ kind: 'org', pledged: false, evaluation: null });
    expect(errorCode(await emu.call('commend', 'nomination', { nominationId: ids.a }, MEMBER))).toBe('FORBIDDEN');
  });

  it('the committee approves within its window and its total quota; every step is in the audit log', async () => {
    const decide = (nominationId: string, decision: 'approve' | 'decline', openid = ADMIN) =>
      emu.call<NominationView>(
        'commend',
        'decide',
        { nominationId, decision, reason: decision === 'approve' ? '审定通过' : '名额所限' },
        openid,
      );
    expect(errorCode(await decide(ids.a, 'approve'))).toBe('CONFLICT');
    await moveToDay(7);
    expect(errorCode(await decide(ids.a, 'approve', GS))).toBe('FORBIDDEN');
    expect(okData(await decide(ids.a, 'approve')).status).toBe('approved');
    expect(okData(await decide(ids.org, 'approve')).status).toBe('approved');
    const over = await decide(ids.c, 'approve');
    expect((over.result as { message: string }).message).toContain('校团委的“优秀共青团员”名额已满（1 名）');
    expect(okData(await decide(ids.c, 'decline')).status).toBe('declined');

    const trail = await env.find<{ action: string; actor: string; after: { reason: string } }>('audit', { target: ids.a });
    expect(trail.map((t) => [t.action, t.actor]).sort()).toEqual([
      ['commend.approve', ADMIN],
      ['commend.forward', GS],
      ['commend.nominate', SECRETARY],
    ]);
  });
});

describe('公示, objections and issuing', () => {
  let objectionOnOrg: string;
  let objectionOnMember: string;

  it('the committee publishes the approved names; everyone in the tree sees them', async () => {
    expect(errorCode(await emu.call('commend', 'publishNotice', { commendationId: c.id }, GS))).toBe('FORBIDDEN');
    const published = okData(await emu.call<NoticeView>('commend', 'publishNotice', { commendationId: c.id }, ADMIN));
    expect(published.notice).toEqual({ start: addDays(start, 7), end: addDays(start, 9) });
    expect(errorCode(await emu.call('commend', 'publishNotice', { commendationId: c.id }, ADMIN))).toBe('CONFLICT');
    // A member of another college, a general secretary and a leader (staff whose grants sit lower in the tree) alike.
    for (const reader of ['demo-2023030104', GS, LEADER]) {
      const seen = okData(await emu.call<NoticeView>('commend', 'notice', { commendationId: c.id }, reader));
      expect(seen).toMatchObject({ open: true, openObjections: null });
      expect(seen.items.map((n) => n.id).sort()).toEqual([ids.a, ids.org].sort());
    }
    expect(errorCode(await emu.call('commend', 'notice', { commendationId: c.id }, 'demo-visitor'))).toBe('NOT_BOUND');
    // After publication nothing moves up any more.
    expect(errorCode(await emu.call('commend', 'decide', { nominationId: ids.c, decision: 'approve', reason: '再审定' }, ADMIN))).toBe(
      'CONFLICT',
    );
  });

  it('anyone in the tree objects once per name; the text is checked; only the committee reads objections', async () => {
    const object = (nominationId: string, text: string, openid: string) =>
      emu.call('commend', 'raiseObjection', { nominationId, text }, openid);
    expect(errorCode(await object(ids.org, '该支部组织赌博活动，请核实', OTHER_MEMBER))).toBe('CONTENT_REJECTED');
    expect(okData(await object(ids.org, '该支部活动记录与实际不符，请核实。', OTHER_MEMBER))).toEqual({ received: true });
    expect(errorCode(await object(ids.org, '该支部活动记录与实际不符，请核实。', OTHER_MEMBER))).toBe('CONFLICT');
    expect(okData(await object(ids.a, '该同学志愿时长有待核实。', 'demo-2023030104'))).toEqual({ received: true });
    expect(errorCode(await object(ids.c, '该同学不在公示名单中吧？', OTHER_MEMBER))).toBe('CONFLICT');

    expect(errorCode(await emu.call('commend', 'objections', { commendationId: c.id }, GS))).toBe('FORBIDDEN');
    const list = okData(await emu.call<ObjectionView[]>('commend', 'objections', { commendationId: c.id }, ADMIN));
    expect(list).toHaveLength(2);
    objectionOnOrg = list.find((o) => o.nominationId === ids.org)?.id ?? '';
    objectionOnMember = list.find((o) => o.nominationId === ids.a)?.id ?? '';
    expect(JSON.stringify(okData(await emu.call('commend', 'notice', { commendationId: c.id }, MEMBER)))).not.toContain('有待核实');
  });

  it('an award cannot be issued before the 公示 ends, nor while an objection is open', async () => {
    expect(errorCode(await emu.call('commend', 'issueAwards', { commendationId: c.id }, ADMIN))).toBe('CONFLICT');
    await moveToDay(10);
    expect(errorCode(await emu.call('commend', 'raiseObjection', { nominationId: ids.a, text: '公示期后的异议内容' }, MEMBER))).toBe(
      'DEADLINE_PASSED',
    );
    const blocked = await emu.call('commend', 'issueAwards', { commendationId: c.id }, ADMIN);
    expect(blocked.result).toMatchObject({ ok: false, code: 'CONFLICT' });
    expect((blocked.result as { message: string }).message).toContain('还有 2 条异议未处理');
    expect(await env.count('awards')).toBe(0);
  });

  it('the committee resolves each: upheld revokes the name, dismissed keeps it; then the awards are issued and announced', async () => {
    const resolve = (objectionId: string, outcome: 'upheld' | 'dismissed') =>
      emu.call<ObjectionView>('commend', 'resolveObjection', { objectionId, outcome, reason: '经核实处理' }, ADMIN);
    expect(okData(await resolve(objectionOnOrg, 'upheld')).status).toBe('upheld');
    expect(errorCode(await resolve(objectionOnOrg, 'dismissed'))).toBe('CONFLICT');
    expect(errorCode(await emu.call('commend', 'issueAwards', { commendationId: c.id }, ADMIN))).toBe('CONFLICT');
    expect(okData(await resolve(objectionOnMember, 'dismissed')).status).toBe('dismissed');

    const notice = okData(await emu.call<NoticeView>('commend', 'notice', { commendationId: c.id }, ADMIN));
    expect(notice.items.find((n) => n.id === ids.org)?.status).toBe('revoked');
    expect(notice.openObjections).toBe(0);

    expect(okData(await emu.call('commend', 'issueAwards', { commendationId: c.id }, ADMIN))).toEqual({ issued: 1 });
    expect(errorCode(await emu.call('commend', 'issueAwards', { commendationId: c.id }, ADMIN))).toBe('CONFLICT');
    const [event] = await env.find<{ kind: string; audience: { memberIds: string[] } }>('notifyEvents', { kind: 'awardAnnounced' });
    expect(event.audience.memberIds).toEqual(['m-2023010104']);
  });

  it('the notify service sends the announcement to the winner who consented, opening the 公示 page', async () => {
    const subscribed = await fetch(`${emu.url}/api/_emulator/subscribe`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-strive-openid': MEMBER },
      body: JSON.stringify({ tmplIds: [TEMPLATES.result.localId] }),
    });
    expect(subscribed.status).toBe(200);
    okData(await emu.call('notify', 'recordConsent', { accepted: ['result'] }, MEMBER));
    // Quiet hours hold non-urgent reminders until 07:00 in Shanghai; the clock stands at 10:00 there.
    const run = (await (await fetch(`${emu.url}/api/_emulator/timers/notify/notifySender`, { method: 'POST' })).json()) as {
      result: { sent: number };
    };
    expect(run.result.sent).toBe(1);
    const messages = (await (await fetch(`${emu.url}/api/_emulator/inbox?touser=${MEMBER}`)).json()) as {
      messages: { page: string; data: Record<string, { value: string }> }[];
    };
    expect(messages.messages).toHaveLength(1);
    expect(messages.messages[0].page).toBe(`package-commend/notice/index?commendationId=${c.id}`);
    expect(messages.messages[0].data.thing1.value).toBe('年度五四评比表彰');
  });
});

describe('certificates and their verification codes', () => {
  let cert: CertificateView;

  it('the winner sees their award and its certificate, with a short code and a QR scene under 32 characters', async () => {
    const mine = okData(await emu.call<CommendOverview>('commend', 'overview', {}, MEMBER));
    expect(mine.myAwards).toHaveLength(1);
    cert = okData(await emu.call<CertificateView>('commend', 'certificate', { awardId: mine.myAwards[0].id }, MEMBER));
    expect(cert).toMatchObject({ awardName: '优秀共青团员', branchName: '计科2301班团支部', issuer: '校团委' });
    expect(cert.code).toMatch(/^[2-9A-HJKMNP-Z]{10}$/);
    expect(cert.scene).toBe(`c=${cert.code}`);
    expect(cert.scene.length).toBeLessThanOrEqual(32);
    expect(cert.qrUrl).toContain('/storage/commend-qr/');
    expect(errorCode(await emu.call('commend', 'certificate', { awardId: mine.myAwards[0].id }, OTHER_MEMBER))).toBe('FORBIDDEN');
    expect(okData(await emu.call<CertificateView>('commend', 'certificate', { awardId: mine.myAwards[0].id }, SECRETARY)).code).toBe(
      cert.code,
    );
  });

  it('a real code verifies without signing in; forged, mistyped and malformed codes do not', async () => {
    const verify = (code: string) => emu.call<VerifyResult>('commend', 'verify', { code });
    const real = okData(await verify(cert.code.toLowerCase()));
    expect(real).toMatchObject({ valid: true, issuer: '校团委', award: { code: cert.code, awardName: '优秀共青团员' } });
    const forged = cert.code.slice(0, 9) + (cert.code[9] === 'Z' ? 'Y' : 'Z');
    expect(okData(await verify(forged))).toEqual({ valid: false });
    expect(okData(await verify('O0O0O0O0O0'))).toEqual({ valid: false });
    expect(okData(await verify('short'))).toEqual({ valid: false });
  });
});

/** A real PNG of one colour. */
function png(r: number, g: number, b: number): Buffer {
  const img = new PNG({ width: 32, height: 32 });
  for (let i = 0; i < img.data.length; i += 4) img.data.set([r, g, b, 255], i);
  return PNG.sync.write(img);
}

describe('先进典型 stories', () => {
  let story: StoryView;

  it('a secretary publishes a story from an award in the branch, with a photo pending its check', async () => {
    const [award] = await env.find<{ _id: string }>('awards', {});
    const { fileID } = (await env.sdk.uploadFile({ cloudPath: `${storyFolder('org-cs-1')}s-1.png`, fileContent: png(9, 99, 199) })) as {
      fileID: string;
    };
    const payload = {
      orgId: 'org-cs-1',
      title: '志愿服务的带头人',
      body: '她三年累计志愿服务三百小时，带动全班同学参加社区服务。',
      photos: [fileID],
      source: { kind: 'award', id: award._id },
    };
    expect(errorCode(await emu.call('commend', 'publishStory', payload, MEMBER))).toBe('FORBIDDEN');
    expect(errorCode(await emu.call('commend', 'publishStory', { ...payload, orgId: 'org-cs-2' }, SECRETARY))).toBe('FORBIDDEN');
    expect(errorCode(await emu.call('commend', 'publishStory', { ...payload, orgId: 'org-cs-2', photos: [] }, SECRETARY_CS2))).toBe(
      'INVALID_ARGUMENT',
    );
    story = okData(await emu.call<StoryView>('commend', 'publishStory', payload, SECRETARY));
    expect(story.source).toMatchObject({ kind: 'award', label: expect.stringContaining('优秀共青团员') });
    expect(story.photos.map((p) => p.check)).toEqual(['pending']);
  });

  it('everyone in the tree reads the feed; the photo shows to others once its check passed', async () => {
    const before = okData(await emu.call<StoryFeed>('commend', 'stories', {}, 'demo-2023030104'));
    expect(before.items.map((s) => s.id)).toEqual([story.id]);
    expect(before.items[0].photos).toEqual([]);
    await emu.advanceClock(10_000);
    const after = okData(await emu.call<StoryFeed>('commend', 'stories', {}, 'demo-2023030104'));
    expect(after.items[0].photos.map((p) => p.check)).toEqual(['pass']);
    expect(errorCode(await emu.call('commend', 'stories', {}))).toBe('UNAUTHENTICATED');
  });

  it('a secretary of another branch cannot take the story down; its own secretary archives it off the feed', async () => {
    expect(errorCode(await emu.call('commend', 'archiveStory', { storyId: story.id }, SECRETARY_CS2))).toBe('FORBIDDEN');
    expect(errorCode(await emu.call('commend', 'archiveStory', { storyId: story.id }, MEMBER))).toBe('FORBIDDEN');
    expect(okData(await emu.call('commend', 'archiveStory', { storyId: story.id }, SECRETARY))).toEqual({ archived: true });
    expect(okData(await emu.call<StoryFeed>('commend', 'stories', {}, MEMBER)).items).toEqual([]);
    expect(await env.count('stories', { _id: story.id, archived: true })).toBe(1);
  });
});
