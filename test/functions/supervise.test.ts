/**
 * 督促检查 through the real router, wx-server-sdk, storage and timer of the emulator with the seeded demo: a leader's
 * contact points in one call, inspections with findings, spot-check draws re-checked by the standalone script
 * (scripts/verify-draw.mjs), rectifications answered and accepted, and escalation by moving the emulator clock.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import type { ContactPointsView, DrawView, InspectionView, RectificationView } from '../../types/supervise';
import { rectificationFolder } from '../../types/supervise';
import { ADMIN, DAY_MS, GS, LEADER, MEMBER, SECRETARY, errorCode, okData, root, seededEmulator } from '../support/emulator';
import { writeSignedPledge } from '../fixtures/campaign';

const env = seededEmulator({ timers: true });
const { emu } = env;
beforeAll(() => writeSignedPledge(env.db, 'm-2023010104'));

const today = () => new Date(emu.now().getTime() + 8 * 3600_000).toISOString().slice(0, 10);
const inspection = (orgId: string, deadline: string | null, extra: Record<string, unknown> = {}) => ({
  orgId,
  kind: 'regular',
  date: today(),
  place: '团支部活动室',
  summary: '查阅支部台账，与团员座谈。',
  findings: [
    { text: '团员四带头承诺签名不全', deadline },
    { text: '活动照片归档及时', deadline: null },
  ],
  drawId: null,
  ...extra,
});

describe('the leader’s contact points', () => {
  it('shows each contact point’s progress in one call of at most 6 database requests', async () => {
    const res = await emu.call<ContactPointsView>('supervise', 'contactPoints', {}, LEADER);
    const view = okData(res);
    expect(view.roundKey).toBe('round-1');
    expect(view.points.map((p) => p.orgId)).toEqual(['org-cs-1', 'org-em-2']);
    const cs1 = view.points[0];
    expect(cs1).toMatchObject({ name: expect.stringContaining('计科2301'), level: 'branch', signedCount: 1, evaluation: null });
    expect(cs1.memberCount).toBeGreaterThan(10);
    expect(res.dbRequests).toBeLessThanOrEqual(6);
  });

  it('is for leaders: a secretary is refused', async () => {
    expect(errorCode(await emu.call('supervise', 'contactPoints', {}, SECRETARY))).toBe('FORBIDDEN');
  });
});

describe('inspections', () => {
  it('records findings, one with a rectification for the branch secretary, and shows it on the contact point', async () => {
    const view = okData(await emu.call<InspectionView>('supervise', 'recordInspection', inspection('org-cs-1', today()), LEADER));
    expect(view.findings[0].rectificationId).toBe(`${view.id}-1`);
    expect(view.findings[1].rectificationId).toBeNull();
    const list = okData(
      await emu.call<RectificationView[]>('supervise', 'rectifications', { orgId: 'org-cs-1', filter: 'open' }, SECRETARY),
    );
    expect(list.find((r) => r.id === `${view.id}-1`)).toMatchObject({
      status: 'open',
      canAnswer: true,
      responsibleName: expect.any(String),
    });
    const points = okData(await emu.call<ContactPointsView>('supervise', 'contactPoints', {}, LEADER)).points;
    expect(points[0]).toMatchObject({ openRectifications: 1, lastInspection: { kind: 'regular', date: today() } });
  });

  it('refusals change nothing: a past deadline, a secretary inspecting, a leader outside their contact points', async () => {
    const before = await env.count('inspections');
    const yesterday = new Date(emu.now().getTime() + 8 * 3600_000 - DAY_MS).toISOString().slice(0, 10);
    const past = await emu.call('supervise', 'recordInspection', inspection('org-cs-1', yesterday), LEADER);
    expect(past.result).toMatchObject({ ok: false, code: 'INVALID_ARGUMENT', field: 'findings' });
    expect(errorCode(await emu.call('supervise', 'recordInspection', inspection('org-cs-1', null), SECRETARY))).toBe('FORBIDDEN');
    expect(errorCode(await emu.call('supervise', 'recordInspection', inspection('org-fl-1', null), LEADER))).toBe('FORBIDDEN');
    expect(errorCode(await emu.call('supervise', 'recordInspection', inspection('org-cs-1', null), MEMBER))).toBe('FORBIDDEN');
    expect(await env.count('inspections')).toBe(before);
    expect(await env.count('rectifications', { inspectionId: env.db.command.neq('') })).toBe(1);
  });
});

describe('random spot checks anyone can re-check', () => {
  let frozen: DrawView;

  it('freezes the candidate list and publishes its hash before any seed', async () => {
    frozen = okData(
      await emu.call<DrawView>(
        'supervise',
        'createDraw',
        { scopeOrgId: 'org-cs', population: 'members', size: 5, title: '计算机学院团员抽查' },
        GS,
      ),
    );
    expect(frozen).toMatchObject({ status: 'frozen', seed: null, sample: [], size: 5 });
    // The published list is the file in storage, and its hash is the SHA-256 of its bytes.
    const file = (await env.sdk.downloadFile({
      fileID: (await env.find<{ listFileID: string }>('draws', { _id: frozen.id }))[0].listFileID,
    })) as {
      fileContent: Buffer;
    };
    expect(createHash('sha256').update(file.fileContent).digest('hex')).toBe(frozen.listHash);
    expect(file.fileContent.toString('utf8').split('\n').length - 1).toBe(frozen.count);
    // Anyone bound sees the same page before the draw: the hash, no seed, no sample.
    const seen = okData(await emu.call<DrawView>('supervise', 'verifyDraw', { drawId: frozen.id }, MEMBER));
    expect(seen).toMatchObject({ listHash: frozen.listHash, seed: null, sample: [], status: 'frozen' });
    expect(seen.listPreview.length).toBeGreaterThan(0);
    // Outside the draw's scope the list stays closed (a member's id carries the student number).
    expect(errorCode(await emu.call('supervise', 'verifyDraw', { drawId: frozen.id }, 'demo-2023030104'))).toBe('FORBIDDEN');
  });

  it('refuses a bad seed or size and changes nothing', async () => {
    const bad = await emu.call('supervise', 'draw', { drawId: frozen.id, seed: '3:5' }, GS);
    expect(bad.result).toMatchObject({ ok: false, code: 'INVALID_ARGUMENT', field: 'seed' });
    expect(errorCode(await emu.call('supervise', 'draw', { drawId: frozen.id, seed: '1 2 3' }, SECRETARY))).toBe('FORBIDDEN');
    expect(errorCode(await emu.call('supervise', 'draw', { drawId: frozen.id, seed: '1 2 3' }, LEADER))).toBe('FORBIDDEN');
    const draws = await env.count('draws');
    const tooMany = await emu.call(
      'supervise',
      'createDraw',
      { scopeOrgId: 'org-cs-1', population: 'members', size: 200, title: '过大' },
      LEADER,
    );
    expect(tooMany.result).toMatchObject({ ok: false, code: 'INVALID_ARGUMENT', field: 'size' });
    expect(await env.count('draws')).toBe(draws);
    expect((await env.find<{ status: string }>('draws', { _id: frozen.id }))[0].status).toBe('frozen');
  });

  it('draws once with the public seed, and the standalone script recomputes the same sample from the list and seed', async () => {
    const seed = '6 2 5 1 3 4';
    const drawn = okData(await emu.call<DrawView>('supervise', 'draw', { drawId: frozen.id, seed }, GS));
    expect(drawn).toMatchObject({ status: 'drawn', seed, listHash: frozen.listHash });
    expect(drawn.sample).toHaveLength(5);

    // What anyone does: download the published list, run the documented script with the published seed and hash.
    const view = okData(await emu.call<DrawView>('supervise', 'verifyDraw', { drawId: frozen.id }, MEMBER));
    const list = Buffer.from(await (await fetch(view.listUrl)).arrayBuffer());
    const dir = mkdtempSync(join(tmpdir(), 'verify-draw-'));
    try {
      writeFileSync(join(dir, 'list.txt'), list);
      const out = execFileSync(
        'node',
        [join(root, 'scripts', 'verify-draw.mjs'), join(dir, 'list.txt'), view.seed ?? '', String(view.size), view.listHash],
        {
          encoding: 'utf8',
        },
      );
      const ids = out
        .split('\n')
        .filter((l) => /^\d+\t/.test(l))
        .map((l) => l.split('\t')[1]);
      const stored = (await env.find<{ sample: string[] }>('draws', { _id: frozen.id }))[0].sample;
      expect(ids).toEqual(stored);
      expect(view.sample.map((s) => s.id)).toEqual(stored);
      // Who was sampled is for the inspectors: a member re-checks the ids, never the names or student numbers.
      const names = new Set((await env.find<{ _id: string; name: string }>('members', { _id: { $in: stored } })).map((m) => m.name));
      expect(view.sample.some((s) => [...names].some((n) => s.label.includes(n)))).toBe(false);
      expect(drawn.sample.every((s) => [...names].some((n) => s.label.includes(n)))).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('never draws again: a second seed is refused and the sample stays', async () => {
    const before = (await env.find<{ sample: string[]; seed: string }>('draws', { _id: frozen.id }))[0];
    const again = await emu.call('supervise', 'draw', { drawId: frozen.id, seed: '1 1 1 1 1 1' }, ADMIN);
    expect(again.result).toMatchObject({ ok: false, code: 'CONFLICT' });
    const after = (await env.find<{ sample: string[]; seed: string }>('draws', { _id: frozen.id }))[0];
    expect(after).toEqual(before);
  });

  it('the hash was stored (and shown) before the seed was accepted', async () => {
    const [stored] = await env.find<{ frozenAt: Date; drawnAt: Date; listHash: string }>('draws', { _id: frozen.id });
    expect(stored.listHash).toBe(frozen.listHash);
    expect(new Date(stored.frozenAt).getTime()).toBeLessThan(new Date(stored.drawnAt).getTime());
  });

  it('of two racing draws exactly one wins, and the stored seed is the winner’s', async () => {
    const fresh = okData(
      await emu.call<DrawView>('supervise', 'createDraw', { scopeOrgId: 'org-cs', population: 'orgs', size: 2, title: '支部抽查' }, GS),
    );
    const seeds = ['1 1 1', '2 2 2'];
    const results = await Promise.all(seeds.map((seed) => emu.call<DrawView>('supervise', 'draw', { drawId: fresh.id, seed }, GS)));
    const codes = results.map(errorCode).sort();
    expect(codes).toEqual(['CONFLICT', 'OK']);
    const winner = seeds[results.findIndex((r) => r.result?.ok)];
    const [stored] = await env.find<{ seed: string; sample: string[] }>('draws', { _id: fresh.id });
    expect(stored.seed).toBe(winner);
    expect(await env.count('audit', { _id: `draw:${fresh.id}` })).toBe(1);
  });

  it('the script refuses a list that does not match the published hash', () => {
    const dir = mkdtempSync(join(tmpdir(), 'verify-draw-'));
    try {
      writeFileSync(join(dir, 'list.txt'), 'm-1\nm-2\n');
      expect(() =>
        execFileSync('node', [join(root, 'scripts', 'verify-draw.mjs'), join(dir, 'list.txt'), '1', '1', frozen.listHash], {
          stdio: 'pipe',
        }),
      ).toThrow();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('rectification: answer, send back, accept', () => {
  let id: string;
  beforeAll(async () => {
    const view = okData(await emu.call<InspectionView>('supervise', 'recordInspection', inspection('org-cs-1', today()), LEADER));
    id = view.findings[0].rectificationId as string;
  });

  function png(): Buffer {
    const img = new PNG({ width: 16, height: 16 });
    for (let i = 0; i < img.data.length; i += 4) img.data.set([200, 30, 30, 255], i);
    return PNG.sync.write(img);
  }

  it('only the branch secretary answers; the inspector sends it back, then accepts; nothing changes after', async () => {
    const answer = { rectificationId: id, text: '已组织补签，全部团员完成签名。', photos: [] as string[] };
    expect(errorCode(await emu.call('supervise', 'answerRectification', answer, GS))).toBe('FORBIDDEN');
    expect(errorCode(await emu.call('supervise', 'answerRectification', answer, MEMBER))).toBe('FORBIDDEN');
    expect(
      errorCode(await emu.call('supervise', 'reviewRectification', { rectificationId: id, decision: 'accept', comment: '' }, LEADER)),
    ).toBe('CONFLICT');
    const { fileID } = (await env.sdk.uploadFile({
      cloudPath: `${rectificationFolder('org-cs-1')}evidence-1.png`,
      fileContent: png(),
    })) as { fileID: string };
    const answered = okData(
      await emu.call<RectificationView>('supervise', 'answerRectification', { ...answer, photos: [fileID] }, SECRETARY),
    );
    expect(answered).toMatchObject({ status: 'answered', canAnswer: false });
    expect(answered.answer?.photos).toHaveLength(1);

    const returned = okData(
      await emu.call<RectificationView>(
        'supervise',
        'reviewRectification',
        { rectificationId: id, decision: 'return', comment: '请补充签名表照片' },
        LEADER,
      ),
    );
    expect(returned.status).toBe('returned');
    okData(await emu.call('supervise', 'answerRectification', { ...answer, text: '补充了签名表照片' }, SECRETARY));
    const accepted = okData(
      await emu.call<RectificationView>(
        'supervise',
        'reviewRectification',
        { rectificationId: id, decision: 'accept', comment: '整改到位' },
        LEADER,
      ),
    );
    expect(accepted.status).toBe('accepted');
    expect(accepted.history.map((h) => h.kind)).toEqual(['answer', 'return', 'answer', 'accept']);
    const stored = await env.find('rectifications', { _id: id });
    expect(errorCode(await emu.call('supervise', 'answerRectification', answer, SECRETARY))).toBe('CONFLICT');
    expect(await env.find('rectifications', { _id: id })).toEqual(stored);
  });
});

describe("rectification photos take the image check's verdict (fulfil's wxa_media_check handler)", () => {
  /** A solid PNG of this colour: its bytes (hence its sha256) pick the emulator's verdict. */
  function solid(r: number, g: number, b: number): Buffer {
    const img = new PNG({ width: 24, height: 24 });
    for (let i = 0; i < img.data.length; i += 4) img.data.set([r, g, b, 255], i);
    return PNG.sync.write(img);
  }
  async function verdictFor(bytes: Buffer, suggest: 'pass' | 'risky', early = false): Promise<void> {
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const res = await fetch(`${emu.url}/api/_emulator/media-check/rules`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ sha256, suggest, early }),
    });
    expect(res.status).toBe(200);
  }
  async function upload(bytes: Buffer, name: string): Promise<string> {
    const res = (await env.sdk.uploadFile({ cloudPath: `${rectificationFolder('org-cs-1')}${name}`, fileContent: bytes })) as {
      fileID: string;
    };
    return res.fileID;
  }
  async function exists(fileID: string): Promise<boolean> {
    try {
      await env.sdk.downloadFile({ fileID });
      return true;
    } catch {
      return false;
    }
  }
  const stored = async (id: string) =>
    (await env.find<{ answer: { photos: { fileID: string; check: string }[] } }>('rectifications', { _id: id }))[0].answer.photos;

  it('the delayed verdicts: 审核中 until then; a passed photo becomes 通过, a risky one is deleted and no longer shown', async () => {
    const view = okData(await emu.call<InspectionView>('supervise', 'recordInspection', inspection('org-cs-1', today()), LEADER));
    const id = view.findings[0].rectificationId as string;
    const [good, bad] = [solid(12, 120, 60), solid(130, 10, 140)];
    await verdictFor(good, 'pass');
    await verdictFor(bad, 'risky');
    const files = [await upload(good, 'media-pass.png'), await upload(bad, 'media-risky.png')];
    const answered = okData(
      await emu.call<RectificationView>(
        'supervise',
        'answerRectification',
        { rectificationId: id, text: '已整改，附照片。', photos: files },
        SECRETARY,
      ),
    );
    expect(answered.answer?.photos.map((p) => p.check)).toEqual(['pending', 'pending']);
    // Until the verdicts, both stay 审核中 (the inspector sees them so marked).
    const before = okData(await emu.call<RectificationView>('supervise', 'rectification', { rectificationId: id }, LEADER));
    expect(before.answer?.photos.map((p) => p.check)).toEqual(['pending', 'pending']);

    await emu.advanceClock(10_000);
    expect((await stored(id)).map((p) => p.check)).toEqual(['pass', 'rejected']);
    const after = okData(await emu.call<RectificationView>('supervise', 'rectification', { rectificationId: id }, LEADER));
    expect(after.answer?.photos.map((p) => [p.fileID, p.check])).toEqual([[files[0], 'pass']]);
    expect(await exists(files[1])).toBe(false);
    const audits = await env.find('audit', { action: 'mediaCheck', target: id });
    expect(audits).toHaveLength(2);
  });

  it('a verdict that beats the answer is parked and applied by the answer itself', async () => {
    const view = okData(await emu.call<InspectionView>('supervise', 'recordInspection', inspection('org-cs-1', today()), LEADER));
    const id = view.findings[0].rectificationId as string;
    const [good, bad] = [solid(14, 122, 62), solid(132, 12, 142)];
    await verdictFor(good, 'pass', true);
    await verdictFor(bad, 'risky', true);
    const files = [await upload(good, 'early-pass.png'), await upload(bad, 'early-risky.png')];
    const answered = okData(
      await emu.call<RectificationView>(
        'supervise',
        'answerRectification',
        { rectificationId: id, text: '已整改，附照片。', photos: files },
        SECRETARY,
      ),
    );
    expect(answered.answer?.photos.map((p) => [p.fileID, p.check])).toEqual([[files[0], 'pass']]);
    expect((await stored(id)).map((p) => p.check)).toEqual(['pass', 'rejected']);
    expect(await exists(files[1])).toBe(false);
  });
});

