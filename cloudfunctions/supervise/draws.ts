/**
 * Random spot checks anyone can re-check (随机抽查): the inspector picks a population and a sample size; the list of
 * candidates is frozen as a file in storage and its SHA-256 published; later, at the meeting, a public unpredictable
 * seed (dice) is entered and the sample is the k smallest SHA-256(seed:id) (sampler.ts). A draw happens once.
 */
import { randomBytes } from 'node:crypto';
import { lineage } from '../../types/scope';
import type { Org } from '../../types/models';
import { LIST_PREVIEW, type Draw, type DrawSummary, type DrawView, type Population } from '../../types/supervise';
import { AppError } from '../shared/errors';
import { log } from '../shared/log';
import { isDuplicateKey } from '../shared/repositories/db-errors';
import { draws } from '../shared/repositories/draws';
import { members } from '../shared/repositories/members';
import { orgs } from '../shared/repositories/orgs';
import { serverTime } from '../shared/repositories/repository';
import { withAudit } from '../shared/repositories/unit-of-work';
import type { LoadedContext, TargetContext } from '../shared/router';
import { downloadFile, tempFileURLs, uploadFile } from '../shared/storage';
import { iso } from '../shared/time';
import { nameOf } from './common';
import { listFile, parseList, sample, scoreOf, sha256Hex } from './sampler';

const DRAWN_ONCE = '该抽查已经抽取过样本，不能重新抽取';

/**
 * Every candidate id of the population, paged 100 per request: branches of the scope (one request per 100), or its
 * members walking the student-number index (30,000 members: 300 requests, well inside the 60 s of a run).
 */
async function candidates(scope: Org, population: Population): Promise<string[]> {
  if (population === 'orgs') {
    const below = await orgs.all({ ancestors: scope._id, level: 'branch', archived: false });
    return [...(scope.level === 'branch' ? [scope._id] : []), ...below.map((o) => o._id)];
  }
  const found = await members.allIn(scope.level === 'group' ? { groupId: scope._id } : { orgPath: scope._id });
  return found.map((m) => m._id);
}

export async function createDraw(ctx: TargetContext, population: Population, size: number, title: string): Promise<DrawView> {
  const scope = ctx.target;
  const [caller, ids] = await Promise.all([ctx.caller(), candidates(scope, population)]);
  if (ids.length === 0) throw new AppError('INVALID_ARGUMENT', '抽查范围：范围内没有可抽查的对象', 'population');
  if (size > ids.length) throw new AppError('INVALID_ARGUMENT', `样本数量：不能超过总体数量（${ids.length}）`, 'size');
  const bytes = listFile(ids);
  const id = `d${randomBytes(6).toString('hex')}`;
  const listFileID = await uploadFile(`supervise/draws/${id}.txt`, bytes);
  const doc: Omit<Draw, 'frozenAt'> = {
    _id: id,
    title,
    scopeOrgId: scope._id,
    scopeName: scope.name,
    scopePath: lineage(scope),
    population,
    size,
    count: ids.length,
    listFileID,
    listHash: sha256Hex(bytes),
    status: 'frozen',
    seed: null,
    sample: [],
    createdBy: ctx.openid,
    createdByName: nameOf(caller),
    drawnBy: null,
    drawnAt: null,
  };
  await withAudit(ctx.openid, async (w) => {
    await w.insert(draws, { ...doc, frozenAt: serverTime() });
    await w.audit({ action: 'createDraw', target: id, before: null, after: { count: doc.count, listHash: doc.listHash, size }, scope });
  });
  return drawView({ ...doc, frozenAt: new Date() }, bytes);
}

/** The frozen list as stored, checked against the hash published before the seed. */
async function frozenList(draw: Draw): Promise<{ bytes: Buffer; ids: string[] }> {
  const bytes = await downloadFile(draw.listFileID);
  if (sha256Hex(bytes) !== draw.listHash) {
    log('error', 'supervise.draw.tampered', { drawId: draw._id });
    throw new AppError('INTERNAL', '候选名单与公布的校验值不符，已停止抽取');
  }
  return { bytes, ids: parseList(bytes) };
}

