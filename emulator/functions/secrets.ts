/**
 * Secrets a function reads from its environment (console → 云函数 → 环境变量 in production, set at deploy):
 * a function's config.json names them in `envSecrets`. Locally each name gets 32 random bytes once per data
 * directory, kept in `<dataDir>/function-secrets.json`, so a restart keeps them (a ballot marker made before
 * the restart still matches) and a fresh `.data/` gets new ones. The values never leave this file and the
 * instances' environment.
 */
import crypto from 'crypto';
import fs from 'fs';
import path from 'path';
import { isRecord } from '../http/body';

const NAME = /^[A-Z][A-Z0-9_]{1,63}$/;

export class FunctionSecrets {
  private values: Record<string, string> = {};

  constructor(private readonly file: string) {
    if (!fs.existsSync(file)) return;
    const raw: unknown = JSON.parse(fs.readFileSync(file, 'utf8'));
    if (!isRecord(raw)) return;
    for (const [k, v] of Object.entries(raw)) if (typeof v === 'string' && NAME.test(k)) this.values[k] = v;
  }

  /** The values of these names, generating (and keeping) the missing ones; invalid names are skipped. */
  valuesFor(names: readonly string[]): Record<string, string> {
    const out: Record<string, string> = {};
    let added = false;
    for (const name of names) {
      if (!NAME.test(name)) continue;
      if (!this.values[name]) {
        this.values[name] = crypto.randomBytes(32).toString('hex');
        added = true;
      }
      out[name] = this.values[name];
    }
    if (added) {
      fs.mkdirSync(path.dirname(this.file), { recursive: true });
      const tmp = `${this.file}.tmp`;
      fs.writeFileSync(tmp, JSON.stringify(this.values), { mode: 0o600 });
      fs.renameSync(tmp, this.file);
    }
    return out;
  }
}