describe('escalation by the clock', () => {
  it('reminds the day before, and escalates an overdue rectification to the college, listed for the leader and the committee', async () => {
    const tomorrow = new Date(emu.now().getTime() + 8 * 3600_000 + DAY_MS).toISOString().slice(0, 10);
    const view = okData(await emu.call<InspectionView>('supervise', 'recordInspection', inspection('org-cs-1', tomorrow), LEADER));
    const id = view.findings[0].rectificationId as string;

    // An hour on: the timer runs and the responsible secretary gets a 整改即将到期 reminder (recorded once).
    await emu.advanceClock(3600_000);
    expect(await env.find('notifyEvents', { _id: `rectificationDue:${id}:${tomorrow}` })).toHaveLength(1);
    expect((await env.find<{ escalatedTo: string | null }>('rectifications', { _id: id }))[0].escalatedTo).toBeNull();

    // Past the deadline: escalated to 计算机学院团总支, with reminders for the secretary and the college.
    await emu.advanceClock(2 * DAY_MS);
    expect((await env.find<{ escalatedTo: string | null }>('rectifications', { _id: id }))[0].escalatedTo).toBe('org-cs');
    expect(await env.find('notifyEvents', { _id: `rectificationOverdue:${id}` })).toHaveLength(1);
    expect(await env.find('notifyEvents', { _id: `rectificationOverdue:${id}:up` })).toHaveLength(1);

    const committee = okData(
      await emu.call<RectificationView[]>('supervise', 'rectifications', { orgId: 'org-committee', filter: 'overdue' }, ADMIN),
    );
    expect(committee.find((r) => r.id === id)).toMatchObject({ overdue: true, escalated: true });
    const college = okData(await emu.call<RectificationView[]>('supervise', 'rectifications', { orgId: 'org-cs', filter: 'overdue' }, GS));
    expect(college.map((r) => r.id)).toContain(id);
    const points = okData(await emu.call<ContactPointsView>('supervise', 'contactPoints', {}, LEADER)).points;
    expect(points[0].overdue.map((r) => r.id)).toContain(id);
    await emu.setClockOffset(0);
  });
});
