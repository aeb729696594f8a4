/** `npm run reset`: deletes the local data directory (database, storage, inbox) after saying what it removes. */
import { existsSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';

const dataDir = resolve(__dirname, '..', process.env.STRIVE_DATA_DIR ?? '.data');
if (!existsSync(dataDir)) {
  console.log(`${dataDir} does not exist; nothing to reset.`);
} else {
  rmSync(dataDir, { recursive: true, force: true });
  console.log(`removed ${dataDir}; the next npm start seeds fresh demo data.`);
}
