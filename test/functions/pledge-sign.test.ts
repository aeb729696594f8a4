/** pledge: the branch's QR code, scanning, signing the 四带头 pledge, and the signing sheet, through the real SDK. */
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import type { Campaign, FourLead, Member, MemberPledge } from '../../types/models';
import type { SessionView, SheetView, SignPageView } from '../../types/pledge';
import { SIGN_PAGE } from '../../types/pledge';
import { seededEmulator, type CallResult, okData, errorCode, SECRETARY } from '../support/emulator';

const env = seededEmulator();
const { emu, find, count } = env;

const BRANCH = 'org-cs-1';
const ROUND = 'round-1';
const CAMPAIGN = 'campaign-demo';
const CADRES = ['demo-2023010101', 'demo-2023010102', 'demo-2023010103'];
const OTHER_BRANCH = 'demo-2023010201';

const message = (res: CallResult) => (res.result && !res.result.ok ? res.result.message : '');
const field = (res: CallResult) => (res.result && !res.result.ok ? res.result.field : undefined);

const cadreItems = (): Record<FourLead, string[]> => ({
  conviction: ['每周参加一次理论学习并撰写心得体会', '每月向党组织汇报一次思想动态'],
  study: ['本学期所有课程成绩保持在八十五分以上', '每周帮助两名同学解答专业课问题'],
  results: ['带领团支部争创五四红旗团支部称号', '组织一次面向全院的专业技能竞赛'],
  morals: ['每月参加不少于四小时的志愿服务活动', '带头践行光盘行动与垃圾分类要求'],
});
const memberItems = (): Record<FourLead, string[]> => ({
  conviction: ['坚定理想信念'],
  study: ['按时上课认真学习'],
  results: ['争取获得奖学金'],
  morals: ['参加志愿服务'],
});

/** A drawn signature: a few dark strokes on a transparent canvas, as the app's signature pad exports. */
function drawnPng(strokes = 3, width = 300, height = 120): Buffer {
  const png = new PNG({ width, height });
  png.data.fill(0);
  const dot = (x: number, y: number) => {
    for (let dx = -1; dx <= 1; dx++)
      for (let dy = -1; dy <= 1; dy++) {
        const px = Math.round(x) + dx;
        const py = Math.round(y) + dy;
        if (px < 0 || py < 0 || px >= width || py >= height) continue;
        const i = (py * width + px) * 4;
        png.data[i] = 20;
        png.data[i + 1] = 20;
        png.data[i + 2] = 30;
        png.data[i + 3] = 255;
      }
  };
  for (let s = 0; s < strokes; s++) {
    for (let t = 0; t <= 200; t++) {
      const x = 20 + s * 80 + t * 0.3;
      const y = 60 + Math.sin(t / 15 + s) * 35;
      dot(x, y);
    }
  }
  return PNG.sync.write(png);
}

function blankPng(): Buffer {
  const png = new PNG({ width: 300, height: 120 });
  png.data.fill(255); // opaque white: a pad nobody drew on
  return PNG.sync.write(png);
}

let uploads = 0;
async function upload(memberId: string, content: Buffer, name = 'sig.png', round = ROUND): Promise<string> {
  uploads += 1;
  const res = await env.sdk.uploadFile({
    cloudPath: `pledge-signatures/${CAMPAIGN}/${round}/${memberId}/${Date.now()}-${uploads}-${name}`,
    fileContent: content,
  });
  return res.fileID;
}

const openSession = (openid = SECRETARY, payload: object = { branchId: BRANCH, roundKey: ROUND }) =>
  emu.call<SessionView>('pledge', 'openSession', payload, openid);
const scan = (scene: string, openid: string) => emu.call<SignPageView>('pledge', 'scan', { scene }, openid);
const sign = (scene: string, openid: string, items: Record<FourLead, string[]>, signature: object) =>
  emu.call<{ signedAt: string; replaced: boolean }>('pledge', 'sign', { scene, items, signature }, openid);
const sheet = (openid = SECRETARY) => emu.call<SheetView>('pledge', 'sheet', { branchId: BRANCH, roundKey: ROUND }, openid);

