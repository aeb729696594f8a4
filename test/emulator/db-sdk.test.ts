/**
 * Contract tests of the emulator database through the real, pinned wx-server-sdk: what the SDK sends
 * and that what comes back is what CloudBase gives (shapes, error codes, limits).
 */
import { isDuplicateKey, isTransactionConflict } from '../../cloudfunctions/shared/repositories/db-errors';
import { startHarness, sdkFor, lastBody, dbOf, type Harness, type SdkAggregate, type SdkDb, type SdkTransaction } from './db-harness';

type DB = SdkDb;

interface SdkError {
  errCode: number;
  errMsg: string;
}

async function failure(p: Promise<unknown>): Promise<SdkError> {
  try {
    await p;
  } catch (e) {
    return e as SdkError;
  }
  throw new Error('expected a failure');
}

let h: Harness;
let db: DB;

beforeAll(async () => {
  h = await startHarness();
  db = dbOf(sdkFor(h));
});

afterAll(async () => {
  await h.close();
});

describe('insert', () => {
  test('add one: 32-hex _id, Dates round-trip, serverDate resolved with now() + offset', async () => {
    const when = new Date('2025-01-02T03:04:05.678Z');
    const res = (await db.collection('campaigns').add({
      data: { title: '党课', when, at: db.serverDate({ offset: 1000 }), n: 1.5, big: 2 ** 40, nested: { list: [1, 'a', null] } },
    })) as { _id: string; errMsg: string };
    expect(res.errMsg).toBe('collection.add:ok');
    expect(res._id).toMatch(/^[0-9a-f]{32}$/);
    const sent = lastBody(h, 'database.insertDocument');
    expect(sent.collectionName).toBe('campaigns');
    expect(JSON.parse((sent.data as string[])[0]).at).toEqual({ $tcb_server_date: { offset: { $numberInt: '1000' } } });

    const got = (await db.collection('campaigns').doc(res._id).get()) as { data: Record<string, unknown> };
    expect(got.data).toEqual({
      _id: res._id,
      title: '党课',
      when,
      at: new Date(h.clock.now.getTime() + 1000),
      n: 1.5,
      big: 2 ** 40,
      nested: { list: [1, 'a', null] },
    });
    expect(got.data.when).toBeInstanceOf(Date);
  });

  test('add many returns _ids in order; a given _id is kept', async () => {
    const res = (await db.collection('campaigns').add({ data: [{ _id: 'fixed-1', k: 1 }, { k: 2 }] })) as { _ids: string[] };
    expect(res._ids).toHaveLength(2);
    expect(res._ids[0]).toBe('fixed-1');
    const sent = lastBody(h, 'database.insertDocument');
    expect((sent.data as string[]).length).toBe(2);
  });

  /*
   * A unique-index violation: CloudBase answers DATABASE_REQUEST_FAILED with MongoDB's E11000 text, which
   * wx-server-sdk 4.0.2 turns into errCode -502001 (its TCB_ERR_CODE table) — what a real-cloud probe with
   * that SDK reports too. The HTTP API's DATABASE_DUPLICATE_WRITE (docs.cloudbase.net/error-code) is not in
   * that table: it would arrive as -501001. The product (cloudfunctions/shared/repositories/db-errors.ts)
   * recognises the duplicate by the code -502001 plus MongoDB's code 11000, nothing looser.
   */
  test('duplicate _id is a duplicate-key error (-502001, E11000) and writes nothing; the product recognises it by code', async () => {
    const before = ((await db.collection('campaigns').count()) as { total: number }).total;
    const err = await failure(db.collection('campaigns').add({ data: [{ _id: 'dup-x' }, { _id: 'fixed-1' }] }));
    expect(err.errCode).toBe(-502001);
    expect(err.errMsg).toMatch(/E11000 duplicate key error collection: campaigns index: _id_/);
    expect(isDuplicateKey(err)).toBe(true);
    expect(isTransactionConflict(err)).toBe(false);
    expect(((await db.collection('campaigns').count()) as { total: number }).total).toBe(before);
    // Other refusals are not duplicates, even with "duplicate" in a value.
    expect(isDuplicateKey(await failure(db.collection('nope').add({ data: { note: 'duplicate key' } })))).toBe(false);
    expect(
      isDuplicateKey(
        await failure(
          db
            .collection('campaigns')
            .doc('fixed-1')
            .update({ data: { _id: 'duplicate key' } }),
        ),
      ),
    ).toBe(false);
  });
});

