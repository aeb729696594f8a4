/**
 * 进度看板's roll-up (issue 14): after random operations (facts written and removed, orgs created, moved and
 * archived) the rows the refresh wrote equal a full recount done here from the raw collections with plain
 * JavaScript; screens stay within the caller's scope; the committee's screen is 1 call and ≤ 5 requests.
 */
import type { DashboardHome, DashboardView, Rollup, RollupCounts, RollupRun } from '../../types/dashboard';
import { emptyCounts } from '../../types/dashboard';
import type { BallotMarker, Evaluation, EvaluationResults } from '../../types/evaluate';
import type { Org } from '../../types/models';
import type { Rectification } from '../../types/supervise';
import { addDays, shanghaiDay } from '../../types/time';
import { seededEmulator, errorCode, okData, ADMIN, GS, SECRETARY, MEMBER, LEADER } from '../support/emulator';

const env = seededEmulator({ timers: true });
const { emu, find } = env;

const CAMPAIGN = 'campaign-demo';
const ROUNDS = ['round-1', 'round-2'];

/** A small deterministic PRNG, so a failure can be replayed. */
function prng(seed: number) {
  let x = seed >>> 0;
  return () => {
    x = (x * 1664525 + 1013904223) >>> 0;
    return x / 2 ** 32;
  };
}

const refresh = async () => okData(await emu.call<RollupRun>('dashboard', 'refresh', {}, ADMIN));