async function nameOf(memberId: string): Promise<string> {
  return (await find<Member>('members', { _id: memberId }))[0].name;
}

/** The scene of the session open now (opened by the secretary if none). */
async function currentScene(): Promise<string> {
  return okData(await openSession()).scene;
}

describe('pledge: the QR journey', () => {
  it('opens a session whose QR code decodes to the sign page and scene; a cadre scans, signs with a drawing, and the sheet shows it', async () => {
    const opened = await openSession();
    const session = okData(opened);
    expect(session).toMatchObject({ branchId: BRANCH, branchName: '计科2301班团支部', roundKey: ROUND, status: 'open', page: SIGN_PAGE });
    expect(session.key).toMatch(/^[A-Za-z0-9]{12}$/);
    expect(session.scene).toBe(`k=${session.key}`);
    expect(session.qr.fileID).toContain(`pledge-qr/${session.id}.png`);
    console.log(`pledge.openSession database requests (new session): ${opened.dbRequests}`);

    // Opening again returns the same open session (same key, same QR).
    expect(okData(await openSession()).key).toBe(session.key);

    // The QR image: fetch, decode, read the page and scene from the link.
    const img = await fetch(session.qr.url);
    expect(img.status).toBe(200);
    const png = PNG.sync.read(Buffer.from(await img.arrayBuffer()));
    const code = jsQR(new Uint8ClampedArray(png.data), png.width, png.height);
    expect(code).not.toBeNull();
    const link = new URL(code!.data);
    const [page, query] = link.hash.replace(/^#\//, '').split('?');
    expect(page).toBe(SIGN_PAGE);
    const scene = new URLSearchParams(query).get('scene')!;
    expect(scene).toBe(session.scene);

    // A cadre (the secretary herself) scans.
    const view = okData(await scan(scene, CADRES[0]));
    expect(view).toMatchObject({
      branchId: BRANCH,
      roundKey: ROUND,
      isCadre: true,
      rule: { itemsPerLead: 2, minLength: 10 },
      cadresPending: 3,
      mine: null,
    });
    expect(view.theme).toContain('建党90周年');

    const fileID = await upload('m-2023010101', drawnPng());
    const signed = await sign(scene, CADRES[0], cadreItems(), { kind: 'image', fileID });
    expect(okData(signed)).toMatchObject({ replaced: false });
    console.log(`pledge.sign database requests (cadre, image): ${signed.dbRequests}`);
    expect(signed.dbRequests).toBeLessThanOrEqual(6);

    const after = okData(await scan(scene, CADRES[0]));
    expect(after.cadresPending).toBe(2);
    expect(after.mine?.items).toEqual(cadreItems());
    expect(after.mine?.signatureUrl).toEqual(expect.any(String));

    const s = okData(await sheet());
    expect(s).toMatchObject({ branchId: BRANCH, total: 25, signedCount: 1 });
    expect(s.rows.slice(0, 3).map((r) => r.isCadre)).toEqual([true, true, true]);
    const row = s.rows.find((r) => r.memberId === 'm-2023010101')!;
    expect(row.signature?.kind).toBe('image');
    const sigUrl = row.signature && row.signature.kind === 'image' ? row.signature.url : '';
    const sigRes = await fetch(sigUrl);
    expect(sigRes.status).toBe(200);
    expect(Buffer.from(await sigRes.arrayBuffer()).equals(drawnPng())).toBe(true);

    // Audit: opening was recorded against the session.
    expect(await count('audit', { action: 'pledge.openSession', target: session.id })).toBe(1);
  });

  it('lets only secretaries of the branch (and above) open a session, branches only, rounds that exist', async () => {
    expect(errorCode(await openSession('demo-2023010102'))).toBe('FORBIDDEN'); // a cadre, not the secretary
    expect(errorCode(await openSession(OTHER_BRANCH))).toBe('FORBIDDEN');
    expect(errorCode(await openSession('demo-visitor'))).toBe('NOT_BOUND');
    expect(errorCode(await openSession(SECRETARY, { branchId: BRANCH, roundKey: 'round-9' }))).toBe('NOT_FOUND');
    expect(errorCode(await openSession('demo-admin', { branchId: 'org-cs', roundKey: ROUND }))).toBe('INVALID_ARGUMENT');
    expect(errorCode(await openSession(SECRETARY, { branchId: BRANCH, roundKey: ROUND, extra: 1 }))).toBe('INVALID_ARGUMENT');
    expect(okData(await openSession('demo-admin')).branchId).toBe(BRANCH);
    // Five concurrent opens of a fresh branch settle on one open session.
    const other = { branchId: 'org-cs-2', roundKey: ROUND };
    const opened = await Promise.all(Array.from({ length: 5 }, () => openSession(OTHER_BRANCH, other)));
    expect(new Set(opened.map((o) => okData(o).key)).size).toBe(1);
    expect(await count('signSessions', { branchId: 'org-cs-2', roundKey: ROUND, status: 'open' })).toBe(1);
    expect(errorCode(await scan(okData(opened[0]).scene, OTHER_BRANCH))).toBe('OK');
  });
});

describe('pledge: dead and foreign codes each have their own answer', () => {
  it('tampered, malformed, rotated, closed, other branch, unbound visitor', async () => {
    const first = okData(await openSession());
    const tampered = first.key.slice(0, -1) + (first.key.endsWith('a') ? 'b' : 'a');
    const t = await scan(`k=${tampered}`, 'demo-2023010104');
    expect([errorCode(t), message(t)]).toEqual(['NOT_FOUND', '二维码无效']);
    for (const bad of ['', 'k=short', `x=${first.key}`, `k=${first.key}&x=1`, '../../etc', `k=${first.key.slice(0, 11)}!`]) {
      const r = await scan(bad, 'demo-2023010104');
      expect([bad, errorCode(r), message(r)]).toEqual([bad, 'NOT_FOUND', '二维码无效']);
    }

    // Rotating kills the old key.
    const rotated = await emu.call<SessionView>('pledge', 'rotateSession', { sessionId: first.id }, SECRETARY);
    const second = okData(rotated);
    expect(second.key).not.toBe(first.key);
    expect(second.id).not.toBe(first.id);
    const old = await scan(first.scene, 'demo-2023010104');
    expect([errorCode(old), message(old)]).toEqual(['CONFLICT', '该二维码已失效，请向团支部书记索取最新二维码']);
    expect(errorCode(await sign(first.scene, 'demo-2023010104', memberItems(), { kind: 'name', name: await nameOf('m-2023010104') }))).toBe(
      'CONFLICT',
    );
    expect(errorCode(await emu.call('pledge', 'rotateSession', { sessionId: first.id }, SECRETARY))).toBe('CONFLICT');
    expect(okData(await scan(second.scene, 'demo-2023010104')).isCadre).toBe(false);
    // Another branch's secretary cannot rotate or close it.
    expect(errorCode(await emu.call('pledge', 'rotateSession', { sessionId: second.id }, OTHER_BRANCH))).toBe('FORBIDDEN');
    expect(errorCode(await emu.call('pledge', 'closeSession', { sessionId: second.id }, OTHER_BRANCH))).toBe('FORBIDDEN');

    // Closing kills it too; opening again gives a new key.
    expect(okData(await emu.call('pledge', 'closeSession', { sessionId: second.id }, SECRETARY))).toEqual({ closed: true });
    expect(errorCode(await scan(second.scene, 'demo-2023010104'))).toBe('CONFLICT');
    const third = okData(await openSession());
    expect([first.key, second.key]).not.toContain(third.key);
    expect(await count('signSessions', { branchId: BRANCH, roundKey: ROUND, status: 'open' })).toBe(1);
    expect(await count('audit', { action: 'pledge.rotateSession', target: first.id })).toBe(1);
    expect(await count('audit', { action: 'pledge.closeSession', target: second.id })).toBe(1);

    const foreign = await scan(third.scene, OTHER_BRANCH);
    expect([errorCode(foreign), message(foreign)]).toEqual(['FORBIDDEN', '你不是该团支部的团员']);
    expect(errorCode(await sign(third.scene, OTHER_BRANCH, memberItems(), { kind: 'name', name: '某某' }))).toBe('FORBIDDEN');
    expect(errorCode(await scan(third.scene, 'demo-visitor'))).toBe('NOT_BOUND');
    expect(errorCode(await sign(third.scene, 'demo-visitor', memberItems(), { kind: 'name', name: '某某' }))).toBe('NOT_BOUND');
    expect(errorCode(await scan(third.scene, ''))).toBe('UNAUTHENTICATED');
    // A staff account (admin) is not a member of the branch: not sent to binding.
    expect(errorCode(await scan(third.scene, 'demo-admin'))).toBe('FORBIDDEN');
  });
});

describe('pledge: cadres first, and to a higher standard', () => {
  it('refuses a member before the cadres, a cadre with a member-level pledge, then lets the member sign', async () => {
    const scene = await currentScene();
    const m04 = { kind: 'name', name: await nameOf('m-2023010104') };
    const early = await sign(scene, 'demo-2023010104', memberItems(), m04);
    expect([errorCode(early), message(early)]).toEqual(['CONFLICT', '请等待本支部团干部先签署承诺']);
    expect(okData(await scan(scene, 'demo-2023010104')).cadresPending).toBe(2);

    const weak = await sign(scene, CADRES[1], memberItems(), { kind: 'name', name: await nameOf('m-2023010102') });
    expect(errorCode(weak)).toBe('INVALID_ARGUMENT');
    expect(message(weak)).toContain('带头坚定信念');
    expect(field(weak)).toBe('items.conviction');
    const oneShort = { ...cadreItems(), morals: ['每月参加不少于四小时的志愿服务活动'] };
    const short = await sign(scene, CADRES[1], oneShort, { kind: 'name', name: await nameOf('m-2023010102') });
    expect([errorCode(short), field(short)]).toEqual(['INVALID_ARGUMENT', 'items.morals']);
    expect(message(short)).toContain('带头弘扬新风');

    // A name signature must be the member's roster name.
    expect(field(await sign(scene, CADRES[1], cadreItems(), { kind: 'name', name: '张冒名' }))).toBe('signature.name');

    for (const [openid, id] of [
      [CADRES[1], 'm-2023010102'],
      [CADRES[2], 'm-2023010103'],
    ]) {
      expect(okData(await sign(scene, openid, cadreItems(), { kind: 'name', name: await nameOf(id) })).replaced).toBe(false);
    }
    const ok = await sign(scene, 'demo-2023010104', memberItems(), m04);
    expect(okData(ok).replaced).toBe(false);
    console.log(`pledge.sign database requests (member, name signature): ${ok.dbRequests}`);
    expect(ok.dbRequests).toBeLessThanOrEqual(6);
    expect(okData(await scan(scene, 'demo-2023010104')).cadresPending).toBe(0);
  });

  it('re-signing replaces the pledge: replaced true, still one document', async () => {
    const scene = await currentScene();
    const items = { ...memberItems(), study: ['每天自习两个小时'] };
    const again = await sign(scene, 'demo-2023010104', items, { kind: 'name', name: await nameOf('m-2023010104') });
    expect(okData(again).replaced).toBe(true);
    const stored = await find<MemberPledge>('memberPledges', { memberId: 'm-2023010104' });
    expect(stored).toHaveLength(1);
    expect(stored[0]._id).toBe(`${CAMPAIGN}:${ROUND}:m-2023010104`);
    expect(stored[0].items.study).toEqual(['每天自习两个小时']);
  });

  it('100 concurrent signatures of one member make exactly one pledge', async () => {
    const scene = await currentScene();
    const name = await nameOf('m-2023010105');
    const answers = await Promise.all(
      Array.from({ length: 100 }, () => sign(scene, 'demo-2023010105', memberItems(), { kind: 'name', name })),
    );
    expect(answers.map(errorCode)).toEqual(Array(100).fill('OK'));
    expect(answers.filter((a) => okData(a).replaced === false)).toHaveLength(1);
    expect(await count('memberPledges', { memberId: 'm-2023010105' })).toBe(1);
  });
});

describe('pledge: refused signatures store nothing', () => {
  it("blank, oversized, wrong type, outside the member's folder, missing file, blocked word", async () => {
    const scene = await currentScene();
    const who = 'demo-2023010106';
    const me = 'm-2023010106';
    const signWith = async (fileID: string, items = memberItems()) => sign(scene, who, items, { kind: 'image', fileID });

    const blank = await signWith(await upload(me, blankPng()));
    expect([errorCode(blank), message(blank)]).toEqual(['INVALID_ARGUMENT', '签名为空，请重新签名']);
    // A transparent canvas with a single dot is blank too.
    const dot = await signWith(await upload(me, drawnPng(0)));
    expect(message(dot)).toBe('签名为空，请重新签名');

    const big = Buffer.concat([drawnPng(), Buffer.alloc(210 * 1024, 7)]);
    const oversized = await signWith(await upload(me, big));
    expect([errorCode(oversized), message(oversized)]).toEqual(['INVALID_ARGUMENT', '签名图片过大（最大 200 KB）']);

    const text = await signWith(await upload(me, Buffer.from('这不是图片，只是一段文字'), 'sig.txt'));
    expect([errorCode(text), message(text)]).toEqual(['INVALID_ARGUMENT', '签名图片格式不正确（仅支持 PNG 或 JPEG）']);

    // Someone else's signature, a previous round's folder, a crafted path: all outside the folder.
    const others = await upload('m-2023010104', drawnPng());
    expect(errorCode(await signWith(others))).toBe('INVALID_ARGUMENT');
    expect(errorCode(await signWith(await upload(me, drawnPng(), 'sig.png', 'round-2')))).toBe('INVALID_ARGUMENT');
    const prefix = others.slice(0, others.indexOf('pledge-signatures/'));
    expect(errorCode(await signWith(`${prefix}pledge-signatures/${CAMPAIGN}/${ROUND}/${me}/../m-2023010104/x.png`))).toBe(
      'INVALID_ARGUMENT',
    );
    expect(errorCode(await signWith(`${prefix}pledge-signatures/${CAMPAIGN}/${ROUND}/${me}/missing.png`))).toBe('NOT_FOUND');

    const good = await upload(me, drawnPng());
    const risky = await signWith(good, { ...memberItems(), morals: ['传播违禁词内容'] });
    expect(errorCode(risky)).toBe('CONTENT_REJECTED');
    const long = await signWith(good, { ...memberItems(), study: ['学'.repeat(201)] });
    expect([errorCode(long), field(long)]).toEqual(['INVALID_ARGUMENT', 'items.study.0']);
    expect(
      errorCode(await sign(scene, who, { ...memberItems(), extra: ['x'] } as Record<FourLead, string[]>, { kind: 'image', fileID: good })),
    ).toBe('INVALID_ARGUMENT');
    expect(errorCode(await sign(scene, who, memberItems(), { kind: 'image', fileID: good, name: 'x' }))).toBe('INVALID_ARGUMENT');

    expect(await count('memberPledges', { memberId: me })).toBe(0);

    // The same member with a real drawing succeeds (JPEG too, by magic bytes).
    const jpeg = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(100, 1)]);
    expect(okData(await signWith(await upload(me, jpeg, 'sig.jpg'))).replaced).toBe(false);
    expect(okData(await signWith(good)).replaced).toBe(true);
    expect(await count('memberPledges', { memberId: me })).toBe(1);
  });
});