describe('errors', () => {
  test('missing collection → DATABASE_COLLECTION_NOT_EXIST -502005 on get, add, count, update', async () => {
    for (const p of [
      db.collection('nope').get(),
      db.collection('nope').add({ data: { a: 1 } }),
      db.collection('nope').count(),
      db
        .collection('nope')
        .where({ a: 1 })
        .update({ data: { a: 2 } }),
    ]) {
      const err = await failure(p);
      expect(err.errCode).toBe(-502005);
      expect(err.errMsg).toMatch(/database collection not exists.*Db or Table not exist/);
    }
  });

  test('doc(id).get on a missing doc: the SDK throws "document with _id ... does not exist"', async () => {
    const err = await failure(db.collection('orgs').doc('missing-id').get());
    expect(err.errMsg).toBe('document.get:fail document with _id missing-id does not exist');
    const sent = lastBody(h, 'database.getDocument');
    expect(sent).toMatchObject({ collectionName: 'orgs', queryType: 'DOC', query: '{"_id":"missing-id"}', multi: false });
  });

  test('a bad operator is DATABASE_REQUEST_FAILED; an unknown action INVALID_PARAM', async () => {
    await expect(
      h.db.handle('database.getDocument', { collectionName: 'orgs', queryType: 'WHERE', query: '{"a":{"$bogus":1}}' }),
    ).rejects.toMatchObject({ code: 'DATABASE_REQUEST_FAILED' });
    await expect(
      h.db.handle('database.aggregateDocuments', { collectionName: 'orgs', stages: [{ stageKey: '$nope', stageValue: '{}' }] }),
    ).rejects.toMatchObject({ code: 'DATABASE_REQUEST_FAILED' });
    await expect(h.db.handle('database.dropEverything', {})).rejects.toMatchObject({ code: 'INVALID_PARAM' });
  });

  test('createCollection creates; a second time fails', async () => {
    const res = (await db.createCollection('extra')) as { errMsg: string };
    expect(res.errMsg).toBe('createCollection:ok');
    expect(lastBody(h, 'database.addCollection').collectionName).toBe('extra');
    await db.collection('extra').add({ data: { a: 1 } });
    expect(((await db.collection('extra').count()) as { total: number }).total).toBe(1);
    const err = await failure(db.createCollection('extra'));
    expect(err.errMsg).toMatch(/Table exist/);
  });
});