/** The roll-up from first principles: every fact of an active org counted on it and each active ancestor. */
async function recountByHand(): Promise<Map<string, RollupCounts>> {
  const tree = await find<Org>('orgs', { archived: false });
  const byId = new Map(tree.map((o) => [o._id, o]));
  const out = new Map<string, RollupCounts>();
  for (const o of tree) if (o.level !== 'group') for (const r of ROUNDS) out.set(`${r}:${o._id}`, emptyCounts());
  const add = (orgId: string | undefined, rounds: string[], field: keyof RollupCounts, n = 1) => {
    const org = orgId ? byId.get(orgId) : undefined;
    if (!org) return;
    for (const id of [...org.ancestors, org._id]) for (const r of rounds) if (out.has(`${r}:${id}`)) out.get(`${r}:${id}`)![field] += n;
  };
  for (const o of tree) {
    if (o.level === 'general' || o.level === 'branch') add(o._id, ROUNDS, 'orgsDue');
    if (o.level === 'branch') add(o._id, ROUNDS, 'branches');
  }
  const people = await find<{ branchId: string; openid: string | null; orgPath: string[] }>('members', {});
  for (const m of people) {
    add(m.branchId, ROUNDS, 'members');
    if (m.openid) add(m.branchId, ROUNDS, 'bound');
  }
  const mine = { campaignId: CAMPAIGN };
  for (const p of await find<{ branchId: string; roundKey: string }>('memberPledges', mine)) add(p.branchId, [p.roundKey], 'signed');
  for (const p of await find<{ orgId: string; roundKey: string }>('orgPledges', mine)) {
    if (['general', 'branch'].includes(byId.get(p.orgId)?.level ?? '')) add(p.orgId, [p.roundKey], 'orgsPledged');
  }
  const active = new Set<string>();
  for (const a of await find<{ orgId: string; roundKey: string; archived: boolean }>('activities', mine)) {
    if (a.archived) continue;
    add(a.orgId, [a.roundKey], 'activities');
    if (byId.get(a.orgId)?.level === 'branch' && !active.has(`${a.roundKey}:${a.orgId}`)) {
      active.add(`${a.roundKey}:${a.orgId}`);
      add(a.orgId, [a.roundKey], 'branchesActive');
    }
  }
  const checked = new Set<string>();
  for (const c of await find<{ branchId: string; roundKey: string; memberId: string }>('checkIns', mine)) {
    add(c.branchId, [c.roundKey], 'checkIns');
    if (!checked.has(`${c.roundKey}:${c.memberId}`)) {
      checked.add(`${c.roundKey}:${c.memberId}`);
      add(c.branchId, [c.roundKey], 'checkInMembers');
    }
  }
  for (const r of await find<{ scopeId: string; roundKey: string; subject: string }>('reviews', mine)) {
    if (r.subject === 'member') add(r.scopeId, [r.roundKey], 'membersReviewed');
  }
  // 群众评议: per org its latest closed evaluation (by closesAt, then id); a subtree sums only its deepest orgs with figures.
  const closed = (await find<Evaluation>('evaluations', { state: 'closed' })).sort(
    (a, b) => new Date(a.closesAt).getTime() - new Date(b.closesAt).getTime() || (a._id < b._id ? -1 : 1),
  );
  const latestUnit = new Map<string, Evaluation>();
  const latestTarget = new Map<string, Evaluation>();
  for (const e of closed) {
    for (const u of e.electorate === 'own' ? e.targetIds : [e.organiserId]) latestUnit.set(u, e);
    for (const t of e.targetIds) latestTarget.set(t, e);
  }
  const markers = await find<BallotMarker>('ballotMarkers', {});
  const results = new Map((await find<EvaluationResults>('evaluationResults', {})).map((r) => [r._id, r]));
  const turnout = new Map<string, [number, number]>();
  for (const [u, e] of latestUnit) {
    const voted = markers.filter((m) => m.evaluationId === e._id && m.unitId === u).length;
    const electors = people.filter((m) => m.openid && m.orgPath.includes(u)).length;
    if (byId.has(u) && voted + electors > 0) turnout.set(u, [electors, voted]);
  }
  const satisfied = new Map<string, [number, number]>();
  for (const [t, e] of latestTarget) {
    const r = e.form === 'choice' ? results.get(e._id)?.targets.find((x) => x.id === t) : undefined;
    if (byId.has(t) && r && r.ballots >= 5 && r.counts) satisfied.set(t, [r.ballots, r.counts.satisfied + r.counts.fair]);
  }
  const deepest = (held: Map<string, [number, number]>) => {
    const above = new Set([...held.keys()].flatMap((id) => byId.get(id)!.ancestors));
    return [...held].filter(([id]) => !above.has(id));
  };
  for (const [id, [electors, voted]] of deepest(turnout)) {
    add(id, ROUNDS, 'evalElectors', electors);
    add(id, ROUNDS, 'evalVoted', voted);
  }
  for (const [id, [ballots, good]] of deepest(satisfied)) {
    add(id, ROUNDS, 'evalBallots', ballots);
    add(id, ROUNDS, 'evalSatisfied', good);
  }
  // 督促检查: not accepted yet; waiting (open or returned) past the deadline, by the emulator's clock.
  const day = shanghaiDay(emu.now());
  for (const r of await find<Rectification>('rectifications', {})) {
    if (r.status !== 'accepted') add(r.orgId, ROUNDS, 'rectOpen');
    if ((r.status === 'open' || r.status === 'returned') && r.deadline < day) add(r.orgId, ROUNDS, 'rectOverdue');
  }
  return out;
}

async function expectRollupEqualsRecount(): Promise<number> {
  const [rows, expected] = await Promise.all([find<Rollup>('rollups', {}), recountByHand()]);
  expect(rows.map((r) => r._id).sort()).toEqual([...expected.keys()].sort());
  const wrong = rows.filter((r) => JSON.stringify(r.counts) !== JSON.stringify(expected.get(r._id)));
  expect(wrong.map((r) => ({ id: r._id, stored: r.counts, recount: expected.get(r._id) }))).toEqual([]);
  return rows.length;
}

