/**
 * Child process for the durability test: writes documents through the engine in a loop and prints
 * each acknowledged _id. The test kills it with SIGKILL mid-loop.
 */
import { openDatabase } from '../../emulator/db';
import { COLLECTIONS } from '../../cloudfunctions/shared/collections';

async function main(): Promise<void> {
  const dir = process.argv[2];
  const db = openDatabase({ dir, collections: COLLECTIONS });
  for (let i = 0; ; i++) {
    const payload = JSON.stringify({ i, text: 'x'.repeat(200), at: { $date: { $numberLong: String(Date.now()) } } });
    const res = (await db.handle('database.insertDocument', { collectionName: 'audit', data: [payload] })) as {
      data: { insertedIds: string[] };
    };
    process.stdout.write(`${res.data.insertedIds[0]}\n`);
    if (i % 7 === 0) {
      await db.handle('database.modifyDocument', {
        collectionName: 'audit',
        queryType: 'DOC',
        query: JSON.stringify({ _id: res.data.insertedIds[0] }),
        data: JSON.stringify({ $set: { touched: true } }),
        merge: true,
        multi: false,
        upsert: false,
      });
      process.stdout.write(`touched ${res.data.insertedIds[0]}\n`);
    }
  }
}

void main();