describe('query', () => {
  beforeAll(async () => {
    await db.collection('orgs').add({
      data: [
        {
          _id: 'o1',
          name: 'Alpha',
          n: 1,
          tags: ['a', 'b'],
          parentId: null,
          order: 3,
          meta: { level: 1 },
          at: new Date('2025-01-01T00:00:00Z'),
          items: [{ x: 1, y: 'p' }],
        },
        {
          _id: 'o2',
          name: 'beta',
          n: 2,
          tags: ['b'],
          parentId: 'o1',
          order: 2,
          meta: { level: 2 },
          at: new Date('2025-02-01T00:00:00Z'),
          items: [{ x: 2, y: 'q' }],
        },
        {
          _id: 'o3',
          name: 'Gamma',
          n: 3,
          tags: ['c', 'a', 'b'],
          parentId: 'o1',
          order: 1,
          meta: { level: 2 },
          at: new Date('2025-03-01T00:00:00Z'),
          items: [],
        },
        { _id: 'o4', name: 'delta', n: 4, parentId: 'o2', order: 4, at: new Date('2025-04-01T00:00:00Z') },
      ],
    });
  });

  async function ids(q: { get(): Promise<unknown> }): Promise<string[]> {
    const res = (await q.get()) as { data: Array<{ _id: string }> };
    return res.data.map((d) => d._id);
  }

  test('comparison, set and logical operators', async () => {
    const _ = db.command;
    const c = db.collection('orgs');
    expect(await ids(c.where({ n: _.eq(2) }))).toEqual(['o2']);
    expect(await ids(c.where({ n: _.neq(2) }))).toEqual(['o1', 'o3', 'o4']);
    expect(await ids(c.where({ n: _.gt(2) }))).toEqual(['o3', 'o4']);
    expect(await ids(c.where({ n: _.gte(2).and(_.lt(4)) }))).toEqual(['o2', 'o3']);
    expect(await ids(c.where({ n: _.lte(1) }))).toEqual(['o1']);
    expect(await ids(c.where({ n: _.in([1, 4]) }))).toEqual(['o1', 'o4']);
    expect(await ids(c.where({ n: _.nin([1, 4]) }))).toEqual(['o2', 'o3']);
    expect(await ids(c.where(_.or([{ n: 1 }, { name: 'delta' }])))).toEqual(['o1', 'o4']);
    expect(await ids(c.where(_.and([{ n: _.gt(1) }, { 'meta.level': 2 }])))).toEqual(['o2', 'o3']);
    expect(await ids(c.where(_.nor([{ n: 1 }, { n: 2 }])))).toEqual(['o3', 'o4']);
    expect(await ids(c.where({ n: _.not(_.gt(2)) }))).toEqual(['o1', 'o2']);
    expect(await ids(c.where({ tags: _.exists(false) }))).toEqual(['o4']);
    expect(await ids(c.where({ tags: _.size(3) }))).toEqual(['o3']);
    expect(await ids(c.where({ tags: _.all(['a', 'b']) }))).toEqual(['o1', 'o3']);
    expect(await ids(c.where({ tags: 'a' }))).toEqual(['o1', 'o3']);
    expect(await ids(c.where({ items: _.elemMatch({ x: _.gt(1), y: 'q' }) }))).toEqual(['o2']);
    expect(await ids(c.where({ name: db.RegExp({ regexp: '^[ab]', options: 'i' }) }))).toEqual(['o1', 'o2']);
    expect(await ids(c.where({ at: _.gte(new Date('2025-03-01T00:00:00Z')) }))).toEqual(['o3', 'o4']);
    expect(await ids(c.where({ parentId: null }))).toEqual(['o1']);
    expect(await ids(c.where({ 'meta.level': 2 }))).toEqual(['o2', 'o3']);
    const sent = JSON.parse(String(lastBody(h, 'database.getDocument').query));
    expect(sent).toEqual({ 'meta.level': { $numberInt: '2' } });
  });

  test('the regex arrives as $regularExpression', async () => {
    await db
      .collection('orgs')
      .where({ name: db.RegExp({ regexp: 'a$', options: 'i' }) })
      .get();
    expect(JSON.parse(String(lastBody(h, 'database.getDocument').query))).toEqual({
      name: { $regularExpression: { pattern: 'a$', options: 'i' } },
    });
  });

  test('orderBy, skip, limit, field', async () => {
    const res = (await db
      .collection('orgs')
      .where({})
      .orderBy('meta.level', 'desc')
      .orderBy('order', 'asc')
      .skip(1)
      .limit(2)
      .field({ name: true, order: true })
      .get()) as {
      data: unknown[];
    };
    expect(res.data).toEqual([
      { _id: 'o2', name: 'beta', order: 2 },
      { _id: 'o1', name: 'Alpha', order: 3 },
    ]);
    const sent = lastBody(h, 'database.getDocument');
    expect(sent).toMatchObject({ queryType: 'WHERE', offset: 1, limit: 2 });
    expect(JSON.parse(String(sent.order))).toEqual({ 'meta.level': { $numberInt: '-1' }, order: { $numberInt: '1' } });
    expect(JSON.parse(String(sent.projection))).toEqual({ name: { $numberInt: '1' }, order: { $numberInt: '1' } });
  });

  test('doc(id).get and doc(id).field().get', async () => {
    const full = (await db.collection('orgs').doc('o2').get()) as { data: Record<string, unknown>; errMsg: string };
    expect(full.errMsg).toBe('document.get:ok');
    expect(full.data).toMatchObject({ _id: 'o2', name: 'beta', at: new Date('2025-02-01T00:00:00Z') });
    const part = (await db.collection('orgs').doc('o2').field({ name: true }).get()) as { data: unknown };
    expect(part.data).toEqual({ _id: 'o2', name: 'beta' });
  });

  test('count', async () => {
    const res = (await db.collection('orgs').where({ parentId: 'o1' }).count()) as { total: number; errMsg: string };
    expect(res).toMatchObject({ total: 2, errMsg: 'collection.count:ok' });
    expect(lastBody(h, 'database.calculateDocument')).toMatchObject({ collectionName: 'orgs', queryType: 'WHERE' });
  });

  test('aggregate: match, group, sort, project, lookup, unwind, addFields, skip, limit, count', async () => {
    const $ = db.command.aggregate;
    const grouped = (await db
      .collection('orgs')
      .aggregate()
      .match({ n: db.command.gte(1) })
      .group({ _id: '$meta.level', total: $.sum('$n'), names: $.push('$name') })
      .sort({ total: -1 })
      .end()) as { list: unknown[]; errMsg: string };
    expect(grouped.errMsg).toBe('collection.aggregate:ok');
    expect(grouped.list).toEqual([
      { _id: 2, total: 5, names: ['beta', 'Gamma'] },
      { _id: null, total: 4, names: ['delta'] },
      { _id: 1, total: 1, names: ['Alpha'] },
    ]);
    const stages = lastBody(h, 'database.aggregateDocuments').stages as Array<{ stageKey: string; stageValue: string }>;
    expect(stages.map((s) => s.stageKey)).toEqual(['$match', '$group', '$sort']);

    const joined = (await db
      .collection('orgs')
      .aggregate()
      .lookup({ from: 'orgs', localField: 'parentId', foreignField: '_id', as: 'parent' })
      .unwind('$parent')
      .addFields({ parentName: '$parent.name' })
      .project({ _id: 1, parentName: 1 })
      .sort({ _id: 1 })
      .skip(1)
      .limit(2)
      .end()) as { list: unknown[] };
    expect(joined.list).toEqual([
      { _id: 'o3', parentName: 'Alpha' },
      { _id: 'o4', parentName: 'beta' },
    ]);
    const counted = (await db.collection('orgs').aggregate().match({ parentId: 'o1' }).count('n').end()) as { list: unknown[] };
    expect(counted.list).toEqual([{ n: 2 }]);
  });
});