describe('the roll-up equals a full recount', () => {
  it('after the seed, and after 300 random operations in 3 rounds of refresh', async () => {
    expect((await refresh()).rows).toBeGreaterThan(0);
    await expectRollupEqualsRecount();

    const rand = prng(14);
    const pick = <T>(xs: T[]): T => xs[Math.floor(rand() * xs.length)];
    const members = await find<{ _id: string; branchId: string; orgPath: string[]; openid: string | null }>('members', {});
    const bindings = new Map(members.map((m) => [m._id, m.openid]));
    const col = (name: string) => env.db.collection(name);
    let n = 0;
    const written: Record<string, string[]> = {
      memberPledges: [],
      orgPledges: [],
      activities: [],
      checkIns: [],
      reviews: [],
      evaluations: [],
      rectifications: [],
    };
    const day = shanghaiDay(emu.now());

    for (let batch = 0; batch < 3; batch++) {
      const tree = await find<Org>('orgs', { archived: false });
      const branches = tree.filter((o) => o.level === 'branch');
      const pledgers = tree.filter((o) => o.level === 'branch' || o.level === 'general');
      for (let i = 0; i < 100; i++) {
        const op = Math.floor(rand() * 12);
        const m = pick(members);
        const round = pick(ROUNDS);
        const id = `rnd-${++n}`;
        const base = { campaignId: CAMPAIGN, roundKey: round };
        if (op === 0) {
          const _id = `${CAMPAIGN}:${round}:${m._id}`;
          await col('memberPledges')
            .doc(_id)
            .set({ data: { ...base, branchId: m.branchId, memberId: m._id, signedAt: new Date() } });
          written.memberPledges.push(_id);
        } else if (op === 1) {
          const o = pick(pledgers);
          const _id = `${CAMPAIGN}:${round}:${o._id}`;
          await col('orgPledges')
            .doc(_id)
            .set({ data: { ...base, orgId: o._id, orgAncestors: o.ancestors } });
          written.orgPledges.push(_id);
        } else if (op === 2) {
          const o = rand() < 0.8 ? pick(branches) : pick(pledgers);
          await col('activities')
            .doc(id)
            .set({ data: { ...base, orgId: o._id, orgPath: [...o.ancestors, o._id], archived: rand() < 0.2 } });
          written.activities.push(id);
        } else if (op === 3) {
          await col('checkIns')
            .doc(id)
            .set({ data: { ...base, memberId: m._id, branchId: m.branchId, orgPath: m.orgPath } });
          written.checkIns.push(id);
        } else if (op === 4) {
          const _id = `${CAMPAIGN}:${round}:${m._id}`;
          await col('reviews')
            .doc(_id)
            .set({ data: { ...base, subject: 'member', subjectId: m._id, scopeId: m.branchId } });
          written.reviews.push(_id);
        } else if (op === 5) {
          // A removal of something written before (a withdrawn fact).
          const kind = pick(Object.keys(written));
          const list = written[kind];
          if (list.length)
            await col(kind)
              .doc(list.splice(Math.floor(rand() * list.length), 1)[0])
              .remove();
        } else if (op === 6) {
          // A binding made or released.
          await col('members')
            .doc(m._id)
            .update({ data: { openid: rand() < 0.5 ? null : `rnd-openid-${m._id}` } });
        } else if (op === 7 && i % 10 === 7) {
          // The tree changes through the org function: a new branch, or a branch moved to another college.
          const colleges = tree.filter((o) => o.level === 'general');
          if (rand() < 0.5) okData(await emu.call('org', 'createOrg', { parentId: pick(colleges)._id, name: `随机支部${n}` }, ADMIN));
          else {
            const b = pick(branches.filter((x) => x._id !== 'org-cs-1'));
            const to = pick(colleges.filter((c) => c._id !== b.parentId));
            okData(await emu.call('org', 'moveOrg', { orgId: b._id, newParentId: to._id }, ADMIN));
          }
        } else if (op === 8 && i % 25 === 8) {
          const empty = (await find<Org>('orgs', { archived: false, level: 'branch' })).filter((o) => o.name.startsWith('随机支部'));
          if (empty.length) okData(await emu.call('org', 'archiveOrg', { orgId: pick(empty)._id }, ADMIN));
        } else if (op === 9) {
          // A closed evaluation of some children of the committee or a college: its results and its markers per unit.
          const organiser = pick(tree.filter((o) => o.level === 'committee' || o.level === 'general'));
          const children = tree.filter((o) => o.parentId === organiser._id);
          const targets = children.filter(() => rand() < 0.6).slice(0, 3);
          if (!targets.length) continue;
          const electorate = rand() < 0.6 ? 'own' : 'all';
          const form = rand() < 0.8 ? 'choice' : 'score';
          // A pending one (still open) closes in the future, so the evaluation timer leaves it alone; it is not counted.
          const pending = rand() < 0.15;
          const closesAt = pending ? new Date(Date.UTC(2027, 5, 1)) : new Date(Date.UTC(2026, 9, 1 + Math.floor(rand() * 3)));
          await col('evaluations')
            .doc(id)
            .set({
              data: {
                organiserId: organiser._id,
                targetIds: targets.map((t) => t._id),
                targets: targets.map((t) => ({ id: t._id, name: t.name })),
                electorate,
                form,
                state: pending ? 'pending' : 'closed',
                closesAt,
              },
            });
          written.evaluations.push(id);
          const rows = targets.map((t) => {
            const ballots = Math.floor(rand() * 12);
            const satisfied = Math.floor(rand() * (ballots + 1));
            const fair = Math.floor(rand() * (ballots - satisfied + 1));
            const counts = { satisfied, fair, dissatisfied: ballots - satisfied - fair };
            return { id: t._id, ballots, tooFew: ballots < 5, counts: form === 'choice' && ballots >= 5 ? counts : null };
          });
          await col('evaluationResults')
            .doc(id)
            .set({ data: { evaluationId: id, targets: rows } });
          for (const unit of electorate === 'own' ? targets.map((t) => t._id) : [organiser._id])
            for (let k = Math.floor(rand() * 6); k > 0; k--)
              await col('ballotMarkers')
                .doc(`${id}-${unit}-${k}`)
                .set({ data: { evaluationId: id, unitId: unit } });
        } else if (op === 10) {
          // A rectification with a deadline around today, in any state.
          const o = pick(pledgers);
          const status = pick(['open', 'answered', 'returned', 'accepted']);
          await col('rectifications')
            .doc(id)
            .set({ data: { orgId: o._id, orgPath: [...o.ancestors, o._id], status, deadline: addDays(day, Math.floor(rand() * 7) - 3) } });
          written.rectifications.push(id);
        } else if (op === 11 && written.rectifications.length) {
          // A rectification answered, returned or accepted.
          await col('rectifications')
            .doc(pick(written.rectifications))
            .update({ data: { status: pick(['answered', 'returned', 'accepted']) } });
        }
      }
      const run = await refresh();
      expect(run.partial).toBe(false);
      const rows = await expectRollupEqualsRecount();
      console.log(`roll-up batch ${batch + 1}: ${rows} rows equal the recount; refresh wrote ${run.written} in ${run.ms} ms`);
    }
    // The new domains did feed the committee's row (else the comparison above proves little for them).
    const top = (await find<Rollup>('rollups', { orgId: 'org-committee', roundKey: 'round-1' }))[0].counts;
    console.log(
      `committee: evaluation ${top.evalVoted}/${top.evalElectors} voted, ${top.evalSatisfied}/${top.evalBallots} satisfied; rectifications ${top.rectOpen} open, ${top.rectOverdue} overdue`,
    );
    for (const f of ['evalVoted', 'evalElectors', 'evalBallots', 'evalSatisfied', 'rectOpen', 'rectOverdue'] as const)
      expect(top[f]).toBeGreaterThan(0);
    // The personas the other tests call as get their bindings back; the roll-up follows.
    for (const [id, openid] of bindings) await col('members').doc(id).update({ data: { openid } });
    await refresh();
    await expectRollupEqualsRecount();
    // Nothing changed: a second refresh writes nothing.
    expect((await refresh()).written).toBe(0);
  });
});