describe('pledge: the sheet of a 60-member branch', () => {
  it('joins every member with their pledge, cadres first, signature URLs in batches of 50', async () => {
    const scene = await currentScene();
    // 35 more members in org-cs-1, bound, and the unbound 07..25 bound too: 60 members, all signing.
    const [template] = await find<Member>('members', { _id: 'm-2023010110' });
    for (let i = 1; i <= 35; i++) {
      const studentNo = `20230199${String(i).padStart(2, '0')}`;
      const m: Omit<Member, '_id'> = { ...template, studentNo, name: `新同学${i}`, isCadre: false, post: null, openid: `wx-extra-${i}` };
      delete (m as Partial<Member>)._id;
      await env.db.collection('members').doc(`m-${studentNo}`).set({ data: m });
    }
    for (let i = 7; i <= 25; i++) {
      const studentNo = `20230101${String(i).padStart(2, '0')}`;
      await env.db
        .collection('members')
        .doc(`m-${studentNo}`)
        .update({ data: { openid: `wx-cs1-${i}` } });
    }
    const roster = await find<Member>('members', { branchId: BRANCH });
    expect(roster).toHaveLength(60);

    let signDb = 0;
    let signs = 0;
    for (const m of roster) {
      // Those who signed earlier (by name) re-sign with a drawing, so every row carries an image.
      const items = m.isCadre ? cadreItems() : memberItems();
      const res = await sign(scene, m.openid!, items, { kind: 'image', fileID: await upload(m._id, drawnPng(2)) });
      okData(res);
      signDb += res.dbRequests;
      signs += 1;
    }
    console.log(`pledge.sign database requests: ${(signDb / signs).toFixed(2)} on average over ${signs} signatures (cadre 4, member 6)`);

    const before = (await (await fetch(`${emu.url}/api/_emulator/stats`)).json()) as {
      adminRequests: { byAction: Record<string, number> };
    };
    const viewed = await sheet();
    const afterStats = (await (await fetch(`${emu.url}/api/_emulator/stats`)).json()) as {
      adminRequests: { byAction: Record<string, number> };
    };
    const delta = (action: string) => (afterStats.adminRequests.byAction[action] ?? 0) - (before.adminRequests.byAction[action] ?? 0);
    const urlCalls = Object.keys(afterStats.adminRequests.byAction)
      .filter((a) => /download|url/i.test(a))
      .reduce((n, a) => n + delta(a), 0);
    const s = okData(viewed);
    console.log(`pledge.sheet (60 members, 60 image signatures): ${viewed.dbRequests} database requests, ${urlCalls} getTempFileURL calls`);
    expect(s).toMatchObject({ total: 60, signedCount: 60 });
    expect(s.rows.slice(0, 3).map((r) => r.memberId)).toEqual(['m-2023010101', 'm-2023010102', 'm-2023010103']);
    const rest = s.rows.slice(3).map((r) => r.studentNo);
    expect(rest).toEqual([...rest].sort());
    expect(s.rows.every((r) => r.signature?.kind === 'image' && r.signature.url.length > 0)).toBe(true);
    expect(urlCalls).toBe(2);
    expect(viewed.dbRequests).toBeLessThanOrEqual(6);
    const last = s.rows[59].signature;
    expect((await fetch(last && last.kind === 'image' ? last.url : '')).status).toBe(200);

    // Members of the branch and its leader may read it; another branch may not.
    expect(okData(await sheet('demo-2023010104')).total).toBe(60);
    expect(okData(await sheet('demo-leader-1')).total).toBe(60);
    expect(errorCode(await sheet(OTHER_BRANCH))).toBe('FORBIDDEN');
    expect(errorCode(await sheet('demo-visitor'))).toBe('NOT_BOUND');
  });
});

describe('pledge: the deadline', () => {
  it('refuses signatures after the round deadline (Shanghai days)', async () => {
    const scene = await currentScene();
    const [campaign] = await find<Campaign>('campaigns', { _id: CAMPAIGN });
    const yesterday = new Date(Date.now() + 8 * 3600_000 - 86_400_000).toISOString().slice(0, 10);
    const rounds = campaign.rounds.map((r) => (r.key === ROUND ? { ...r, start: '2000-01-01', deadline: yesterday } : r));
    await env.db.collection('campaigns').doc(CAMPAIGN).update({ data: { rounds } });
    const [before] = await find<MemberPledge>('memberPledges', { memberId: 'm-2023010104' });
    const late = await sign(scene, 'demo-2023010104', memberItems(), { kind: 'name', name: await nameOf('m-2023010104') });
    expect(errorCode(late)).toBe('DEADLINE_PASSED');
    expect((await find<MemberPledge>('memberPledges', { memberId: 'm-2023010104' }))[0]).toEqual(before);
    // The scan still works: people can read what they signed.
    expect(okData(await scan(scene, 'demo-2023010104')).deadline).toBe(yesterday);
  });
});