describe('modify and remove', () => {
  test('doc update with every update operator, dotted paths merge', async () => {
    const _ = db.command;
    await db.collection('campaigns').add({
      data: {
        _id: 'u1',
        a: 1,
        m: 3,
        obj: { keep: true, x: 1 },
        gone: 1,
        arr: [1, 2, 3],
        q: [1, 2, 3],
        u: [1, 2, 1, 3],
        v: [1, 2, 3],
        w: [1],
        lo: 5,
        hi: 5,
        old: 'r',
        whole: { a: 1, b: 2 },
      },
    });
    const res = (await db
      .collection('campaigns')
      .doc('u1')
      .update({
        data: {
          a: _.inc(2),
          m: _.mul(2),
          'obj.x': 5,
          obj2: { deep: 1 },
          gone: _.remove(),
          arr: _.push([4, 5]),
          q: _.pop(),
          r: _.unshift([0]),
          u: _.pull(1),
          v: _.pullAll([1, 2]),
          w: _.addToSet(1),
          lo: _.min(2),
          hi: _.max(9),
          old: _.rename('renamed'),
          whole: _.set({ c: 3 }),
        },
      })) as { stats: { updated: number } };
    expect(res.stats.updated).toBe(1);
    const sent = JSON.parse(String(lastBody(h, 'database.modifyDocument').data));
    expect(Object.keys(sent).sort()).toEqual(
      ['$addToSet', '$inc', '$max', '$min', '$mul', '$pop', '$pull', '$pullAll', '$push', '$rename', '$set', '$unset'].sort(),
    );
    const doc = ((await db.collection('campaigns').doc('u1').get()) as { data: Record<string, unknown> }).data;
    expect(doc).toEqual({
      _id: 'u1',
      a: 3,
      m: 6,
      obj: { keep: true, x: 5 },
      obj2: { deep: 1 },
      arr: [1, 2, 3, 4, 5],
      q: [1, 2],
      r: [0],
      u: [2, 3],
      v: [3],
      w: [1],
      lo: 2,
      hi: 9,
      renamed: 'r',
      whole: { c: 3 },
    });
    // shift: pops the first element
    await db
      .collection('campaigns')
      .doc('u1')
      .update({ data: { arr: _.shift() } });
    expect(((await db.collection('campaigns').doc('u1').get()) as { data: { arr: number[] } }).data.arr).toEqual([2, 3, 4, 5]);
  });

  test('update reports updated: 0 when nothing changes or nothing matches', async () => {
    const same = (await db
      .collection('campaigns')
      .doc('u1')
      .update({ data: { a: 3 } })) as { stats: { updated: number } };
    expect(same.stats.updated).toBe(0);
    const none = (await db
      .collection('campaigns')
      .doc('nobody')
      .update({ data: { a: 3 } })) as { stats: { updated: number } };
    expect(none.stats.updated).toBe(0);
  });

  test('set replaces the document; set on a missing id creates it (upsert)', async () => {
    const replaced = (await db
      .collection('campaigns')
      .doc('u1')
      .set({ data: { only: 'this', at: new Date(7) } })) as {
      _id: string;
      stats: { updated: number; created: number };
    };
    expect(replaced).toMatchObject({ _id: 'u1', stats: { updated: 1, created: 0 } });
    expect(lastBody(h, 'database.modifyDocument')).toMatchObject({ queryType: 'DOC', merge: false, upsert: true, multi: false });
    expect(((await db.collection('campaigns').doc('u1').get()) as { data: unknown }).data).toEqual({
      _id: 'u1',
      only: 'this',
      at: new Date(7),
    });
    const created = (await db
      .collection('campaigns')
      .doc('new-one')
      .set({ data: { v: 1 } })) as { stats: { updated: number; created: number } };
    expect(created.stats).toEqual({ updated: 0, created: 1 });
    expect(((await db.collection('campaigns').doc('new-one').get()) as { data: unknown }).data).toEqual({ _id: 'new-one', v: 1 });
  });

  test('where update is multi; where remove deletes all matches; doc remove', async () => {
    await db.collection('campaigns').add({
      data: [
        { grp: 'g', v: 1 },
        { grp: 'g', v: 2 },
        { grp: 'h', v: 3 },
      ],
    });
    const up = (await db
      .collection('campaigns')
      .where({ grp: 'g' })
      .update({ data: { v: db.command.inc(10) } })) as { stats: { updated: number } };
    expect(up.stats.updated).toBe(2);
    expect(lastBody(h, 'database.modifyDocument')).toMatchObject({ queryType: 'WHERE', multi: true, merge: true, upsert: false });
    const vs = ((await db.collection('campaigns').where({ grp: 'g' }).get()) as { data: Array<{ v: number }> }).data.map((d) => d.v);
    expect(vs).toEqual([11, 12]);
    const rm = (await db.collection('campaigns').where({ grp: 'g' }).remove()) as { stats: { removed: number } };
    expect(rm.stats.removed).toBe(2);
    const h1 = ((await db.collection('campaigns').where({ grp: 'h' }).get()) as { data: Array<{ _id: string }> }).data[0];
    const drm = (await db.collection('campaigns').doc(h1._id).remove()) as { stats: { removed: number } };
    expect(drm.stats.removed).toBe(1);
    expect(lastBody(h, 'database.removeDocument')).toMatchObject({ queryType: 'DOC', multi: false });
    expect(
      (
        (await db
          .collection('campaigns')
          .where({ grp: db.command.in(['g', 'h']) })
          .count()) as { total: number }
      ).total,
    ).toBe(0);
  });

  test('an update through a scalar or an array operator on a non-array fails like MongoDB and writes nothing', async () => {
    // MongoDB refuses these (PathNotViable "Cannot create field ... in element", BadValue "must be an array");
    // CloudBase passes the refusal through as DATABASE_REQUEST_FAILED, which wx-server-sdk maps to -502001.
    const _ = db.command;
    await db.collection('campaigns').add({ data: { _id: 'sc', a: 7, s: 'text', list: [1], n: 1 } });
    const doc = db.collection('campaigns').doc('sc');
    const cases: Array<[object, RegExp]> = [
      [{ 'a.b': 1 }, /Cannot create field 'b' in element \{a: 7\}/],
      [{ a: { b: 1 } }, /Cannot create field 'b' in element \{a: 7\}/],
      [{ 'a.b': _.inc(1) }, /Cannot create field 'b' in element \{a: 7\}/],
      [{ a: _.push(1) }, /The field 'a' must be an array but is of type int in document \{_id: "sc"\}/],
      [{ s: _.push([1, 2]) }, /The field 's' must be an array but is of type string/],
      [{ s: _.addToSet(1) }, /Cannot apply \$addToSet to non-array field/],
      [{ a: _.pull(1) }, /Cannot apply \$pull to a non-array value/],
      [{ a: _.pop() }, /Path 'a' contains an element of non-array type 'int'/],
      [{ s: _.inc(1) }, /Cannot apply \$inc to a value of non-numeric type/],
      [{ n: 2, 'list.x': 1 }, /Cannot create field 'x' in element \{list: \[1\]\}/],
    ];
    for (const [data, message] of cases) {
      const err = await failure(doc.update({ data }));
      expect(err.errCode).toBe(-502001);
      expect(err.errMsg).toMatch(message);
      expect(err.errMsg).not.toMatch(/is not a function|undefined/);
    }
    expect(((await doc.get()) as { data: unknown }).data).toEqual({ _id: 'sc', a: 7, s: 'text', list: [1], n: 1 });
    // What MongoDB allows still works: a new path, an array index, $unset through a scalar (a no-op).
    await doc.update({ data: { 'm.k': 1, 'list.0': 5, 'a.z': _.remove() } });
    expect(((await doc.get()) as { data: unknown }).data).toEqual({ _id: 'sc', a: 7, s: 'text', list: [5], n: 1, m: { k: 1 } });
  });

  test('cannot change _id', async () => {
    const err = await failure(
      db
        .collection('campaigns')
        .doc('new-one')
        .update({ data: { _id: 'x' } }),
    );
    expect(err.errMsg).toMatch(/_id/);
  });
});