describe('screens', () => {
  it("the committee's screen is 1 call and at most 5 database requests, lagging colleges first", async () => {
    const res = await emu.call<DashboardHome>('dashboard', 'home', {}, ADMIN);
    const home = okData(res);
    console.log(`dashboard.home (committee): ${res.dbRequests} DB requests`);
    expect(res.dbRequests).toBeLessThanOrEqual(5);
    expect(home.roots.map((r) => r.orgId)).toEqual(['org-committee']);
    const view = home.view!;
    expect(view.org).toMatchObject({ orgId: 'org-committee', level: 'committee', roundKey: 'round-1' });
    expect(view.children.every((c) => c.level === 'general')).toBe(true);
    const scores = view.children.map((c) => c.score);
    expect(scores).toEqual([...scores].sort((a, b) => a - b));
    expect(view.lagging.length).toBeGreaterThan(0);
    expect(view.lagging.every((b) => b.level === 'branch')).toBe(true);
    expect(view.children.reduce((s, c) => s + c.counts.members, 0)).toBe(view.org.counts.members);
  });

  it('a branch secretary sees only their branch; a general secretary their college; a leader their contact points', async () => {
    const mine = okData(await emu.call<DashboardHome>('dashboard', 'home', {}, SECRETARY));
    expect(mine.roots.map((r) => r.orgId)).toEqual(['org-cs-1']);
    expect(mine.view).toMatchObject({ org: { orgId: 'org-cs-1' }, children: [], lagging: [] });
    expect(errorCode(await emu.call('dashboard', 'view', { orgId: 'org-cs-2' }, SECRETARY))).toBe('FORBIDDEN');
    expect(errorCode(await emu.call('dashboard', 'view', { orgId: 'org-cs' }, SECRETARY))).toBe('FORBIDDEN');
    expect(errorCode(await emu.call('dashboard', 'view', { orgId: 'org-committee' }, SECRETARY))).toBe('FORBIDDEN');

    const college = okData(await emu.call<DashboardHome>('dashboard', 'home', {}, GS));
    expect(college.roots.map((r) => r.orgId)).toEqual(['org-cs']);
    const drill = okData(await emu.call<DashboardView>('dashboard', 'view', { orgId: 'org-cs-1' }, GS));
    expect(drill.org.orgId).toBe('org-cs-1');
    expect(errorCode(await emu.call('dashboard', 'view', { orgId: 'org-fl' }, GS))).toBe('FORBIDDEN');

    const leader = okData(await emu.call<DashboardHome>('dashboard', 'home', {}, LEADER));
    const points = (await find<{ orgId: string }>('roles', { openid: LEADER, role: 'leader' })).map((g) => g.orgId).sort();
    expect(leader.roots.map((r) => r.orgId).sort()).toEqual(points);
    for (const p of points) expect(errorCode(await emu.call('dashboard', 'view', { orgId: p }, LEADER))).toBe('OK');
    expect(errorCode(await emu.call('dashboard', 'view', { orgId: 'org-fl-1' }, LEADER))).toBe('FORBIDDEN');

    expect(errorCode(await emu.call('dashboard', 'home', {}, MEMBER))).toBe('FORBIDDEN');
    expect(errorCode(await emu.call('dashboard', 'refresh', {}, GS))).toBe('FORBIDDEN');
  });

  it('the timer refreshes the roll-up: a new signature shows within a minute', async () => {
    const before = okData(await emu.call<DashboardView>('dashboard', 'view', { orgId: 'org-cs-1' }, SECRETARY)).org.counts.signed;
    await env.db
      .collection('memberPledges')
      .doc(`${CAMPAIGN}:round-1:m-2023010199`)
      .set({ data: { campaignId: CAMPAIGN, roundKey: 'round-1', branchId: 'org-cs-1', memberId: 'm-2023010199', signedAt: new Date() } });
    expect(errorCode(await emu.call('dashboard', 'refresh', {}, undefined))).toBe('UNAUTHENTICATED');
    // The function's timer trigger (config.json: every minute) runs when the emulator's clock passes it.
    await emu.advanceClock(61_000);
    const after = okData(await emu.call<DashboardView>('dashboard', 'view', { orgId: 'org-cs-1' }, SECRETARY)).org.counts.signed;
    expect(after).toBe(before + 1);
  });
});