/** Enters the seed and draws: once. A second seed, even racing the first, is refused and changes nothing. */
export async function drawSample(ctx: LoadedContext<Draw>, seed: string): Promise<DrawView> {
  const draw = ctx.loaded;
  if (draw.status !== 'frozen') throw new AppError('CONFLICT', DRAWN_ONCE);
  const { bytes, ids } = await frozenList(draw);
  const picked = sample(ids, seed, draw.size).map((s) => s.id);
  try {
    await withAudit(ctx.openid, async (w) => {
      await w.patch(draws, draw._id, { status: 'drawn', seed, sample: picked, drawnBy: ctx.openid, drawnAt: serverTime() });
      // The draw's key: of two racing draws the second fails here with a duplicate key and its write is rolled back.
      await w.audit({
        action: 'draw',
        target: draw._id,
        before: null,
        after: { seed, sample: picked },
        scope: draw.scopePath,
        once: `draw:${draw._id}`,
      });
    });
  } catch (err) {
    if (isDuplicateKey(err)) throw new AppError('CONFLICT', DRAWN_ONCE);
    throw err;
  }
  return drawView({ ...draw, status: 'drawn', seed, sample: picked, drawnBy: ctx.openid, drawnAt: new Date() }, bytes);
}

/** Names for the sampled ids: branch names, or member names (one request). */
/** Names of the sampled orgs; a sampled member's name and student number only for staff over the draw's scope. */
async function labels(draw: Draw, memberNames: boolean): Promise<Map<string, string>> {
  if (draw.sample.length === 0) return new Map();
  if (draw.population === 'orgs') return new Map((await orgs.byIds(draw.sample)).map((o) => [o._id, o.name]));
  if (!memberNames) return new Map(draw.sample.map((id) => [id, '团员（姓名仅检查人员可见）']));
  return new Map((await members.byIds(draw.sample)).map((m) => [m._id, `${m.name}（${m.studentNo}）`]));
}

async function drawView(draw: Draw, listBytes?: Buffer, memberNames = true): Promise<DrawView> {
  const [bytes, [listUrl], names] = await Promise.all([
    listBytes ? Promise.resolve(listBytes) : downloadFile(draw.listFileID),
    tempFileURLs([draw.listFileID]),
    labels(draw, memberNames),
  ]);
  const preview = bytes
    .subarray(0, 65 * LIST_PREVIEW)
    .toString('utf8')
    .split('\n')
    .slice(0, LIST_PREVIEW)
    .filter(Boolean);
  return {
    id: draw._id,
    title: draw.title,
    scopeOrgId: draw.scopeOrgId,
    scopeName: draw.scopeName,
    population: draw.population,
    size: draw.size,
    count: draw.count,
    listHash: draw.listHash,
    listUrl: listUrl ?? '',
    listPreview: preview.slice(0, Math.min(LIST_PREVIEW, draw.count)),
    status: draw.status,
    seed: draw.seed,
    sample:
      draw.seed === null ? [] : draw.sample.map((id) => ({ id, label: names.get(id) ?? id, score: scoreOf(draw.seed as string, id) })),
    createdByName: draw.createdByName,
    frozenAt: iso(draw.frozenAt),
    drawnAt: draw.drawnAt ? iso(draw.drawnAt) : null,
  };
}

/**
 * The verification page: everyone in the draw's scope may re-check the ids, the hash, the seed and the sample; who
 * the sampled members are is for the staff over it (the names: one request; storage for the list).
 */
export async function verifyDraw(draw: Draw, staff: boolean): Promise<DrawView> {
  return drawView(draw, undefined, staff);
}

export async function listDraws(org: Org): Promise<DrawSummary[]> {
  return (await draws.latestIn(org._id)).map((d) => ({
    id: d._id,
    title: d.title,
    population: d.population,
    size: d.size,
    count: d.count,
    status: d.status,
    frozenAt: iso(d.frozenAt),
  }));
}