describe('unique indexes', () => {
  test('insert, update and upsert respect unique; sparse ignores missing fields', async () => {
    const m = db.collection('members');
    await m.add({
      data: [
        { _id: 'm1', studentNo: '2024001' },
        { _id: 'm2', studentNo: '2024002' },
      ],
    });
    // openid is unique + sparse: two members without openid are fine, two with the same are not.
    await m.doc('m1').update({ data: { openid: 'OPEN-1' } });
    let err = await failure(m.add({ data: { studentNo: '2024001' } }));
    expect(err.errCode).toBe(-502001);
    expect(err.errMsg).toMatch(/E11000 duplicate key error collection: members index: studentNo dup key: \{ studentNo: "2024001" \}/);
    err = await failure(m.doc('m2').update({ data: { openid: 'OPEN-1' } }));
    expect(err.errMsg).toMatch(/index: openid/);
    err = await failure(m.doc('m3').set({ data: { studentNo: '2024002' } }));
    expect(err.errMsg).toMatch(/index: studentNo/);
    err = await failure(m.where({ _id: db.command.in(['m1', 'm2']) }).update({ data: { studentNo: 'same' } }));
    expect(err.errMsg).toMatch(/index: studentNo/);
    // Nothing of the failed multi update was written.
    const nos = ((await m.where({}).orderBy('_id', 'asc').get()) as { data: Array<{ studentNo: string }> }).data.map((d) => d.studentNo);
    expect(nos).toEqual(['2024001', '2024002']);
    // A unique value can move once its old owner lets go of it.
    await m.doc('m1').update({ data: { openid: db.command.remove() } });
    await m.doc('m2').update({ data: { openid: 'OPEN-1' } });
  });

  test('compound unique (roles.grant)', async () => {
    const r = db.collection('roles');
    await r.add({ data: { holderId: 's-a', role: 'admin', orgId: 'o1' } });
    await r.add({ data: { holderId: 's-a', role: 'admin', orgId: 'o2' } });
    const err = await failure(r.add({ data: { holderId: 's-a', role: 'admin', orgId: 'o1' } }));
    expect(err.errMsg).toMatch(/index: grant dup key: \{ holderId: "s-a", role: "admin", orgId: "o1" \}/);
  });
});

