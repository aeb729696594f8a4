/**
 * The product's one aggregate (orgs.activeChildCounts, behind org.detail's child counts) under CloudBase's
 * rule that an aggregate without a $limit stage returns 20 rows (test/emulator/db-sdk.test.ts pins the
 * rule): with more than 20 parents, and more than the 100 one `in` carries, every parent gets its count.
 */
import { orgs } from '../../cloudfunctions/shared/repositories/orgs';
import { seededEmulator } from '../support/emulator';

const env = seededEmulator();

test('activeChildCounts counts the active children of 130 parents, not only the first 20', async () => {
  // seedDemo pointed the SDK (and so the repositories) at this emulator.
  const parents = Array.from({ length: 130 }, (_v, i) => `cc-p-${i}`);
  const docs: object[] = [];
  parents.forEach((parentId, i) => {
    for (let k = 0; k < (i % 4) + 1; k++) docs.push({ _id: `${parentId}-c${k}`, parentId, archived: false, order: k });
    docs.push({ _id: `${parentId}-old`, parentId, archived: true, order: 9 });
  });
  for (let i = 0; i < docs.length; i += 200) await env.db.collection('orgs').add({ data: docs.slice(i, i + 200) });

  const counts = await orgs.activeChildCounts(parents);
  expect(parents.map((p) => counts.get(p) ?? 0)).toEqual(parents.map((_p, i) => (i % 4) + 1));
});