describe('limits', () => {
  beforeAll(async () => {
    const docs = Array.from({ length: 1200 }, (_v, i) => ({ i }));
    await db.createCollection('bulk');
    for (let k = 0; k < docs.length; k += 400) await db.collection('bulk').add({ data: docs.slice(k, k + 400) });
  });

  test('get() returns 100, limit(1000) 1000, limit(5000) 1000; the SDK sends limit 100/1000', async () => {
    const c = db.collection('bulk');
    expect(((await c.get()) as { data: unknown[] }).data).toHaveLength(100);
    expect(lastBody(h, 'database.getDocument').limit).toBe(100);
    expect(((await c.limit(1000).get()) as { data: unknown[] }).data).toHaveLength(1000);
    expect(((await c.limit(5000).get()) as { data: unknown[] }).data).toHaveLength(1000);
    expect(lastBody(h, 'database.getDocument').limit).toBe(1000);
    const page = (await c.orderBy('i', 'asc').skip(1150).limit(100).get()) as { data: Array<{ i: number }> };
    expect(page.data.map((d) => d.i)).toEqual(Array.from({ length: 50 }, (_v, k) => 1150 + k));
  });

  test('aggregate without a $limit stage returns 20 rows; an explicit limit returns more, skip pages on', async () => {
    // CloudBase answers 20 rows when the pipeline has no limit stage (reported by its users; the official
    // pages are silent); the SDK sends the pipeline as given (@cloudbase/database aggregate.js end()).
    const $ = db.command.aggregate;
    const grouped = (): SdkAggregate =>
      db
        .collection('bulk')
        .aggregate()
        .group({ _id: '$i', n: $.sum(1) })
        .sort({ _id: 1 });
    const plain = (await grouped().end()) as { list: Array<{ _id: number }> };
    expect(plain.list).toHaveLength(20);
    expect((lastBody(h, 'database.aggregateDocuments').stages as Array<{ stageKey: string }>).map((s) => s.stageKey)).toEqual([
      '$group',
      '$sort',
    ]);
    const limited = (await grouped().limit(1000).end()) as { list: Array<{ _id: number }> };
    expect(limited.list).toHaveLength(1000);
    const rest = (await grouped().skip(1000).limit(1000).end()) as { list: Array<{ _id: number }> };
    expect(rest.list.map((r) => r._id)).toEqual(Array.from({ length: 200 }, (_v, k) => 1000 + k));
  });

  test('the server itself caps at 1000 and defaults to 100', async () => {
    const big = (await h.db.handle('database.getDocument', { collectionName: 'bulk', queryType: 'WHERE', limit: 5000 })) as {
      data: { list: unknown[] };
    };
    expect(big.data.list).toHaveLength(1000);
    const dflt = (await h.db.handle('database.getDocument', { collectionName: 'bulk', queryType: 'WHERE' })) as {
      data: { list: unknown[] };
    };
    expect(dflt.data.list).toHaveLength(100);
  });
});

describe('transactions', () => {
  beforeAll(async () => {
    await db.collection('campaigns').add({
      data: [
        { _id: 't1', bal: 100 },
        { _id: 't2', bal: 0 },
      ],
    });
  });

  test('startTransaction: get, set, update, delete, commit are atomic and visible after commit', async () => {
    const _ = db.command;
    const t = await db.startTransaction();
    expect(lastBody(h, 'database.startTransaction')).toBeDefined();
    const got = (await t.collection('campaigns').doc('t1').get()) as { data: { bal: number } };
    expect(got.data.bal).toBe(100);
    await t
      .collection('campaigns')
      .doc('t1')
      .update({ data: { bal: _.inc(-30) } });
    await t
      .collection('campaigns')
      .doc('t2')
      .update({ data: { bal: _.inc(30) } });
    await t
      .collection('campaigns')
      .doc('t3')
      .set({ data: { made: true } });
    await t.collection('campaigns').doc('new-one').remove();
    expect(lastBody(h, 'database.modifyDocument').transactionId).toEqual(expect.any(String));
    // Reads inside see own writes; outside nothing changed yet.
    expect(((await t.collection('campaigns').doc('t1').get()) as { data: { bal: number } }).data.bal).toBe(70);
    expect(((await db.collection('campaigns').doc('t1').get()) as { data: { bal: number } }).data.bal).toBe(100);
    await t.commit();
    expect(lastBody(h, 'database.commitTransaction').transactionId).toEqual(expect.any(String));
    expect(((await db.collection('campaigns').doc('t1').get()) as { data: { bal: number } }).data.bal).toBe(70);
    expect(((await db.collection('campaigns').doc('t2').get()) as { data: { bal: number } }).data.bal).toBe(30);
    expect(((await db.collection('campaigns').doc('t3').get()) as { data: unknown }).data).toEqual({ _id: 't3', made: true });
    expect((await failure(db.collection('campaigns').doc('new-one').get())).errMsg).toMatch(/does not exist/);
  });

  test('rollback discards the writes', async () => {
    const t = await db.startTransaction();
    await t
      .collection('campaigns')
      .doc('t1')
      .update({ data: { bal: 0 } });
    await t.rollback();
    expect(lastBody(h, 'database.abortTransaction').transactionId).toEqual(expect.any(String));
    expect(((await db.collection('campaigns').doc('t1').get()) as { data: { bal: number } }).data.bal).toBe(70);
  });

  /*
   * CloudBase's transaction rules, as the admin SDK's own tests assert them against the service
   * (TencentCloudBase/tcb-admin-node test/database/unit/transaction.test.ts: 冲突检测, 读快照, 读偏,
   * 事务提交后不能进行其它操作) and the 数据库事务 guide: a transactional write locks the document; another
   * transaction writing it fails at that write; a plain write waits; reads take no lock and see the
   * snapshot; a transaction must commit within 30 s.
   */
  type Bal = { data: { bal: number } };
  const bal = async (id: string): Promise<number> => ((await db.collection('campaigns').doc(id).get()) as Bal).data.bal;
  const setBal = (id: string, v: number): Promise<unknown> =>
    db
      .collection('campaigns')
      .doc(id)
      .update({ data: { bal: v } });

  test('reads take no lock: a read-then-write transaction whose read went stale still commits (write skew)', async () => {
    await setBal('t1', 100);
    await setBal('t2', 0);
    const t = await db.startTransaction();
    const read = ((await t.collection('campaigns').doc('t1').get()) as Bal).data.bal;
    // A plain write to the document the transaction only read goes through at once: no lock, no wait.
    await setBal('t1', 0);
    // The transaction still sees its snapshot and writes another document from it.
    expect(((await t.collection('campaigns').doc('t1').get()) as Bal).data.bal).toBe(100);
    await t
      .collection('campaigns')
      .doc('t2')
      .update({ data: { bal: read } });
    // CloudBase commits it: code that counts on the read being protected is only safe locally.
    await t.commit();
    expect(await bal('t1')).toBe(0);
    expect(await bal('t2')).toBe(100);
  });

  test('a second transactional writer fails at its write with DATABASE_TRANSACTION_CONFLICT; the first commits', async () => {
    const a = await db.startTransaction();
    const b = await db.startTransaction();
    await a
      .collection('campaigns')
      .doc('t2')
      .update({ data: { bal: 1 } });
    const err = await failure(
      b
        .collection('campaigns')
        .doc('t2')
        .update({ data: { bal: 2 } }),
    );
    // wx-server-sdk keeps CloudBase's text but maps the unknown code to -501001.
    expect(err.errCode).toBe(-501001);
    expect(err.errMsg).toMatch(/\[ResourceUnavailable\.TransactionConflict\] Transaction is conflict/);
    expect(isTransactionConflict(err)).toBe(true);
    expect(isDuplicateKey(err)).toBe(false);
    // The conflict aborted b: its later calls find no transaction (raw TcbError through Transaction.commit).
    await expect(b.commit()).rejects.toMatchObject({
      code: 'DATABASE_TRANSACTION_FAIL',
      message: expect.stringMatching(/TransactionNotExist/),
    });
    await a.commit();
    expect(await bal('t2')).toBe(1);
  });

  test('a write to a document changed since the snapshot fails the same way (读偏)', async () => {
    await setBal('t1', 5);
    const t = await db.startTransaction();
    await t.collection('campaigns').doc('t1').get();
    await setBal('t1', 6);
    expect(((await t.collection('campaigns').doc('t1').get()) as Bal).data.bal).toBe(5);
    const err = await failure(
      t
        .collection('campaigns')
        .doc('t1')
        .update({ data: { bal: 7 } }),
    );
    expect(err.errMsg).toMatch(/TransactionConflict/);
    expect(await bal('t1')).toBe(6);
  });

  test('a plain write to a document a transaction wrote waits until the transaction ends', async () => {
    await setBal('t1', 10);
    const t = await db.startTransaction();
    await t
      .collection('campaigns')
      .doc('t1')
      .update({ data: { bal: 500 } });
    let done = false;
    const plain = db
      .collection('campaigns')
      .doc('t1')
      .update({ data: { bal: db.command.inc(1) } })
      .then(() => (done = true));
    // Other requests are answered meanwhile; the waiting write is not.
    expect(await bal('t1')).toBe(10);
    expect(((await t.collection('campaigns').doc('t1').get()) as Bal).data.bal).toBe(500);
    expect(done).toBe(false);
    await t.commit();
    await plain;
    expect(await bal('t1')).toBe(501);
  });

  test('a transaction that does not commit within 30 s is aborted: locks go, commit fails, nothing is written', async () => {
    await setBal('t1', 1);
    const t = await db.startTransaction();
    await t
      .collection('campaigns')
      .doc('t1')
      .update({ data: { bal: 999 } });
    const plain = setBal('t1', 2);
    // Move the server clock, not the test: the next request ends the transaction and frees the write.
    h.clock.now = new Date(h.clock.now.getTime() + 30_001);
    await db.collection('campaigns').doc('t2').get();
    await plain;
    expect(await bal('t1')).toBe(2);
    await expect(t.commit()).rejects.toMatchObject({
      code: 'DATABASE_TRANSACTION_FAIL',
      message: expect.stringMatching(/must be commit or abort in 30 seconds/),
    });
    await expect(t.rollback()).rejects.toMatchObject({ code: 'DATABASE_TRANSACTION_FAIL' });
    expect(await bal('t1')).toBe(2);
  });

  test("runTransaction commits the callback's writes and returns its value", async () => {
    const result = (await db.runTransaction(async (t: SdkTransaction) => {
      const doc = (await t.collection('campaigns').doc('t2').get()) as Bal;
      await t
        .collection('campaigns')
        .doc('t2')
        .update({ data: { bal: doc.data.bal + 1 } });
      return doc.data.bal;
    })) as number;
    expect(await bal('t2')).toBe(result + 1);
  });

  test('runTransaction (wx-server-sdk) does not retry a conflict at a write: it rolls back and throws', async () => {
    const holder = await db.startTransaction();
    await holder
      .collection('campaigns')
      .doc('t1')
      .update({ data: { bal: 3 } });
    let attempts = 0;
    const err = await failure(
      db.runTransaction(async (t: SdkTransaction) => {
        attempts++;
        await t
          .collection('campaigns')
          .doc('t1')
          .update({ data: { bal: 4 } });
      }),
    );
    // @cloudbase/database retries only on err.code === DATABASE_TRANSACTION_CONFLICT, which wx-server-sdk drops.
    expect(attempts).toBe(1);
    expect(err.errMsg).toMatch(/TransactionConflict/);
    await holder.rollback();
    expect(await bal('t1')).toBe(2);
  });

  test('a where() update on a transaction runs outside it (the SDK sends no transactionId): applied at once, not rolled back, warned', async () => {
    await db.collection('campaigns').add({ data: [{ grp: 'tw', v: 1 }] });
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    try {
      const t = await db.startTransaction();
      await t
        .collection('campaigns')
        .where({ grp: 'tw' })
        .update({ data: { v: 2 } });
      expect(lastBody(h, 'database.modifyDocument').transactionId).toBeUndefined();
      await t.rollback();
      expect(warn).toHaveBeenCalledWith(expect.stringMatching(/事务进行中执行了 where\(\) update/));
    } finally {
      warn.mockRestore();
    }
    const docs = ((await db.collection('campaigns').where({ grp: 'tw' }).get()) as { data: Array<{ v: number }> }).data;
    expect(docs.map((d) => d.v)).toEqual([2]);
  });

  test('a unique violation at commit fails the commit and writes nothing', async () => {
    await db.collection('members').add({ data: { _id: 'tx-m', studentNo: 'TX-1' } });
    const t = await db.startTransaction();
    await t
      .collection('members')
      .doc('tx-m2')
      .set({ data: { studentNo: 'TX-1' } });
    await t
      .collection('members')
      .doc('tx-m')
      .update({ data: { note: 'x' } });
    const err = await t.commit().then(
      () => null,
      (e: unknown) => e,
    );
    // A transaction's commit passes node-sdk's TcbError through: the string code, not errCode.
    expect(err).toMatchObject({ code: 'DATABASE_REQUEST_FAILED', message: expect.stringMatching(/E11000 duplicate key error/) });
    expect(isDuplicateKey(err)).toBe(true);
    expect((await db.collection('members').doc('tx-m').get()) as { data: unknown }).toMatchObject({
      data: { _id: 'tx-m', studentNo: 'TX-1' },
    });
  });
});

describe('concurrency and scale', () => {
  test('50 parallel inc lose no update', async () => {
    await db.collection('campaigns').add({ data: { _id: 'ctr', n: 0 } });
    await Promise.all(
      Array.from({ length: 50 }, () =>
        db
          .collection('campaigns')
          .doc('ctr')
          .update({ data: { n: db.command.inc(1) } }),
      ),
    );
    expect(((await db.collection('campaigns').doc('ctr').get()) as { data: { n: number } }).data.n).toBe(50);
  });

  test('an indexed equality query on 30,000 documents is fast', async () => {
    const t0 = Date.now();
    for (let k = 0; k < 30000; k += 1000) {
      const data = Array.from({ length: 1000 }, (_v, i) =>
        JSON.stringify({ studentNo: `S${k + i}`, branchId: `b${(k + i) % 50}`, orgPath: ['root', `b${(k + i) % 50}`] }),
      );
      await h.db.handle('database.insertDocument', { collectionName: 'members', data });
    }
    const seeded = Date.now() - t0;
    const t1 = Date.now();
    for (let i = 0; i < 20; i++) {
      const res = (await db
        .collection('members')
        .where({ studentNo: `S${i * 1000 + 7}` })
        .get()) as { data: unknown[] };
      expect(res.data).toHaveLength(1);
    }
    const byIn = (await db
      .collection('members')
      .where({ branchId: db.command.in(['b1', 'b2']) })
      .limit(1000)
      .get()) as { data: unknown[] };
    expect(byIn.data).toHaveLength(1000);
    const byArray = (await db.collection('members').where({ orgPath: 'b3' }).count()) as { total: number };
    expect(byArray.total).toBe(600);
    const perQuery = (Date.now() - t1) / 22;
    expect(perQuery).toBeLessThan(50);
    expect(seeded).toBeLessThan(30000);
  });
});
